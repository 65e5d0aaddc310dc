import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const frontendUrl = process.env.EKS_PLATFORM_APP_URL ?? 'http://localhost:3000';
const backendReadiness = 'http://localhost:7007/.backstage/health/v1/readiness';

async function isUp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitFor(
  url: string,
  deadline: number,
  exited: () => string | undefined,
) {
  while (Date.now() < deadline) {
    if (await isUp(url)) return;
    const reason = exited();
    if (reason)
      throw new Error(
        `the start command ended (${reason}) before ${url} answered; see .ci-out/app.log`,
      );
    await new Promise(resolve => setTimeout(resolve, 1_000));
  }
  throw new Error(
    `${url} did not answer within the start timeout; see .ci-out/app.log`,
  );
}

/**
 * Waits until the backend has collected every configured cluster once (the first scheduled
 * collection runs a few seconds after start), so pages opened by the tests show numbers rather
 * than the "never collected" state a user would see in the first seconds.
 */
async function waitForFirstCollection(deadline: number) {
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const refresh = await fetch(
        'http://localhost:7007/api/auth/guest/refresh',
        {
          method: 'POST',
          signal: AbortSignal.timeout(5_000),
        },
      );
      const token = (await refresh.json())?.backstageIdentity?.token;
      const response = await fetch(
        'http://localhost:7007/api/eks-platform/clusters',
        {
          headers: { Authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(5_000),
        },
      );
      const body = (await response.json()) as {
        items?: Array<{ name: string; collectedAt?: string }>;
      };
      const pending = (body.items ?? [])
        .filter(c => !c.collectedAt)
        .map(c => c.name);
      if (response.ok && body.items?.length && pending.length === 0) return;
      last = response.ok
        ? `not collected yet: ${pending.join(', ')}`
        : `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise(resolve => setTimeout(resolve, 1_000));
  }
  throw new Error(
    `the demo fleet was not collected in time (${last}); see .ci-out/app.log`,
  );
}

/**
 * Starts the app the way a user does (`bash scripts/run.sh start`, the README's start command) unless it
 * already runs, waits until the backend is ready and the frontend answers, and returns the teardown that
 * stops the whole process group.
 */
export default async function globalSetup() {
  if ((await isUp(backendReadiness)) && (await isUp(frontendUrl))) {
    console.log('[e2e] using the app already running on :3000 and :7007');
    await waitForFirstCollection(Date.now() + 3 * 60_000);
    return undefined;
  }
  mkdirSync(join(root, '.ci-out'), { recursive: true });
  const log = openSync(join(root, '.ci-out', 'app.log'), 'w');
  const started = Date.now();
  const child = spawn('bash', ['scripts/run.sh', 'start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, BROWSER: 'none' },
  });
  let exitReason: string | undefined;
  child.on('exit', (code, signal) => {
    exitReason = `exit ${code ?? signal}`;
  });
  const stop = async () => {
    if (exitReason) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 15_000;
    while (!exitReason && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    if (!exitReason) process.kill(-child.pid!, 'SIGKILL');
  };
  try {
    const deadline = Date.now() + 6 * 60_000;
    await waitFor(backendReadiness, deadline, () => exitReason);
    await waitFor(frontendUrl, deadline, () => exitReason);
    await waitForFirstCollection(Date.now() + 3 * 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  console.log(
    `[e2e] app started with the README's start command in ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)}s`,
  );
  return stop;
}
