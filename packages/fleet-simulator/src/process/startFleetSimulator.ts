import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../scenario/loadScenario';
import type { FleetFile } from '../types';

/** How to start the simulator CLI in a process of its own. @public */
export type StartFleetSimulatorOptions = {
  /** A scenario file, or a generated cluster; neither: the CLI's demo scenario. */
  scenarioFile?: string;
  generate?: { nodes: number; pods: number; seed: number };
  /** Where the CLI writes fleet.json; default a fresh temp dir, removed by `stop()`. */
  stateDir?: string;
  /** More CLI arguments, after the ones built from these options. */
  args?: string[];
  /** More environment variables, over this process's own. */
  env?: NodeJS.ProcessEnv;
  /** The simulator's stderr: read into the output (default) or shared with this process. */
  stderr?: 'pipe' | 'inherit';
  /** How long to wait for the ready line; default 120 s. */
  timeoutMs?: number;
  /** Called with the child right after the spawn, e.g. to kill it if the caller is interrupted. */
  onSpawn?: (child: ChildProcess) => void;
};

/** A simulator CLI running in its own process. @public */
export type FleetSimulatorProcess = {
  /** The state dir's fleet.json: endpoints, credentials and clusters. */
  fleet: FleetFile;
  stateDir: string;
  pid: number;
  /** The admin API's base URL (the fleet file's `adminEndpoint`). */
  adminUrl: string;
  /** Sends SIGTERM, waits for the exit and removes a temp state dir. */
  stop(): Promise<void>;
};

const READY_LINE = 'fleet-simulator ready';

function cliArgs(options: StartFleetSimulatorOptions, stateDir: string) {
  const args = ['--state-dir', stateDir];
  args.push('--admin-port', '0', '--aws-port', '0', '--kube-base-port', '0');
  if (options.generate) {
    const { nodes, pods, seed } = options.generate;
    args.push('--nodes', String(nodes), '--pods', String(pods));
    args.push('--seed', String(seed));
  } else if (options.scenarioFile) {
    args.push('--scenario', options.scenarioFile);
  }
  return [...args, ...(options.args ?? [])];
}

/** Resolves on the ready line; rejects with the output on an early exit or the timeout. */
function waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  let output = '';
  let ready = false;
  return new Promise<void>((resolve, reject) => {
    const failure = (reason: string) =>
      new Error(`fleet-simulator ${reason}:\n${output}`);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(failure(`was not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(failure(reason));
    };
    // Read on after the ready line, or a full pipe would block the child.
    const onData = (data: Buffer) => {
      if (ready) return;
      output += data.toString('utf8');
      if (output.includes(READY_LINE)) {
        ready = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', error => fail(`could not start: ${error.message}`));
    child.once('exit', code =>
      fail(`exited with code ${code} before it was ready`),
    );
  });
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Starts the simulator CLI in a child process on ephemeral loopback ports, so
 * that its memory and CPU are not the caller's (benches, soak runs, tests of
 * several processes). Resolves once the CLI is ready and its fleet file written.
 * @public
 */
export async function startFleetSimulator(
  options: StartFleetSimulatorOptions = {},
): Promise<FleetSimulatorProcess> {
  const ownStateDir = options.stateDir === undefined;
  const stateDir =
    options.stateDir ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-simulator-'));
  const removeStateDir = () => {
    if (ownStateDir) fs.rmSync(stateDir, { recursive: true, force: true });
  };
  const child = spawn(
    process.execPath,
    [
      path.join(packageRoot(), 'bin', 'fleet-simulator'),
      ...cliArgs(options, stateDir),
    ],
    {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', options.stderr ?? 'pipe'],
    },
  );
  options.onSpawn?.(child);
  try {
    await waitForReady(child, options.timeoutMs ?? 120_000);
  } catch (error) {
    removeStateDir();
    throw error;
  }
  const fleet = JSON.parse(
    fs.readFileSync(path.join(stateDir, 'fleet.json'), 'utf8'),
  ) as FleetFile;
  return {
    fleet,
    stateDir,
    pid: child.pid!,
    adminUrl: fleet.adminEndpoint,
    async stop() {
      await stopChild(child);
      removeStateDir();
    },
  };
}
