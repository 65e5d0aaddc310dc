/*
 * Soak test of the collector and the snapshot store: collects the simulated
 * demo fleet for many cycles at a short interval and checks that
 *
 *   - the heap after GC stays within 10% of where it settled, and
 *   - the database stays within the retention setting.
 *
 * The fleet simulator runs in a child process, so the heap measured is the
 * collector's. A simulated clock advances one schedule period per cycle, so
 * that retention pruning happens within a run of a few minutes.
 *
 * Usage (from the package directory):
 *   yarn soak [--cycles 1000] [--interval-ms 10] [--sample-every 50]
 *             [--period-minutes 5] [--retention-days 1] [--database <pg connection string>]
 *
 * Exits non-zero when a check fails. Runs with --expose-gc (see package.json).
 */
import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  type FleetFile,
  startFleetSimulator,
} from '@eks-platform/fleet-simulator';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { AwsAccess } from '../src/aws/AwsAccess';
import { ClusterCollector } from '../src/collector/ClusterCollector';
import { readCollectorSettings } from '../src/config/readCollectorSettings';
import { ClusterRegistry } from '../src/registry/ClusterRegistry';
import { ClusterViewService } from '../src/views/ClusterViewService';
import { CollectionService } from '../src/collector/CollectionService';
import { openStores } from '../src/store/openStores';

type Options = {
  cycles: number;
  intervalMs: number;
  sampleEvery: number;
  periodMinutes: number;
  retentionDays: number;
  database?: string;
};

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    cycles: Number(get('cycles') ?? 1000),
    intervalMs: Number(get('interval-ms') ?? 10),
    sampleEvery: Number(get('sample-every') ?? 50),
    periodMinutes: Number(get('period-minutes') ?? 5),
    retentionDays: Number(get('retention-days') ?? 1),
    database: get('database'),
  };
}

function configFor(fleet: FleetFile, options: Options): JsonObject {
  const clusters = Object.entries(fleet.clusters);
  return {
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(([name, c]) => ({
            name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: c.token,
            caFile: fleet.caFile,
          })),
        },
      ],
    },
    aws: {
      accounts: [...new Set(clusters.map(([, c]) => c.accountId))].map(
        accountId => ({ accountId, ...fleet.awsCredentials }),
      ),
    },
    eksPlatform: {
      aws: { endpoint: fleet.awsEndpoint },
      retention: { days: options.retentionDays },
      clusters: clusters.map(([name, c]) => ({
        name,
        clusterName: c.eksName,
        region: c.region,
        accountId: c.accountId,
      })),
    },
  };
}

/** A logger that keeps counts, and the warnings, for the report. */
function countingLogger() {
  const counts = { info: 0, warn: 0, error: 0, debug: 0 };
  const warnings: string[] = [];
  const logger: LoggerService = {
    info: () => {
      counts.info++;
    },
    debug: () => {
      counts.debug++;
    },
    warn: message => {
      counts.warn++;
      if (warnings.length < 20) warnings.push(message);
    },
    error: message => {
      counts.error++;
      if (warnings.length < 20) warnings.push(message);
    },
    child: () => logger,
  };
  return { logger, counts, warnings };
}

async function openDatabase(options: Options) {
  if (options.database) {
    const name = `eks_platform_soak_${crypto.randomBytes(4).toString('hex')}`;
    const admin = knexFactory({ client: 'pg', connection: options.database });
    await admin.raw('CREATE DATABASE ??', [name]);
    const url = new URL(options.database);
    url.pathname = `/${name}`;
    const knex = knexFactory({ client: 'pg', connection: url.toString() });
    return {
      knex,
      describe: `PostgreSQL database ${name}`,
      close: async () => {
        await knex.destroy();
        await admin.raw('DROP DATABASE ?? WITH (FORCE)', [name]);
        await admin.destroy();
      },
    };
  }
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'eks-platform-soak-db-')),
    'eks-platform.sqlite',
  );
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  return {
    knex,
    describe: `SQLite file ${file}`,
    close: async () => {
      await knex.destroy();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}

async function tableCounts(knex: Knex) {
  const count = async (table: string) =>
    Number(
      (
        (await knex(table).count({ n: '*' })) as Array<{ n: number | string }>
      )[0].n,
    );
  const oldest = (await knex('eks_platform_history').min({ at: 'at' }))[0] as {
    at: string | null;
  };
  return {
    snapshots: await count('eks_platform_snapshots'),
    attempts: await count('eks_platform_attempts'),
    history: await count('eks_platform_history'),
    oldestHistoryAt: oldest.at ?? undefined,
  };
}

function heapAfterGc(): number {
  const gc = (global as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run node with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const MB = 1024 * 1024;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const sim = await startFleetSimulator({ stderr: 'inherit' });
  const db = await openDatabase(options);
  try {
    const config = new ConfigReader(configFor(sim.fleet, options));
    const { logger, counts, warnings } = countingLogger();
    const database: DatabaseService = { getClient: async () => db.knex };
    const registry = ClusterRegistry.fromConfig(config, {
      logger,
      catalog: undefined as never, // no catalog locator is configured
      auth: undefined as never,
    });
    const settings = readCollectorSettings(config);
    const collector = ClusterCollector.create({
      aws: AwsAccess.fromConfig(config, {
        timeoutMs: settings.requestTimeoutMs,
      }),
      settings,
      logger,
    });
    const store = (await openStores({ database })).snapshots;
    let now = new Date('2026-11-20T00:00:00.000Z');
    const collection = CollectionService.fromConfig(config, {
      registry,
      collector,
      store,
      scheduler: {} as SchedulerService, // collections are called directly
      logger,
      now: () => now,
    });
    const views = ClusterViewService.fromConfig(config, {
      registry,
      store,
      catalog: undefined as never,
      now: () => now,
    });
    const clusters = Object.keys(sim.fleet.clusters).sort();
    const periodMs = options.periodMinutes * 60_000;
    const retentionMs = options.retentionDays * 86_400_000;

    console.log(
      `soak: ${options.cycles} cycles of ${clusters.length} clusters, ${options.intervalMs} ms apart; ` +
        `simulated period ${options.periodMinutes} min, retention ${options.retentionDays} d; ${db.describe}`,
    );
    const samples: Array<{
      cycle: number;
      heapMb: number;
      rssMb: number;
      history: number;
      elapsedS: number;
    }> = [];
    let failures = 0;
    let pointsPerRound = 0;
    let maxHistory = 0;
    let retentionViolations = 0;
    const cycleMs: number[] = [];

    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      const t = Date.now();
      for (const cluster of clusters) {
        const { ok } = await collection.collect(cluster);
        if (!ok) failures++;
      }
      const { items } = await views.listOverviews();
      if (items.length !== clusters.length || items.some(i => i.stale)) {
        failures++;
      }
      cycleMs.push(Date.now() - t);

      const counted = await tableCounts(db.knex);
      if (cycle === 1) pointsPerRound = counted.history;
      maxHistory = Math.max(maxHistory, counted.history);
      if (
        counted.oldestHistoryAt &&
        Date.parse(counted.oldestHistoryAt) < now.getTime() - retentionMs
      ) {
        retentionViolations++;
      }
      if (cycle === 1 || cycle % options.sampleEvery === 0) {
        samples.push({
          cycle,
          heapMb: heapAfterGc() / MB,
          rssMb: process.memoryUsage().rss / MB,
          history: counted.history,
          elapsedS: (Date.now() - started) / 1000,
        });
        const s = samples[samples.length - 1];
        console.log(
          `cycle ${String(cycle).padStart(5)}: heap after GC ${s.heapMb.toFixed(
            1,
          )} MB, rss ${s.rssMb.toFixed(0)} MB, history rows ${
            s.history
          }, snapshots ${counted.snapshots}, ${s.elapsedS.toFixed(0)} s`,
        );
      }
      now = new Date(now.getTime() + periodMs);
      await new Promise(r => setTimeout(r, options.intervalMs));
    }

    // Settled: the mean heap of the samples in the second fifth of the run
    // (after warm-up: JIT, connection pools, caches of the SDKs).
    const fifth = Math.floor(samples.length / 5);
    const settledSamples = samples.slice(fifth, 2 * fifth || 1);
    const settled =
      settledSamples.reduce((s, x) => s + x.heapMb, 0) / settledSamples.length;
    const later = samples.slice(2 * fifth);
    const worst = Math.max(...later.map(s => s.heapMb));
    const last = samples[samples.length - 1];
    const drift = (worst - settled) / settled;
    // History bound: the rows of every collection inside the retention window.
    const rounds = Math.floor(retentionMs / periodMs) + 1;
    const historyBound = pointsPerRound * rounds;
    const final = await tableCounts(db.knex);
    const sorted = [...cycleMs].sort((a, b) => a - b);

    const checks = {
      heapWithin10Percent: drift <= 0.1,
      historyWithinRetention:
        maxHistory <= historyBound && retentionViolations === 0,
      oneSnapshotPerCluster:
        final.snapshots === clusters.length &&
        final.attempts === clusters.length,
      noFailedCollections: failures === 0,
    };
    console.log(
      JSON.stringify(
        {
          cycles: options.cycles,
          collections: options.cycles * clusters.length,
          wallSeconds: Math.round((Date.now() - started) / 1000),
          cycleMs: {
            median: sorted[Math.floor(sorted.length / 2)],
            p95: sorted[Math.floor(sorted.length * 0.95)],
            max: sorted[sorted.length - 1],
          },
          heapMb: {
            first: samples[0].heapMb.toFixed(1),
            settled: settled.toFixed(1),
            worstAfterSettling: worst.toFixed(1),
            last: last.heapMb.toFixed(1),
            driftPercent: (drift * 100).toFixed(1),
          },
          rssMbLast: last.rssMb.toFixed(0),
          database: {
            ...final,
            historyRowsMax: maxHistory,
            historyRowsBound: historyBound,
            historyPointsPerRound: pointsPerRound,
            roundsInRetention: rounds,
            retentionViolations,
          },
          logs: counts,
          warnings,
          checks,
        },
        null,
        2,
      ),
    );
    process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
  } finally {
    await db.close();
    await sim.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
