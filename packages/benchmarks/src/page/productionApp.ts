import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { trackChild, untrackChild } from '../childCleanup';
import { benchAppConfig, isReservedPort } from './benchAppConfig';

const REPO_ROOT = resolvePackagePath('@eks-platform/benchmarks', '../..');
const APP_DIR = path.join(REPO_ROOT, 'packages', 'app');
const BACKEND_DIR = path.join(REPO_ROOT, 'packages', 'backend');

/** The last `limit` characters a child wrote, for error messages. */
function outputTail(child: ChildProcess, limit = 4000) {
  let text = '';
  const keep = (data: Buffer) => {
    text = (text + data.toString('utf8')).slice(-limit);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

/**
 * `backstage-cli package build` in packages/app: the production frontend
 * bundle in packages/app/dist (git-ignored), the one plugin-app-backend serves.
 * Always rebuilt, so the measured bundle is the working tree's.
 */
export async function buildAppBundle(log: (line: string) => void) {
  const cli = require.resolve('@backstage/cli/bin/backstage-cli', {
    paths: [APP_DIR],
  });
  log('page: building the production frontend (packages/app) ...');
  const started = Date.now();
  const child = spawn(process.execPath, [cli, 'package', 'build'], {
    cwd: APP_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  trackChild(child, { group: false });
  const tail = outputTail(child);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(
      `building packages/app failed (exit ${code}):\n${tail().slice(-1500)}`,
    );
  }
  const seconds = (Date.now() - started) / 1000;
  log(`page: production frontend built in ${seconds.toFixed(1)} s`);
  return { seconds, distDir: path.join(APP_DIR, 'dist') };
}

/** A free loopback port outside the reserved ones (asked from the OS). */
export async function freeLoopbackPort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
    if (!isReservedPort(port)) return port;
  }
}

async function answers(url: string) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

export type ProductionApp = {
  url: string;
  pid: number;
  startSeconds: number;
  stop(): Promise<void>;
};

/**
 * The repository's backend (packages/backend, from source through the
 * backstage-cli transform, no file watching) with NODE_ENV=production on a
 * free loopback port, reading app-config.yaml plus {@link benchAppConfig}:
 * its plugin-app-backend serves packages/app/dist on the same origin, as in a
 * deployment. It runs in its own process group, stopped as a whole.
 */
export async function startProductionApp(options: {
  log: (line: string) => void;
  timeoutMs?: number;
}): Promise<ProductionApp> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-bench-app-'));
  const port = await freeLoopbackPort();
  const configFile = path.join(workDir, 'app-config.bench.yaml');
  // JSON is YAML.
  fs.writeFileSync(
    configFile,
    JSON.stringify(benchAppConfig({ port, workDir }), null, 2),
  );
  fs.mkdirSync(path.join(workDir, 'catalog'));
  const url = `http://127.0.0.1:${port}`;
  // Kept after the run (overwritten by the next one) for a look at what the backend said.
  const logFile = path.join(os.tmpdir(), 'eks-bench-app.log');
  const logFd = fs.openSync(logFile, 'w');
  options.log(
    `page: starting the backend serving it on ${url} (log: ${logFile}) ...`,
  );
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(REPO_ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: BACKEND_DIR,
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        EKS_PLATFORM_GITOPS_DIR: workDir,
      },
    },
  );
  fs.closeSync(logFd);
  const pid = child.pid!;
  trackChild(child, { group: true });
  const tail = () => {
    const text = fs.readFileSync(logFile, 'utf8');
    return `${text.slice(-1500)}\n(whole log: ${logFile})`;
  };
  let exited: string | undefined;
  const exit = new Promise<void>(resolve =>
    child.once('exit', (code, signal) => {
      exited = `exit ${code ?? signal}`;
      resolve();
    }),
  );

  const stop = async () => {
    if (!exited) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const killed = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 10_000);
      await exit;
      clearTimeout(killed);
    }
    // The group may hold more than the leader (none today); make sure.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone, as expected.
    }
    untrackChild(pid);
    fs.rmSync(workDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + (options.timeoutMs ?? 5 * 60_000);
    for (;;) {
      if (exited) {
        throw new Error(
          `the backend ended (${exited}) before it was ready:\n${tail()}`,
        );
      }
      if (
        (await answers(`${url}/.backstage/health/v1/readiness`)) &&
        (await answers(url))
      ) {
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`the backend did not get ready in time:\n${tail()}`);
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const startSeconds = (Date.now() - started) / 1000;
  options.log(`page: backend ready in ${startSeconds.toFixed(1)} s`);
  return { url, pid, startSeconds, stop };
}
