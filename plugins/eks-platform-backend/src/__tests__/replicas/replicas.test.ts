import { TestDatabases } from '@backstage/backend-test-utils';
import type {
  ClusterDetail,
  ClusterOverviewResponse,
} from '@eks-platform/plugin-eks-platform-common';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { demoFleetConfig, startDemoFleet } from '../../__testUtils__/demoFleet';

// Two real backend processes on one PostgreSQL database. The longest part is
// the takeover after a replica dies mid-collection: Backstage's scheduler
// frees a dead worker's claim once the task's timeout has passed, when the
// surviving replica's scheduler janitor next runs (at its start, then once a
// minute), so that phase alone can take up to timeout + 60 s.
jest.setTimeout(300_000);

const FREQUENCY_S = 3;
// Long enough for a collection of the demo cluster to finish on a loaded machine (jest workers, two
// backends, the simulator and PostgreSQL on 2 cores), short enough for the takeover below.
const TIMEOUT_S = 10;
const SLOW_CLUSTER = 'prod-eu-west-1';

type Replica = {
  name: string;
  port: number;
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

function startReplica(name: string, port: number, config: object): Replica {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EKS_PLATFORM_REPLICA_CONFIG: JSON.stringify(config),
    LOG_LEVEL: 'info',
    FORCE_COLOR: '0',
  };
  // Not a test process: Backstage's scheduler skips its janitor under NODE_ENV=test.
  delete env.NODE_ENV;
  delete env.JEST_WORKER_ID;
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      // Test-only: the replica script sits next to this file's helpers.
      // eslint-disable-next-line no-restricted-syntax
      path.resolve(__dirname, '../../__testUtils__/replicaBackend.ts'),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const replica: Replica = {
    name,
    port,
    child,
    stdout: [],
    stderr: [],
    exited: new Promise(resolve => child.once('exit', code => resolve(code))),
  };
  child.stdout!.on('data', chunk => replica.stdout.push(String(chunk)));
  child.stderr!.on('data', chunk => replica.stderr.push(String(chunk)));
  return replica;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, everyMs));
  }
}

async function get<T>(replica: Replica, p: string): Promise<T> {
  const response = await fetch(
    `http://127.0.0.1:${replica.port}/api/eks-platform${p}`,
  );
  if (!response.ok) {
    throw new Error(`${replica.name} GET ${p}: HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

/** Collections a replica logged, per cluster. */
function collectedByCluster(replica: Replica): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of replica.stdout
    .join('')
    .matchAll(/Collected (\S+) in \d+ ms/g)) {
    counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  }
  return counts;
}

describe('two backend replicas on one PostgreSQL database', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  let fleet: Awaited<ReturnType<typeof startDemoFleet>>;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    fleet = await startDemoFleet();
  });
  afterAll(async () => {
    for (const replica of replicas) {
      if (replica.child.exitCode === null) replica.child.kill('SIGKILL');
      // For a failure on CI: each replica's whole log, where asked.
      const logDir = process.env.EKS_PLATFORM_REPLICA_LOG_DIR;
      if (logDir) {
        await fs.mkdir(logDir, { recursive: true });
        await fs.writeFile(
          path.join(logDir, `replica-${replica.name}.log`),
          `${replica.stdout.join('')}\n--- stderr\n${replica.stderr.join('')}`,
        );
      }
    }
    await fleet?.stop();
  });

  it('collects each cluster once per interval, serves the same whole snapshots from both, and survives losing a replica mid-collection', async () => {
    // A fresh database for this run; TestDatabases drops it afterwards.
    const knex = await databases.init('POSTGRES_15');
    const { host, port, user, password, database } = knex.client.config
      .connection as Record<string, string | number>;
    const clusters = fleet.sim.clusters();
    // Backstage creates a plugin's schema with CREATE SCHEMA IF NOT EXISTS, which PostgreSQL does
    // not make safe for two processes at once (one can fail on pg_namespace's unique index, and
    // restart). The schema exists first, as after any first start; the replicas still race to
    // migrate it, which is what the plugin's advisory lock is for.
    await knex.raw('CREATE SCHEMA IF NOT EXISTS "eks-platform"');

    for (const name of ['A', 'B']) {
      const listenPort = await freePort();
      replicas.push(
        startReplica(name, listenPort, {
          backend: {
            baseUrl: `http://127.0.0.1:${listenPort}`,
            listen: { host: '127.0.0.1', port: listenPort },
            database: {
              client: 'pg',
              connection: { host, port, user, password, database },
              pluginDivisionMode: 'schema',
              ensureSchemaExists: true,
            },
          },
          ...demoFleetConfig(fleet.sim, {
            schedule: {
              frequency: { seconds: FREQUENCY_S },
              timeout: { seconds: TIMEOUT_S },
              initialDelay: { seconds: 1 },
            },
            collection: { requestTimeoutMs: 20_000, maxRetries: 1 },
          }),
        }),
      );
    }
    const [a, b] = replicas;
    await Promise.all(
      replicas.map(r =>
        waitFor(
          `replica ${r.name} to start`,
          async () => {
            if (r.child.exitCode !== null) {
              throw new Error(
                `replica ${r.name} exited: ${r.stderr.join('').slice(-2000)}`,
              );
            }
            return r.stdout.join('').includes('REPLICA_READY')
              ? true
              : undefined;
          },
          60_000,
        ),
      ),
    );
    // Every cluster collected once before counting starts.
    await waitFor(
      'the first collection of every cluster',
      async () => {
        const { items } = await get<ClusterOverviewResponse>(a, '/clusters');
        return items.every(c => c.collectedAt) ? true : undefined;
      },
      30_000,
    );

    // --- Once per interval, whole snapshots only, from both replicas. ---
    const violations: string[] = [];
    let reads = 0;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        for (const replica of replicas) {
          for (const cluster of clusters) {
            const detail = await get<ClusterDetail>(
              replica,
              `/clusters/${cluster.name}`,
            );
            reads++;
            const problems = [
              !detail.overview.collectedAt && 'no collectedAt',
              detail.overview.partial.length > 0 &&
                `partial ${detail.overview.partial}`,
              detail.spot?.capacity.total.nodes !== cluster.nodeCount &&
                `nodes ${detail.spot?.capacity.total.nodes}`,
              (detail.spot?.capacity.total.pods ?? 0) +
                (detail.spot?.capacity.unplacedPods ?? 0) !==
                cluster.podCount && 'pod count',
              detail.overview.spot?.nodes !==
                detail.spot?.capacity.total.nodes && 'overview/detail differ',
              !detail.ip?.headroom.zones.length && 'no IP headroom',
            ].filter(Boolean);
            if (problems.length > 0) {
              violations.push(
                `${replica.name} ${cluster.name}: ${problems.join(', ')}`,
              );
            }
          }
        }
      }
    })();

    const before = new Map(replicas.map(r => [r, collectedByCluster(r)]));
    fleet.sim.requestLog.reset();
    const windowStart = Date.now();
    const intervals = 4;
    // A timer can fire a millisecond before Date.now() says it is due: wait until it is.
    for (
      let left = intervals * FREQUENCY_S * 1000;
      left > 0;
      left = windowStart + intervals * FREQUENCY_S * 1000 - Date.now()
    ) {
      await new Promise(r => setTimeout(r, left));
    }
    const nodeLists = new Map(
      clusters.map(c => [
        c.name,
        fleet.sim.requestLog.count({
          cluster: c.name,
          api: 'kubernetes',
          path: '/api/v1/nodes',
        }),
      ]),
    );
    const windowSeconds = (Date.now() - windowStart) / 1000;
    const collectedInWindow = new Map(
      clusters.map(c => [
        c.name,
        replicas.map(
          r =>
            (collectedByCluster(r).get(c.name) ?? 0) -
            (before.get(r)!.get(c.name) ?? 0),
        ),
      ]),
    );
    reading = false;
    await reader;

    // One collection per cluster per interval, not one per replica.
    for (const cluster of clusters) {
      const lists = nodeLists.get(cluster.name)!;
      expect([
        cluster.name,
        lists >= intervals - 1 && lists <= intervals + 1,
      ]).toEqual([cluster.name, true]);
      const [byA, byB] = collectedInWindow.get(cluster.name)!;
      expect(Math.abs(byA + byB - lists)).toBeLessThanOrEqual(1);
    }
    // Which replica runs a task is whoever claims it first: the split is
    // reported, not asserted.
    const totals = replicas.map(r =>
      [...collectedByCluster(r).values()].reduce((s, n) => s + n, 0),
    );
    expect(windowSeconds).toBeGreaterThanOrEqual(intervals * FREQUENCY_S);
    // Readers never saw half a snapshot.
    expect(reads).toBeGreaterThan(50);
    expect(violations).toEqual([]);
    // One snapshot row per cluster; no history point written twice.
    const schema = knex.withSchema('eks-platform');
    expect(
      Number(
        (await schema.from('eks_platform_snapshots').count({ n: '*' }))[0].n,
      ),
    ).toBe(clusters.length);
    const duplicates = await knex
      .withSchema('eks-platform')
      .from('eks_platform_history')
      .select('cluster', 'at', 'metric', 'series_key')
      .count({ n: '*' })
      .groupBy('cluster', 'at', 'metric', 'series_key')
      .havingRaw('count(*) > 1');
    expect(duplicates).toEqual([]);

    // Both serve the same data (retry across a collection finishing between
    // the two reads).
    const same = await waitFor(
      'both replicas to serve the same cluster list',
      async () => {
        const [fromA, fromB] = await Promise.all([
          get<ClusterOverviewResponse>(a, '/clusters'),
          get<ClusterOverviewResponse>(b, '/clusters'),
        ]);
        return JSON.stringify(fromA) === JSON.stringify(fromB)
          ? fromA
          : undefined;
      },
      20_000,
      50,
    );
    expect(same.items).toHaveLength(clusters.length);

    // --- A replica dies in the middle of a collection. ---
    // Pod lists logged from here on arrived after the fault: they are the slow ones.
    fleet.sim.requestLog.reset();
    fleet.sim.faults.add({
      cluster: SLOW_CLUSTER,
      api: 'kubernetes',
      path: '/api/v1/pods',
      fault: { type: 'latency', ms: 15_000 },
    });
    const taskId = `eks-platform-collect:${SLOW_CLUSTER}`;
    const holder = await waitFor(
      `a replica to start collecting ${SLOW_CLUSTER} slowly`,
      async () => {
        if (
          fleet.sim.requestLog.count({
            cluster: SLOW_CLUSTER,
            path: '/api/v1/pods',
          }) === 0
        ) {
          return undefined;
        }
        for (const replica of replicas) {
          // The scheduler's own task listing can answer 500 for a moment while the other
          // replica holds the task row; that is not what this test is about, so ask again.
          const { tasks } = await get<{
            tasks: Array<{ taskId: string; workerState?: { status: string } }>;
          }>(replica, '/.backstage/scheduler/v1/tasks').catch(() => ({
            tasks: [],
          }));
          if (
            tasks.find(t => t.taskId === taskId)?.workerState?.status ===
            'running'
          ) {
            return replica;
          }
        }
        return undefined;
      },
      30_000,
      100,
    );
    fleet.sim.requestLog.reset();
    // Let the pod list be under way, then kill the process outright.
    await new Promise(r => setTimeout(r, 500));
    const { collectedAt: lastGood } = (
      await get<ClusterDetail>(holder, `/clusters/${SLOW_CLUSTER}`)
    ).overview;
    holder.child.kill('SIGKILL');
    await holder.exited;
    const killedAt = Date.now();
    fleet.sim.faults.clear();
    const survivor = replicas.find(r => r !== holder)!;

    // Meanwhile the survivor serves the last good snapshot, and keeps
    // collecting the other clusters.
    const during = await get<ClusterDetail>(
      survivor,
      `/clusters/${SLOW_CLUSTER}`,
    );
    expect(during.overview.collectedAt).toBe(lastGood);
    expect(during.spot?.capacity.total.nodes).toBe(
      fleet.sim.cluster(SLOW_CLUSTER)!.nodeCount,
    );

    let lastSeen: ClusterDetail['overview'] | undefined;
    const recovered = await waitFor(
      `${survivor.name} to collect ${SLOW_CLUSTER} after ${holder.name} died`,
      async () => {
        const detail = await get<ClusterDetail>(
          survivor,
          `/clusters/${SLOW_CLUSTER}`,
        );
        lastSeen = detail.overview;
        return detail.overview.collectedAt &&
          Date.parse(detail.overview.collectedAt) > killedAt
          ? detail
          : undefined;
      },
      // The scheduler frees a dead worker's claim after the task timeout, when a janitor next
      // runs (about once a minute); on a busy machine that can take two janitor rounds.
      (TIMEOUT_S + 2 * 60 + 3 * FREQUENCY_S) * 1000,
      250,
    ).catch(async error => {
      // Say what the survivor last served (no new snapshot, or a failing collection), what its
      // scheduler says of the task, and what it logged about the cluster.
      const task = await get<{ tasks: Array<{ taskId: string }> }>(
        survivor,
        '/.backstage/scheduler/v1/tasks',
      )
        .then(({ tasks }) => tasks.find(t => t.taskId === taskId))
        .catch(e => String(e));
      const log = survivor.stdout
        .join('')
        .split('\n')
        .filter(line => /prod-eu-west-1|[Tt]ask|janitor/.test(line))
        .slice(-40)
        .join('\n');
      throw new Error(
        `${(error as Error).message}; it last served ${JSON.stringify(
          lastSeen,
        )}; its scheduler: ${JSON.stringify(task)}; its log:\n${log}`,
      );
    });
    const takeoverSeconds = (Date.now() - killedAt) / 1000;
    expect(recovered.overview).toMatchObject({ stale: false, partial: [] });
    expect(recovered.spot?.capacity.total.nodes).toBe(
      fleet.sim.cluster(SLOW_CLUSTER)!.nodeCount,
    );
    for (const cluster of clusters) {
      if (cluster.name === SLOW_CLUSTER) continue;
      expect(
        fleet.sim.requestLog.count({
          cluster: cluster.name,
          path: '/api/v1/nodes',
        }),
      ).toBeGreaterThanOrEqual(1);
    }

    survivor.child.kill('SIGTERM');
    await survivor.exited;
    for (const replica of replicas) {
      expect(replica.stderr.join('')).not.toContain('UNHANDLED_REJECTION');
    }
    // For the report.
    process.stdout.write(
      `replicas: node lists per cluster in ${windowSeconds.toFixed(
        1,
      )} s: ${JSON.stringify(
        Object.fromEntries(nodeLists),
      )}; collections A/B: ${JSON.stringify(totals)}; reads checked ${reads}; ${
        holder.name
      } killed mid-collection, ${
        survivor.name
      } collected ${SLOW_CLUSTER} ${takeoverSeconds.toFixed(1)} s later\n`,
    );
  });
});
