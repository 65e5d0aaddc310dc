import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  ClusterOverview,
  CollectionErrorKind,
  DataSource,
} from '@eks-platform/plugin-eks-platform-common';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { startClosableProxy } from '../__testUtils__/closableProxy';
import {
  collectorFor,
  demoFleetConfig,
  useDemoFleet,
} from '../__testUtils__/demoFleet';
import { eksPlatformPlugin } from '../plugin';
import { openStores } from '../store/openStores';
import { ClusterViewService } from '../views/ClusterViewService';
import { CollectionService } from './CollectionService';
import { isoAt } from '../__testUtils__/clock';

jest.setTimeout(60_000);

// Bounds the matrix relies on: every request gives up after 1 s, Kubernetes
// retries a 429 twice (waiting for Retry-After), the AWS SDK makes at most two
// attempts per call.
const REQUEST_TIMEOUT_MS = 1000;
const KUBERNETES_MAX_RETRIES = 2;
const AWS_MAX_ATTEMPTS = 2;
function settings(awsEndpoint: string) {
  return {
    collection: {
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      maxRetries: KUBERNETES_MAX_RETRIES,
      pageSize: 7,
    },
    aws: {
      endpoint: awsEndpoint,
      maxAttempts: AWS_MAX_ATTEMPTS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    },
  };
}

const FAULTY = 'prod-eu-west-1';
const HEALTHY = 'staging-eu-west-1';
const T0 = new Date(isoAt(0, '12:00:00.000'));
const T1 = new Date(isoAt(0, '12:05:00.000'));

type Fault = {
  type: 'timeout' | 'status' | 'throttle' | 'truncate' | 'gone';
  status?: number;
  ms?: number;
};

/** Where a fault is injected, and how the simulator's request log counts calls there. */
const TARGETS = {
  kubernetes: {
    rule: { api: 'kubernetes', path: '/api/v1/pods' },
    log: { api: 'kubernetes', path: '/api/v1/pods' },
  },
  eks: {
    rule: { api: 'eks', operation: 'DescribeCluster' },
    log: { api: 'eks', operation: 'DescribeCluster' },
  },
  ec2: {
    rule: { api: 'ec2', operation: 'DescribeSubnets' },
    log: { api: 'ec2', operation: 'DescribeSubnets' },
  },
} as const;

type Row = {
  fault: string;
  source: DataSource;
  inject: Fault;
  kind: CollectionErrorKind;
  status?: number;
  /** Most requests to the faulty call the collection may make. */
  maxRequests: number;
  /** Fewest requests to the faulty call (default 1). */
  minRequests?: number;
  /** Shortest time the failed collection may take (back-off). */
  minElapsedMs?: number;
};

const kubernetesRows: Row[] = (
  [
    {
      fault: 'timeout',
      inject: { type: 'timeout' },
      kind: 'timeout',
      maxRequests: 1,
    },
    {
      fault: '5xx',
      inject: { type: 'status', status: 503 },
      kind: 'server-error',
      status: 503,
      maxRequests: 1,
    },
    {
      fault: '429',
      inject: { type: 'throttle' },
      kind: 'throttled',
      status: 429,
      minRequests: 1 + KUBERNETES_MAX_RETRIES,
      maxRequests: 1 + KUBERNETES_MAX_RETRIES,
      minElapsedMs: KUBERNETES_MAX_RETRIES * 1000 - 50,
    },
    {
      fault: '401',
      inject: { type: 'status', status: 401 },
      kind: 'unauthorized',
      status: 401,
      maxRequests: 1,
    },
    {
      fault: '403',
      inject: { type: 'status', status: 403 },
      kind: 'forbidden',
      status: 403,
      maxRequests: 1,
    },
    {
      fault: 'truncated body',
      inject: { type: 'truncate' },
      kind: 'bad-response',
      maxRequests: 1,
    },
    {
      // Every continue request answers 410: the list restarts three times,
      // then gives up. Pages: first page of 1 + 3 restarts, each first page
      // plus one refused continue.
      fault: '410 on a continue token',
      inject: { type: 'gone' },
      kind: 'server-error',
      status: 410,
      maxRequests: 8,
    },
  ] as Array<Omit<Row, 'source'>>
).map(r => ({ ...r, source: 'kubernetes' as const }));

const awsRows = (source: 'eks' | 'ec2'): Row[] => [
  {
    fault: 'timeout',
    source,
    inject: { type: 'timeout' },
    kind: 'timeout',
    maxRequests: AWS_MAX_ATTEMPTS,
  },
  {
    fault: '5xx',
    source,
    inject: { type: 'status', status: 503 },
    kind: 'server-error',
    status: 503,
    maxRequests: AWS_MAX_ATTEMPTS,
  },
  {
    fault:
      source === 'eks' ? '429 ThrottlingException' : 'RequestLimitExceeded',
    source,
    inject: { type: 'throttle' },
    kind: 'throttled',
    status: source === 'eks' ? 429 : 503,
    maxRequests: AWS_MAX_ATTEMPTS,
  },
  {
    fault: '401',
    source,
    inject: { type: 'status', status: 401 },
    kind: 'unauthorized',
    status: 401,
    maxRequests: AWS_MAX_ATTEMPTS,
  },
  {
    fault: '403',
    source,
    inject: { type: 'status', status: 403 },
    kind: 'forbidden',
    status: 403,
    maxRequests: AWS_MAX_ATTEMPTS,
  },
  {
    fault: 'truncated body',
    source,
    inject: { type: 'truncate' },
    kind: 'bad-response',
    maxRequests: AWS_MAX_ATTEMPTS,
  },
];

// An unhandled promise rejection fails the running test under this Jest
// setup (the handler of the process never sees it), so every row passing also
// means no request was abandoned with a rejection nobody handled. The replica
// test checks the same in real backend processes.
describe('collection under injected faults, with the real clients', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const fleet = useDemoFleet();

  afterEach(() => {
    fleet.sim.faults.clear();
  });

  async function setup(
    config: JsonObject = demoFleetConfig(
      fleet.sim,
      settings(fleet.sim.awsEndpoint),
    ),
  ) {
    let now = T0;
    const { config: reader, registry, collector } = collectorFor(config);
    const knex = await databases.init('SQLITE_3');
    const store = (
      await openStores({
        database: mockServices.database({ knex }),
      })
    ).snapshots;
    const logger = mockServices.logger.mock();
    const collection = CollectionService.fromConfig(reader, {
      registry,
      collector,
      store,
      scheduler: mockServices.scheduler.mock(),
      logger,
      now: () => now,
    });
    const views = ClusterViewService.fromConfig(reader, {
      registry,
      store,
      catalog: catalogServiceMock(),
      now: () => now,
    });
    return {
      collection,
      views,
      store,
      logger,
      setNow: (date: Date) => {
        now = date;
      },
      overview: async (name: string) =>
        (await views.listOverviews()).items.find(c => c.name === name)!,
    };
  }

  /** A good collection of both clusters at T0; returns the faulty one's overview then. */
  async function collectCleanly(env: Awaited<ReturnType<typeof setup>>) {
    env.setNow(T0);
    await expect(env.collection.collect(FAULTY)).resolves.toEqual({ ok: true });
    await expect(env.collection.collect(HEALTHY)).resolves.toEqual({
      ok: true,
    });
    return env.overview(FAULTY);
  }

  async function expectHealthyUnaffected(
    env: Awaited<ReturnType<typeof setup>>,
  ) {
    await expect(env.collection.collect(HEALTHY)).resolves.toEqual({
      ok: true,
    });
    const healthy = await env.overview(HEALTHY);
    expect(healthy).toMatchObject({
      collectedAt: T1.toISOString(),
      stale: false,
      partial: [],
    });
    expect(healthy.lastError).toBeUndefined();
  }

  function requestsTo(source: DataSource) {
    return fleet.sim.requestLog.count({
      cluster: FAULTY,
      ...TARGETS[source].log,
    });
  }

  function expectKeptSnapshot(after: ClusterOverview, before: ClusterOverview) {
    expect(after.collectedAt).toBe(T0.toISOString());
    expect(after.stale).toBe(true);
    expect(after.spot).toEqual(before.spot);
    expect(after.ip).toEqual(before.ip);
    expect(after.version).toEqual(before.version);
  }

  it.each(kubernetesRows.map(r => [r.fault, r] as const))(
    'Kubernetes pods %s: the cluster shows the error and its time, keeps its last good snapshot marked stale; others are unaffected',
    async (_label, row) => {
      const env = await setup();
      const before = await collectCleanly(env);

      fleet.sim.faults.add({
        cluster: FAULTY,
        ...TARGETS.kubernetes.rule,
        fault: row.inject,
      });
      env.setNow(T1);
      const requestsBefore = requestsTo('kubernetes');
      const started = Date.now();
      await expect(env.collection.collect(FAULTY)).resolves.toEqual({
        ok: false,
      });
      const elapsed = Date.now() - started;
      const requests = requestsTo('kubernetes') - requestsBefore;

      const after = await env.overview(FAULTY);
      expect(after.lastError).toEqual({
        kind: row.kind,
        source: 'kubernetes',
        at: T1.toISOString(),
        message: expect.any(String),
        ...(row.status !== undefined && { status: row.status }),
      });
      expectKeptSnapshot(after, before);
      expect(requests).toBeGreaterThanOrEqual(row.minRequests ?? 1);
      expect(requests).toBeLessThanOrEqual(row.maxRequests);
      // Throttling is not hammered: every retry waited for Retry-After (1 s).
      expect(elapsed).toBeGreaterThanOrEqual(row.minElapsedMs ?? 0);
      await expectHealthyUnaffected(env);
    },
  );

  it.each([
    ...awsRows('eks').map(r => [`EKS DescribeCluster ${r.fault}`, r] as const),
    ...awsRows('ec2').map(r => [`EC2 DescribeSubnets ${r.fault}`, r] as const),
  ])(
    '%s: Kubernetes figures stay fresh, the snapshot is marked partial with the source error and time stored; others are unaffected',
    async (_label, row) => {
      const env = await setup();
      const before = await collectCleanly(env);

      fleet.sim.faults.add({
        cluster: FAULTY,
        ...TARGETS[row.source].rule,
        fault: row.inject,
      });
      env.setNow(T1);
      const requestsBefore = requestsTo(row.source);
      await expect(env.collection.collect(FAULTY)).resolves.toEqual({
        ok: true,
      });
      const requests = requestsTo(row.source) - requestsBefore;

      const after = await env.overview(FAULTY);
      // The snapshot is fresh for Kubernetes and says which source is missing.
      expect(after).toMatchObject({
        collectedAt: T1.toISOString(),
        stale: false,
        partial: [row.source],
      });
      expect(after.lastError).toBeUndefined();
      expect(after.spot).toEqual(before.spot);
      expect(after.version?.kubernetesVersion).toBe(
        before.version?.kubernetesVersion,
      );
      // The source's error and time are stored with the snapshot, logged, and served.
      expect(after.sourceErrors).toEqual([
        expect.objectContaining({
          kind: row.kind,
          source: row.source,
          at: T1.toISOString(),
        }),
      ]);
      const { snapshot } = await env.store.getState(FAULTY);
      expect(snapshot?.sourceErrors).toEqual([
        {
          kind: row.kind,
          source: row.source,
          at: T1.toISOString(),
          message: expect.any(String),
          ...(row.status !== undefined && { status: row.status }),
        },
      ]);
      // Throttling and errors are retried a bounded number of times.
      expect(requests).toBeGreaterThanOrEqual(1);
      expect(requests).toBeLessThanOrEqual(row.maxRequests);
      await expectHealthyUnaffected(env);
    },
  );

  it('Kubernetes connection refused: the cluster shows it as unreachable and keeps its last good snapshot', async () => {
    const cluster = fleet.sim.cluster(FAULTY)!;
    const proxy = await startClosableProxy(new URL(cluster.url));
    const config = demoFleetConfig(
      fleet.sim,
      settings(fleet.sim.awsEndpoint),
    ) as any;
    for (const c of config.kubernetes.clusterLocatorMethods[0].clusters) {
      if (c.name === FAULTY) c.url = proxy.url;
    }
    const env = await setup(config);
    const before = await collectCleanly(env);

    await proxy.close();
    env.setNow(T1);
    await expect(env.collection.collect(FAULTY)).resolves.toEqual({
      ok: false,
    });

    const after = await env.overview(FAULTY);
    expect(after.lastError).toMatchObject({
      kind: 'unreachable',
      source: 'kubernetes',
      at: T1.toISOString(),
    });
    expect(after.lastError!.message).toMatch(/ECONNREFUSED/);
    expectKeptSnapshot(after, before);
    await expectHealthyUnaffected(env);
  });

  it('AWS endpoint connection refused: EKS and EC2 show as unreachable, Kubernetes figures stay fresh', async () => {
    const proxy = await startClosableProxy(new URL(fleet.sim.awsEndpoint));
    const faulty = await setup(demoFleetConfig(fleet.sim, settings(proxy.url)));
    const before = await collectCleanly(faulty);

    await proxy.close();
    faulty.setNow(T1);
    await expect(faulty.collection.collect(FAULTY)).resolves.toEqual({
      ok: true,
    });
    const after = await faulty.overview(FAULTY);
    expect(after).toMatchObject({
      collectedAt: T1.toISOString(),
      partial: ['ec2', 'eks'],
    });
    expect(after.spot).toEqual(before.spot);
    const { snapshot } = await faulty.store.getState(FAULTY);
    expect(snapshot?.sourceErrors).toEqual([
      expect.objectContaining({
        kind: 'unreachable',
        source: 'eks',
        at: T1.toISOString(),
      }),
      expect.objectContaining({
        kind: 'unreachable',
        source: 'ec2',
        at: T1.toISOString(),
      }),
    ]);
  });

  it('stays up while every cluster fails in a different way at once, and serves each error', async () => {
    const faults: Array<
      [string, Parameters<typeof fleet.sim.faults.add>[0]['fault'], string]
    > = [
      ['prod-eu-west-1', { type: 'status', status: 503 }, 'server-error'],
      ['prod-us-east-1', { type: 'timeout' }, 'timeout'],
      ['prod-ap-south-1', { type: 'status', status: 401 }, 'unauthorized'],
      ['legacy-eu-west-1', { type: 'status', status: 403 }, 'forbidden'],
      ['checkout-blue', { type: 'truncate' }, 'bad-response'],
      ['checkout-green', { type: 'throttle' }, 'throttled'],
    ];
    for (const [cluster, fault] of faults) {
      fleet.sim.faults.add({
        cluster,
        api: 'kubernetes',
        path: '/api/v1/pods',
        fault,
      });
    }
    const { server } = await startTestBackend({
      features: [
        eksPlatformPlugin,
        mockServices.rootConfig.factory({
          data: demoFleetConfig(fleet.sim, {
            ...settings(fleet.sim.awsEndpoint),
            schedule: {
              frequency: { minutes: 30 },
              timeout: { minutes: 1 },
              initialDelay: { minutes: 30 },
            },
          }),
        }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    for (const cluster of fleet.sim.clusters()) {
      const refresh = await request(server).post(
        `/api/eks-platform/clusters/${cluster.name}/refresh`,
      );
      expect(refresh.status).toBe(202);
    }

    let items: ClusterOverview[] = [];
    const deadline = Date.now() + 30_000;
    do {
      await new Promise(r => setTimeout(r, 200));
      const list = await request(server).get('/api/eks-platform/clusters');
      expect(list.status).toBe(200);
      items = list.body.items;
    } while (
      Date.now() < deadline &&
      items.some(c => !c.collectedAt && !c.lastError)
    );

    expect((await request(server).get('/api/eks-platform/health')).status).toBe(
      200,
    );
    for (const [cluster, , kind] of faults) {
      expect(items.find(c => c.name === cluster)).toMatchObject({
        stale: true,
        lastError: { kind, source: 'kubernetes' },
      });
    }
    expect(items.find(c => c.name === HEALTHY)).toMatchObject({
      stale: false,
      partial: [],
    });
    expect(items.find(c => c.name === HEALTHY)!.lastError).toBeUndefined();
  });
});
