import type { FleetFile } from '@eks-platform/fleet-simulator';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trackChild } from './childCleanup';

/** A fleet simulator running in its own process, so its memory is not counted. */
export type SimulatorProcess = {
  fleet: FleetFile;
  stateDir: string;
  pid: number;
  /** Peak RSS of the simulator process so far (VmHWM), in bytes. */
  peakRssBytes(): number;
  /** Request counts per path, as the simulator's admin API reports them. */
  requests(
    cluster?: string,
  ): Promise<Array<{ api: string; path: string; count: number }>>;
  resetRequests(): Promise<void>;
  stop(): Promise<void>;
};

const SIMULATOR_BIN = require.resolve(
  '@eks-platform/fleet-simulator/bin/fleet-simulator',
);

/**
 * Starts `fleet-simulator` on ephemeral loopback ports: a generated cluster
 * (`generate`) or a scenario file.
 */
export async function startSimulatorProcess(
  source:
    | { generate: { nodes: number; pods: number; seed: number } }
    | { scenarioFile: string },
): Promise<SimulatorProcess> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-bench-sim-'));
  const args = [
    SIMULATOR_BIN,
    '--state-dir',
    stateDir,
    '--admin-port',
    '0',
    '--aws-port',
    '0',
    '--kube-base-port',
    '0',
  ];
  if ('generate' in source) {
    const { nodes, pods, seed } = source.generate;
    args.push(
      '--nodes',
      String(nodes),
      '--pods',
      String(pods),
      '--seed',
      String(seed),
    );
  } else {
    args.push('--scenario', source.scenarioFile);
  }
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child, { group: false });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString('utf8');
      if (output.includes('fleet-simulator ready')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code =>
      reject(
        new Error(
          `fleet-simulator exited with code ${code} before it was ready:\n${output}`,
        ),
      ),
    );
  });
  const fleet = JSON.parse(
    fs.readFileSync(path.join(stateDir, 'fleet.json'), 'utf8'),
  ) as FleetFile;
  const pid = child.pid!;

  return {
    fleet,
    stateDir,
    pid,
    peakRssBytes() {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      } catch {
        return 0;
      }
    },
    async requests(cluster?: string) {
      const url = new URL(`${fleet.adminEndpoint}/admin/requests`);
      if (cluster) url.searchParams.set('cluster', cluster);
      const response = await fetch(url);
      const body = (await response.json()) as {
        requests: Array<{ api: string; path: string; count: number }>;
      };
      return body.requests.map(r => ({
        api: r.api,
        path: r.path,
        count: r.count,
      }));
    },
    async resetRequests() {
      await fetch(`${fleet.adminEndpoint}/admin/requests/reset`, {
        method: 'POST',
      });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
