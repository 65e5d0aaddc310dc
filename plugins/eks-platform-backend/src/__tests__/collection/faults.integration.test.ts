import { TestDatabases } from '@backstage/backend-test-utils';
import { demoServices, useDemoFleet } from '../../__testUtils__/demoFleet';
import { isoAt } from '../../__testUtils__/clock';

jest.setTimeout(60_000);

describe('collection faults against the simulated fleet', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const fleet = useDemoFleet();
  let now = new Date(isoAt(0, '12:00:00.000'));

  afterEach(() => {
    fleet.sim.faults.clear();
  });

  async function setup(extra = {}) {
    return demoServices({
      sim: fleet.sim,
      knex: await databases.init('SQLITE_3'),
      extra: {
        collection: { requestTimeoutMs: 1500, maxRetries: 1, pageSize: 7 },
        ...extra,
      },
      now: () => now,
    });
  }

  it('keeps the last good snapshot, marked stale with the error, when pods answer 503; other clusters are unaffected', async () => {
    const { collection, views } = await setup();
    now = new Date(isoAt(0, '12:00:00.000'));
    await collection.collect('prod-eu-west-1');
    const first = await views.getDetail('prod-eu-west-1');

    fleet.sim.faults.add({
      cluster: 'prod-eu-west-1',
      api: 'kubernetes',
      path: '/api/v1/pods',
      fault: { type: 'status', status: 503 },
    });
    now = new Date(isoAt(0, '12:05:00.000'));
    await expect(collection.collect('prod-eu-west-1')).resolves.toEqual({
      ok: false,
    });
    await expect(collection.collect('staging-eu-west-1')).resolves.toEqual({
      ok: true,
    });

    const { items } = await views.listOverviews();
    const prod = items.find(c => c.name === 'prod-eu-west-1')!;
    expect(prod).toMatchObject({
      collectedAt: isoAt(0, '12:00:00.000'),
      stale: true,
      lastError: {
        kind: 'server-error',
        source: 'kubernetes',
        status: 503,
        at: isoAt(0, '12:05:00.000'),
      },
    });
    expect(prod.spot).toEqual(first.overview.spot);
    const staging = items.find(c => c.name === 'staging-eu-west-1')!;
    expect(staging).toMatchObject({
      collectedAt: isoAt(0, '12:05:00.000'),
      stale: false,
    });
    expect(staging.lastError).toBeUndefined();

    // The next good collection clears the error.
    fleet.sim.faults.clear();
    now = new Date(isoAt(0, '12:10:00.000'));
    await collection.collect('prod-eu-west-1');
    const recovered = (await views.getDetail('prod-eu-west-1')).overview;
    expect(recovered).toMatchObject({
      stale: false,
      collectedAt: isoAt(0, '12:10:00.000'),
    });
    expect(recovered.lastError).toBeUndefined();
  });

  it('relists pods from scratch when the continue token expires, and counts every pod once', async () => {
    const { collection, views } = await setup();
    fleet.sim.faults.add({
      cluster: 'prod-eu-west-1',
      api: 'kubernetes',
      path: '/api/v1/pods',
      fault: { type: 'gone', times: 1 },
    });
    await collection.collect('prod-eu-west-1');
    const detail = await views.getDetail('prod-eu-west-1');
    const expected = fleet.sim.cluster('prod-eu-west-1')!.podCount;
    expect(
      detail.spot!.capacity.total.pods + detail.spot!.capacity.unplacedPods,
    ).toBe(expected);
    expect(detail.overview.stale).toBe(false);
  });

  it('still collects a cluster whose role may not list namespaces, without the namespace list', async () => {
    const { collection, views } = await setup();
    fleet.sim.faults.add({
      cluster: 'prod-eu-west-1',
      api: 'kubernetes',
      path: '/api/v1/namespaces',
      fault: { type: 'status', status: 403 },
    });
    await expect(collection.collect('prod-eu-west-1')).resolves.toEqual({
      ok: true,
    });
    const detail = await views.getDetail('prod-eu-west-1');
    expect(detail.overview.stale).toBe(false);
    expect(detail.overview.partial).toEqual([]);
    expect(detail.namespaces).toBeUndefined();
    expect(detail.spot!.capacity.total.nodes).toBe(
      fleet.sim.cluster('prod-eu-west-1')!.nodeCount,
    );
  });

  it('serves a partial snapshot when EC2 fails, with the EC2 error recorded', async () => {
    const { collection, views } = await setup();
    fleet.sim.faults.add({
      cluster: 'staging-eu-west-1',
      api: 'ec2',
      operation: 'DescribeSubnets',
      fault: { type: 'status', status: 403 },
    });
    await expect(collection.collect('staging-eu-west-1')).resolves.toEqual({
      ok: true,
    });
    const detail = await views.getDetail('staging-eu-west-1');
    expect(detail.overview.partial).toEqual(['ec2']);
    expect(detail.overview.ip?.leastFreeSubnet).toBeUndefined();
    expect(detail.overview.ip?.podsFailingIpAssignment).toBe(6);
    expect(detail.overview.version?.kubernetesVersion).toBe(
      fleet.sim.cluster('staging-eu-west-1').kubernetesVersion,
    );
  });

  it('backs off and retries when Kubernetes throttles, and records a timeout as a timeout', async () => {
    const { collection, views } = await setup();
    fleet.sim.faults.add({
      cluster: 'checkout-green',
      api: 'kubernetes',
      path: '/api/v1/nodes',
      fault: { type: 'throttle', times: 1 },
    });
    await expect(collection.collect('checkout-green')).resolves.toEqual({
      ok: true,
    });

    fleet.sim.faults.add({
      cluster: 'checkout-blue',
      api: 'kubernetes',
      path: '/version',
      fault: { type: 'timeout' },
    });
    await expect(collection.collect('checkout-blue')).resolves.toEqual({
      ok: false,
    });
    const blue = (await views.getDetail('checkout-blue')).overview;
    expect(blue.lastError).toMatchObject({
      kind: 'timeout',
      source: 'kubernetes',
    });
    expect(blue.collectedAt).toBeUndefined();
    expect(blue.stale).toBe(true);
  });

  it('records a truncated pod page as a bad response', async () => {
    const { collection, views } = await setup();
    fleet.sim.faults.add({
      cluster: 'prod-us-east-1',
      api: 'kubernetes',
      path: '/api/v1/pods',
      fault: { type: 'truncate' },
    });
    await collection.collect('prod-us-east-1');
    const overview = (await views.getDetail('prod-us-east-1')).overview;
    expect(overview.lastError).toMatchObject({
      kind: 'bad-response',
      source: 'kubernetes',
    });
  });
});
