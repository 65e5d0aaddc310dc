import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { demoCollector, useDemoFleet } from '../__testUtils__/demoFleet';
import type { ClusterCollector } from './ClusterCollector';
import { openStores } from '../store/openStores';
import { ABANDON_AFTER_ABORT_MS, CollectionService } from './CollectionService';

jest.setTimeout(30_000);

const CLUSTER = 'prod-eu-west-1';

describe('CollectionService when the scheduler cancels a collection', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const fleet = useDemoFleet();

  afterEach(() => {
    fleet.sim.faults.clear();
  });

  async function setup(collect: ClusterCollector['collect']) {
    const { config, registry } = demoCollector(fleet.sim);
    const store = (
      await openStores({
        database: mockServices.database({
          knex: await databases.init('SQLITE_3'),
        }),
      })
    ).snapshots;
    const logger = mockServices.logger.mock();
    const collection = CollectionService.fromConfig(config, {
      registry,
      collector: { collect },
      store,
      scheduler: mockServices.scheduler.mock(),
      logger,
    });
    return { collection, store, logger };
  }

  it('gives up on a collection that ignores the cancellation, records a timeout and frees the task', async () => {
    let calls = 0;
    // A collection stuck on something that does not listen to the signal.
    const { collection, store, logger } = await setup(() => {
      calls++;
      return new Promise(() => {});
    });
    const controller = new AbortController();
    const run = collection.collect(CLUSTER, { signal: controller.signal });
    controller.abort();
    const cancelledAt = Date.now();

    await expect(run).resolves.toEqual({ ok: false });
    expect(Date.now() - cancelledAt).toBeGreaterThanOrEqual(
      ABANDON_AFTER_ABORT_MS - 50,
    );
    expect(calls).toBe(1);
    const state = await store.getState(CLUSTER);
    expect(state.lastError).toMatchObject({
      kind: 'timeout',
      source: 'kubernetes',
      message: `The collection of ${CLUSTER} timed out and did not stop within 5 s of being cancelled`,
    });
    expect(logger.warn).toHaveBeenCalledWith(state.lastError!.message);
  });

  it('waits for a cancelled collection that winds down, and keeps its own error', async () => {
    const { collection, store } = await setup((_target, options) => {
      // Like the real collector: cancelled requests reject a moment later.
      return new Promise((_resolve, reject) => {
        const windDown = () =>
          setTimeout(
            () =>
              reject(
                Object.assign(new Error('Request aborted'), {
                  name: 'AbortError',
                }),
              ),
            100,
          );
        if (options?.signal?.aborted) windDown();
        else options?.signal?.addEventListener('abort', windDown);
      });
    });
    const controller = new AbortController();
    const run = collection.collect(CLUSTER, { signal: controller.signal });
    controller.abort();
    const cancelledAt = Date.now();

    await expect(run).resolves.toEqual({ ok: false });
    expect(Date.now() - cancelledAt).toBeLessThan(ABANDON_AFTER_ABORT_MS);
    expect((await store.getState(CLUSTER)).lastError).toMatchObject({
      kind: 'timeout',
      source: 'kubernetes',
      message: expect.stringContaining(`Collecting ${CLUSTER}`),
    });
  });

  it('stores a collection that ends in time with the real collector', async () => {
    const { collector } = demoCollector(fleet.sim);
    const { collection, store } = await setup((target, options) =>
      collector.collect(target, options),
    );
    const controller = new AbortController();

    await expect(
      collection.collect(CLUSTER, { signal: controller.signal }),
    ).resolves.toEqual({ ok: true });
    const state = await store.getState(CLUSTER);
    expect(state.snapshot?.kubernetes.nodes).toBe(
      fleet.sim.cluster(CLUSTER)!.nodeCount,
    );
    expect(state.lastError).toBeUndefined();
  });

  it('cancels AWS calls with the task: a stalled DescribeCluster ends at the timeout, not when EKS answers', async () => {
    fleet.sim.faults.add({
      cluster: CLUSTER,
      api: 'eks',
      operation: 'DescribeCluster',
      fault: { type: 'latency', ms: 20_000 },
    });
    const { collector } = demoCollector(fleet.sim);
    const { collection, store } = await setup((target, options) =>
      collector.collect(target, options),
    );
    const controller = new AbortController();
    const run = collection.collect(CLUSTER, { signal: controller.signal });
    setTimeout(() => controller.abort(), 1_000);
    const started = Date.now();

    // Kubernetes was read before the cancellation, so the snapshot is kept, without EKS and EC2.
    await expect(run).resolves.toEqual({ ok: true });
    expect(Date.now() - started).toBeLessThan(ABANDON_AFTER_ABORT_MS);
    const { snapshot } = await store.getState(CLUSTER);
    expect(snapshot?.partial).toEqual(['ec2', 'eks']);
    expect(snapshot?.sourceErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'eks', kind: 'timeout' }),
      ]),
    );
  });
});
