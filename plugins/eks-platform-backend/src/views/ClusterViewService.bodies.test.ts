import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  ClusterDetail,
  ClusterOverviewResponse,
  EntityViewResponse,
} from '@eks-platform/plugin-eks-platform-common';
import { demoServices, useDemoFleet } from '../__testUtils__/demoFleet';
import type { JsonBody } from './ViewBodyCache';
import { isoAt } from '../__testUtils__/clock';

jest.setTimeout(60_000);

const PAYMENTS: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'eks-platform.io/clusters': 'staging-eu-west-1',
      'backstage.io/kubernetes-id': 'payments-api',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

function parse<T>(body: JsonBody): T {
  return JSON.parse(body.bytes.toString('utf8')) as T;
}

describe('serialized views (one answer shared by the requests of a second)', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const fleet = useDemoFleet();
  let now: Date;

  afterEach(() => {
    fleet.sim.faults.clear();
  });

  async function setup() {
    const hidden = mockCredentials.user('user:default/outsider');
    // The catalog hides the entity from one user, as a permission policy would.
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async (_ref, options) =>
        options &&
        'credentials' in options &&
        JSON.stringify(options.credentials) === JSON.stringify(hidden)
          ? undefined
          : PAYMENTS,
      ),
    });
    const { collection, views } = await demoServices({
      sim: fleet.sim,
      knex: await databases.init('SQLITE_3'),
      extra: { collection: { requestTimeoutMs: 1500, maxRetries: 0 } },
      now: () => now,
      catalog,
    });
    return { collection, views, hidden };
  }

  it('equals the unserialized view, and is shared by every request of the same second', async () => {
    const { collection, views } = await setup();
    now = new Date(isoAt(0, '12:00:00.000'));
    await collection.collect('staging-eu-west-1');
    now = new Date(isoAt(0, '12:00:10.250'));

    const first = await views.listOverviewsBody();
    now = new Date(isoAt(0, '12:00:10.900'));
    const again = await views.listOverviewsBody();
    expect(again).toBe(first);
    expect(parse(first)).toEqual(await views.listOverviews());
    expect(first.etag).toMatch(/^"[\w-]{27}"$/);

    const detail = await views.getDetailBody('staging-eu-west-1');
    expect(parse<ClusterDetail>(detail)).toEqual(
      await views.getDetail('staging-eu-west-1'),
    );
    const credentials = mockCredentials.user();
    const entity = await views.getEntityViewBody(
      'component:default/payments-api',
      credentials,
    );
    expect(parse<EntityViewResponse>(entity)).toEqual(
      await views.getEntityView('component:default/payments-api', credentials),
    );
  });

  it('changes within the same second when a collection stores a new snapshot or a failure', async () => {
    const { collection, views } = await setup();
    now = new Date(isoAt(0, '12:00:00.000'));
    await collection.collect('staging-eu-west-1');
    const before = parse<ClusterOverviewResponse>(
      await views.listOverviewsBody(),
    );
    const staging = () =>
      before.items.find(c => c.name === 'staging-eu-west-1')!;
    expect(staging().stale).toBe(false);
    expect(
      before.items.find(c => c.name === 'prod-eu-west-1')!.collectedAt,
    ).toBeUndefined();

    // A collection of another cluster in the same second shows at once.
    await collection.collect('prod-eu-west-1');
    const afterCollect = parse<ClusterOverviewResponse>(
      await views.listOverviewsBody(),
    );
    expect(
      afterCollect.items.find(c => c.name === 'prod-eu-west-1')!.collectedAt,
    ).toBe(now.toISOString());

    // So does a failed attempt: the last good snapshot, now stale with the error.
    fleet.sim.faults.add({
      cluster: 'staging-eu-west-1',
      api: 'kubernetes',
      path: '/api/v1/nodes',
      fault: { type: 'status', status: 503 },
    });
    now = new Date(isoAt(0, '12:00:00.500'));
    await collection.collect('staging-eu-west-1');
    const afterFailure = parse<ClusterOverviewResponse>(
      await views.listOverviewsBody(),
    );
    const failed = afterFailure.items.find(
      c => c.name === 'staging-eu-west-1',
    )!;
    expect(failed.stale).toBe(true);
    expect(failed.lastError?.kind).toBe('server-error');
  });

  it('turns stale the second the snapshot passes the stale age (15 minutes)', async () => {
    const { collection, views } = await setup();
    now = new Date(isoAt(0, '12:00:00.000'));
    await collection.collect('staging-eu-west-1');
    const stagingAt = async (iso: string) => {
      now = new Date(iso);
      const body = parse<ClusterOverviewResponse>(
        await views.listOverviewsBody(),
      );
      return body.items.find(c => c.name === 'staging-eu-west-1')!.stale;
    };
    expect(await stagingAt(isoAt(0, '12:15:00.000'))).toBe(false);
    expect(await stagingAt(isoAt(0, '12:15:00.999'))).toBe(false);
    expect(await stagingAt(isoAt(0, '12:15:01.000'))).toBe(true);
  });

  it('asks the catalog on every request, so a cached entity view never reaches a user who may not see the entity', async () => {
    const { collection, views, hidden } = await setup();
    now = new Date(isoAt(0, '12:00:00.000'));
    await collection.collect('staging-eu-west-1');
    const ref = 'component:default/payments-api';
    const seen = parse<EntityViewResponse>(
      await views.getEntityViewBody(ref, mockCredentials.user()),
    );
    expect(seen.clusters.map(c => c.cluster.name)).toEqual([
      'staging-eu-west-1',
    ]);
    await expect(views.getEntityViewBody(ref, hidden)).rejects.toThrow(
      "No entity 'component:default/payments-api'",
    );
  });
});
