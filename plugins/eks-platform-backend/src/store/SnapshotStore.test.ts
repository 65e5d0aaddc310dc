import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import type { CollectionError } from '@eks-platform/plugin-eks-platform-common';
import type { ClusterSnapshot, HistoryPoint } from './types';
import { openStores } from './openStores';
import { isoAt } from '../__testUtils__/clock';

jest.setTimeout(60_000);

function snapshot(
  cluster: string,
  collectedAt: string,
  spotShare: number,
): ClusterSnapshot {
  return {
    format: 1,
    cluster,
    collectedAt,
    partial: [],
    sourceErrors: [],
    kubernetes: {
      serverVersion: 'v1.33.3-eks-2f2e1a4',
      nodes: 20,
      podsListed: 79,
      podPages: 1,
      podListRestarts: 0,
      capacity: {
        total: {
          nodes: 20,
          allocatableCpuMillis: 75_720,
          requestedCpuMillis: 21_400,
          allocatableMemoryBytes: 290_000_000_000,
          requestedMemoryBytes: 40_000_000_000,
          allocatablePods: 1_100,
          pods: 79,
        },
        byCapacityType: [],
        byNodeGroup: [],
        byZone: [],
        byCapacityTypeNodeGroupZone: [],
        nodes: [],
        interruptedNodes: [],
        unplacedPods: 0,
        spotCpuShare: spotShare,
      },
      workloads: [],
      workloadLabels: {},
      ipFailures: [],
      ipFailureLabels: {},
      awsNode: {
        settings: {
          prefixDelegation: false,
          customNetworking: false,
          warmEniTarget: 1,
          eniConfigLabelDef: 'k8s.amazonaws.com/eniConfig',
          eniConfigAnnotationDef: 'k8s.amazonaws.com/eniConfig',
        },
        found: true,
      },
      eniConfigs: [],
      kubeletNodes: [],
    },
    ip: { subnets: [], nodes: [], zones: [], nodeGroups: [], notes: [] },
  };
}

const POINTS: HistoryPoint[] = [
  { metric: 'spot-cpu-share', key: 'cluster', value: 0.71 },
  { metric: 'free-ips', key: 'subnet-0a1b2c3d4e5f6a101', value: 3_912 },
  { metric: 'free-ips', key: 'subnet-0a1b2c3d4e5f6b101', value: 4_020 },
];

const ERROR: CollectionError = {
  kind: 'server-error',
  source: 'kubernetes',
  status: 503,
  message: 'GET /api/v1/pods failed with HTTP 503 ServiceUnavailable',
  at: isoAt(-41, '12:05:00.000'),
};

describe('SnapshotStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = (
      await openStores({
        database: mockServices.database({ knex }),
      })
    ).snapshots;
    return { store, knex };
  }

  it.each(databases.eachSupportedId())(
    'serves the snapshot another replica wrote since the last read, not the parsed one it holds, %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      const otherReplica = (
        await openStores({
          database: mockServices.database({ knex }),
          skipMigrations: true,
        })
      ).snapshots;
      await store.saveSnapshot(
        snapshot('prod-eu-west-1', isoAt(-41, '12:00:00.000'), 0.71),
        [],
      );
      const first = await store.getState('prod-eu-west-1');
      expect(first.snapshot?.kubernetes.capacity.spotCpuShare).toBe(0.71);

      const inFlight = store.listStates(['prod-eu-west-1']);
      await otherReplica.saveSnapshot(
        snapshot('prod-eu-west-1', isoAt(-41, '12:05:00.000'), 0.74),
        [],
      );
      const after = await store.listStates(['prod-eu-west-1']);
      await inFlight;
      expect(after.get('prod-eu-west-1')?.snapshot?.collectedAt).toBe(
        isoAt(-41, '12:05:00.000'),
      );
      expect(
        after.get('prod-eu-west-1')?.snapshot?.kubernetes.capacity.spotCpuShare,
      ).toBe(0.74);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads a metric for several clusters at once, each in its own window, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.saveSnapshot(
        snapshot('prod-eu-west-1', isoAt(-41, '12:00:00.000'), 0.71),
        POINTS,
      );
      await store.saveSnapshot(
        snapshot('staging-eu-west-1', isoAt(-41, '12:05:00.000'), 0.66),
        [{ metric: 'spot-cpu-share', key: 'cluster', value: 0.66 }],
      );
      const [both, onlyEarly] = await Promise.all([
        store.readHistories({
          clusters: ['prod-eu-west-1', 'staging-eu-west-1', 'never-collected'],
          metric: 'spot-cpu-share',
          from: isoAt(-41),
          to: isoAt(-40),
        }),
        store.readHistories({
          clusters: ['staging-eu-west-1'],
          metric: 'spot-cpu-share',
          from: isoAt(-41),
          to: isoAt(-41, '12:01:00.000'),
        }),
      ]);
      expect(both.get('prod-eu-west-1')?.map(p => p.value)).toEqual([0.71]);
      expect(both.get('staging-eu-west-1')?.map(p => p.value)).toEqual([0.66]);
      expect(both.has('never-collected')).toBe(false);
      expect(onlyEarly.size).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces the snapshot and appends history, per cluster, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.saveSnapshot(
        snapshot('prod-eu-west-1', isoAt(-41, '12:00:00.000'), 0.71),
        POINTS,
      );
      await store.saveSnapshot(
        snapshot('prod-eu-west-1', isoAt(-41, '12:05:00.000'), 0.74),
        [{ metric: 'spot-cpu-share', key: 'cluster', value: 0.74 }],
      );
      await store.saveSnapshot(
        snapshot('staging-eu-west-1', isoAt(-41, '12:05:00.000'), 0.66),
        [],
      );

      const state = await store.getState('prod-eu-west-1');
      expect(state.snapshot?.collectedAt).toBe(isoAt(-41, '12:05:00.000'));
      expect(state.snapshot?.kubernetes.capacity.spotCpuShare).toBe(0.74);
      expect(state.lastError).toBeUndefined();

      const history = await store.readHistory({
        cluster: 'prod-eu-west-1',
        metric: 'spot-cpu-share',
        from: isoAt(-41),
        to: isoAt(-40),
      });
      expect(history.map(p => [p.at, p.value])).toEqual([
        [isoAt(-41, '12:00:00.000'), 0.71],
        [isoAt(-41, '12:05:00.000'), 0.74],
      ]);
      const states = await store.listStates([
        'prod-eu-west-1',
        'staging-eu-west-1',
        'never-collected',
      ]);
      expect(states.get('staging-eu-west-1')?.snapshot?.cluster).toBe(
        'staging-eu-west-1',
      );
      expect(states.get('never-collected')).toEqual({
        cluster: 'never-collected',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the last good snapshot when an attempt fails, and clears the error on the next success, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.saveSnapshot(
        snapshot('prod-eu-west-1', isoAt(-41, '12:00:00.000'), 0.71),
        POINTS,
      );
      await store.saveFailure('prod-eu-west-1', ERROR);

      const failed = await store.getState('prod-eu-west-1');
      expect(failed.snapshot?.collectedAt).toBe(isoAt(-41, '12:00:00.000'));
      expect(failed.lastError).toEqual(ERROR);
      expect(failed.attemptedAt).toBe(ERROR.at);
      expect(failed.succeededAt).toBe(isoAt(-41, '12:00:00.000'));

      await store.saveSnapshot(
        snapshot('prod-eu-west-1', isoAt(-41, '12:10:00.000'), 0.7),
        [],
      );
      const recovered = await store.getState('prod-eu-west-1');
      expect(recovered.lastError).toBeUndefined();
      expect(recovered.snapshot?.collectedAt).toBe(isoAt(-41, '12:10:00.000'));
    },
  );

  it.each(databases.eachSupportedId())(
    'never shows half a snapshot: a write that fails midway leaves the previous one and its history, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.saveSnapshot(
        snapshot('prod-eu-west-1', isoAt(-41, '12:00:00.000'), 0.71),
        POINTS,
      );
      // A history point without a value violates NOT NULL: the transaction
      // fails after the snapshot row was written, and must roll it back.
      const broken = [
        { metric: 'spot-cpu-share', key: 'cluster', value: null },
      ] as unknown as HistoryPoint[];
      // Matched by message, not with toThrow(): when another test file in
      // the same Jest worker loaded better-sqlite3 first, its SqliteError
      // extends another realm's Error and toThrow() does not recognise it.
      await expect(
        store.saveSnapshot(
          snapshot('prod-eu-west-1', isoAt(-41, '12:05:00.000'), 0.99),
          broken,
        ),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/not[ -]null/i),
      });

      const state = await store.getState('prod-eu-west-1');
      expect(state.snapshot?.collectedAt).toBe(isoAt(-41, '12:00:00.000'));
      expect(state.snapshot?.kubernetes.capacity.spotCpuShare).toBe(0.71);
      const history = await store.readHistory({
        cluster: 'prod-eu-west-1',
        metric: 'spot-cpu-share',
        from: isoAt(-60),
        to: isoAt(-30),
      });
      expect(history).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes history older than the retention and keeps the rest, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      for (const at of [isoAt(-91), isoAt(-72), isoAt(-42)]) {
        await store.saveSnapshot(snapshot('prod-eu-west-1', at, 0.7), POINTS);
      }
      // 30 days before isoAt(-41)
      await expect(store.pruneHistory(isoAt(-71))).resolves.toBe(
        2 * POINTS.length,
      );
      const left = await store.readHistory({
        cluster: 'prod-eu-west-1',
        metric: 'free-ips',
        from: isoAt(-364),
        to: isoAt(0),
      });
      expect(left.map(p => p.at)).toEqual([isoAt(-42), isoAt(-42)]);
      // The snapshot itself is not history: it stays.
      expect((await store.getState('prod-eu-west-1')).snapshot).toBeDefined();
    },
  );
});
