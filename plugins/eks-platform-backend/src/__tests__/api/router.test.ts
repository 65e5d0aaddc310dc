import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  type ClusterDetail,
  type ClusterOverviewResponse,
  type EntityViewResponse,
  type HistoryResponse,
  eksPlatformClusterRefreshPermission,
} from '@eks-platform/plugin-eks-platform-common';
import request from 'supertest';
import { demoFleetConfig, useDemoFleet } from '../../__testUtils__/demoFleet';
import { eksPlatformPlugin } from '../../plugin';
import { isoAt } from '../../__testUtils__/clock';

jest.setTimeout(60_000);

const PAYMENTS = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'eks-platform.io/clusters':
        'staging-eu-west-1, prod-eu-west-1, prod-mars-1',
      'backstage.io/kubernetes-id': 'payments-api',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

const LEDGER_STAGING = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ledger-api',
    namespace: 'default',
    annotations: {
      'eks-platform.io/clusters': 'staging-eu-west-1',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name in (ledger-api)',
      'backstage.io/kubernetes-namespace': 'ledger-stg',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/ledger',
  },
};

const BROKEN_SELECTOR = {
  ...LEDGER_STAGING,
  metadata: {
    name: 'broken-selector',
    namespace: 'default',
    annotations: {
      'eks-platform.io/clusters': 'staging-eu-west-1',
      'backstage.io/kubernetes-label-selector': 'app in (unclosed',
    },
  },
};

/** A day that does not exist in this year's calendar, e.g. `impossibleDate('02-30')`. */
function impossibleDate(monthDay: string): string {
  return `${new Date().getUTCFullYear()}-${monthDay}`;
}

describe('eks-platform REST API on the simulated demo fleet', () => {
  const fleet = useDemoFleet();

  async function start(services: any[] = []) {
    const { server } = await startTestBackend({
      features: [
        eksPlatformPlugin,
        mockServices.rootConfig.factory({ data: demoFleetConfig(fleet.sim) }),
        catalogServiceMock.factory({
          entities: [PAYMENTS, LEDGER_STAGING, BROKEN_SELECTOR],
        }),
        ...services,
      ],
    });
    return server;
  }

  it('collects on POST /refresh (202) and then serves the cluster list, detail, history and entity view', async () => {
    const server = await start();

    for (const name of ['staging-eu-west-1', 'prod-eu-west-1']) {
      const refresh = await request(server).post(
        `/api/eks-platform/clusters/${name}/refresh`,
      );
      expect(refresh.status).toBe(202);
      expect(refresh.body).toMatchObject({
        cluster: name,
        status: 'scheduled',
      });
    }

    const list = await request(server).get('/api/eks-platform/clusters');
    expect(list.status).toBe(200);
    const overview: ClusterOverviewResponse = list.body;
    const staging = overview.items.find(c => c.name === 'staging-eu-west-1')!;
    // The version the simulator resolved from the scenario's place in the EKS calendar.
    const stagingVersion =
      fleet.sim.cluster('staging-eu-west-1').kubernetesVersion;
    expect(staging).toMatchObject({
      stale: false,
      partial: [],
      version: { kubernetesVersion: stagingVersion },
      ip: { leastFreeSubnet: { freeAddresses: 3 }, podsFailingIpAssignment: 6 },
    });
    expect(staging.collectedAt).toEqual(expect.any(String));
    // Clusters not collected yet are listed without figures.
    expect(
      overview.items.find(c => c.name === 'legacy-eu-west-1'),
    ).not.toHaveProperty('spot');
    // Nothing secret is served.
    for (const c of fleet.sim.clusters()) {
      expect(list.text).not.toContain(c.token);
      expect(list.text).not.toContain(c.url);
    }

    const detail = await request(server).get(
      '/api/eks-platform/clusters/staging-eu-west-1',
    );
    expect(detail.status).toBe(200);
    const body: ClusterDetail = detail.body;
    expect(body.ip?.failures).toHaveLength(6);
    expect(body.spot?.capacity.total.nodes).toBe(6);
    expect(body.version?.status.version).toBe(stagingVersion);

    const history = await request(server).get(
      '/api/eks-platform/clusters/staging-eu-west-1/history?metric=free-ips',
    );
    expect(history.status).toBe(200);
    const series: HistoryResponse = history.body;
    expect(series.series.map(s => s.points.at(-1)?.value).sort()).toEqual([
      3, 7, 9,
    ]);

    const entity = await request(server).get(
      '/api/eks-platform/entity?entityRef=component:default/payments-api',
    );
    expect(entity.status).toBe(200);
    const view: EntityViewResponse = entity.body;
    expect(view.unknownClusters).toEqual(['prod-mars-1']);
    const stagingView = view.clusters.find(
      c => c.cluster.name === 'staging-eu-west-1',
    )!;
    expect(stagingView.namespaces).toEqual(['payments-stg']);
    expect(stagingView.workloads.map(w => w.workload.name)).toEqual([
      'payments-api',
    ]);
    expect(stagingView.ipFailures).toHaveLength(2);
    const prodView = view.clusters.find(
      c => c.cluster.name === 'prod-eu-west-1',
    )!;
    expect(prodView.workloads[0]).toMatchObject({
      workload: { namespace: 'payments-prod', name: 'payments-api' },
      replicas: 8,
    });

    const ledger = await request(server).get(
      '/api/eks-platform/entity?entityRef=component:ledger-api',
    );
    expect(ledger.status).toBe(200);
    expect(ledger.body.clusters[0].namespaces).toEqual(['ledger-stg']);
    expect(ledger.body.clusters[0].ipFailures).toHaveLength(3);
  });

  it.each([
    ['an unknown metric', '/clusters/staging-eu-west-1/history?metric=memory'],
    ['a missing metric', '/clusters/staging-eu-west-1/history'],
    [
      'a from that is not a date',
      '/clusters/staging-eu-west-1/history?metric=free-ips&from=yesterday',
    ],
    [
      'from after to',
      `/clusters/staging-eu-west-1/history?metric=free-ips&from=${isoAt(
        0,
      )}&to=${isoAt(-1)}`,
    ],
    [
      'a range over 400 days',
      `/clusters/staging-eu-west-1/history?metric=free-ips&from=${isoAt(
        -730,
      )}&to=${isoAt(0)}`,
    ],
    [
      'an impossible date (February 30), instead of rolling it over to March 2',
      `/clusters/staging-eu-west-1/history?metric=free-ips&from=${impossibleDate(
        '02-30',
      )}`,
    ],
    [
      'an impossible date-time (April 31)',
      `/clusters/staging-eu-west-1/history?metric=free-ips&to=${impossibleDate(
        '04-31',
      )}T10:00:00Z`,
    ],
    ['a malformed cluster name', '/clusters/..%2Fetc/history?metric=free-ips'],
    [
      'an entityRef name the catalog refuses (a space)',
      '/entity?entityRef=component:default/payments%20api',
    ],
    [
      'an entityRef name over 63 characters',
      `/entity?entityRef=component:default/${'a'.repeat(64)}`,
    ],
    ['no entityRef', '/entity'],
    ['a malformed entityRef', '/entity?entityRef=component:'],
    ['two entityRefs', '/entity?entityRef=component:a&entityRef=component:b'],
    [
      'an unparseable label selector annotation',
      '/entity?entityRef=component:broken-selector',
    ],
  ])('answers 400 InputError for %s', async (_label, path) => {
    const server = await start();
    const response = await request(server).get(`/api/eks-platform${path}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { name: 'InputError' } });
    expect(response.body.error.message).toMatch(
      /^Invalid (history query|cluster name|entity query|entityRef|namespace)|has an invalid/,
    );
  });

  it('sends gzip to callers that accept it, plain JSON to others, and 304 for a current ETag', async () => {
    const server = await start();
    await request(server).post(
      '/api/eks-platform/clusters/staging-eu-west-1/refresh',
    );
    const url =
      '/api/eks-platform/entity?entityRef=component:default/payments-api';
    const plain = await request(server)
      .get(url)
      .set('Accept-Encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(plain.body.clusters[0].cluster.collectedAt).toEqual(
      expect.any(String),
    );
    const gzipped = await request(server)
      .get(url)
      .set('Accept-Encoding', 'gzip, deflate, br');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(gzipped.body).toEqual(plain.body);
    expect(gzipped.headers.etag).not.toBe(plain.headers.etag);

    const unchanged = await request(server)
      .get(url)
      .set('Accept-Encoding', 'gzip')
      .set('If-None-Match', gzipped.headers.etag);
    expect(unchanged.status).toBe(304);
  });

  it('asks the cluster whether a namespace exists, at the time of the request', async () => {
    const server = await start();
    const taken = await request(server).get(
      '/api/eks-platform/clusters/prod-eu-west-1/namespaces/payments-prod',
    );
    expect(taken.status).toBe(200);
    expect(taken.body).toEqual({
      cluster: 'prod-eu-west-1',
      namespace: 'payments-prod',
      exists: true,
      checkedAt: expect.any(String),
    });
    const free = await request(server).get(
      '/api/eks-platform/clusters/prod-eu-west-1/namespaces/checkout-api-dev',
    );
    expect(free.body).toMatchObject({ exists: false });

    expect(
      (
        await request(server).get(
          '/api/eks-platform/clusters/prod-mars-1/namespaces/checkout-api-dev',
        )
      ).status,
    ).toBe(404);
    const invalid = await request(server).get(
      '/api/eks-platform/clusters/prod-eu-west-1/namespaces/Checkout_API',
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/Invalid namespace name/);

    fleet.sim.faults.add({
      cluster: 'prod-eu-west-1',
      api: 'kubernetes',
      path: '/api/v1/namespaces/checkout-api-prod',
      fault: { type: 'status', status: 403 },
    });
    try {
      const forbidden = await request(server).get(
        '/api/eks-platform/clusters/prod-eu-west-1/namespaces/checkout-api-prod',
      );
      expect(forbidden.status).toBe(503);
      expect(forbidden.body.error.message).toMatch(
        /^Could not ask cluster prod-eu-west-1 whether namespace checkout-api-prod exists: /,
      );
    } finally {
      fleet.sim.faults.clear();
    }
  });

  it('answers 404 for an unknown cluster or entity', async () => {
    const server = await start();
    for (const path of [
      '/clusters/prod-mars-1/history?metric=free-ips',
      '/entity?entityRef=component:default/no-such-service',
    ]) {
      const response = await request(server).get(`/api/eks-platform${path}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { name: 'NotFoundError' } });
    }
    const refresh = await request(server).post(
      '/api/eks-platform/clusters/prod-mars-1/refresh',
    );
    expect(refresh.status).toBe(404);
  });

  it('answers 401 without credentials on every route but /health', async () => {
    const server = await start();
    for (const [method, path] of [
      ['get', '/clusters/staging-eu-west-1/history?metric=free-ips'],
      ['get', '/entity?entityRef=component:payments-api'],
      ['post', '/clusters/staging-eu-west-1/refresh'],
    ] as const) {
      const response = await request(server)
        [method](`/api/eks-platform${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);
    }
  });

  it('answers 403 to a refresh when only eks-platform.cluster.refresh is denied, and does not collect', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async requests =>
        requests.map(r => ({
          result:
            r.permission.name === eksPlatformClusterRefreshPermission.name
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      ),
    });
    const server = await start([permissions.factory]);
    const before = fleet.sim.requestLog.count({
      cluster: 'checkout-green',
      api: 'kubernetes',
    });

    const refresh = await request(server).post(
      '/api/eks-platform/clusters/checkout-green/refresh',
    );
    const read = await request(server).get(
      '/api/eks-platform/clusters/checkout-green',
    );

    expect(refresh.status).toBe(403);
    expect(refresh.body).toMatchObject({ error: { name: 'NotAllowedError' } });
    expect(read.status).toBe(200);
    expect(
      fleet.sim.requestLog.count({
        cluster: 'checkout-green',
        api: 'kubernetes',
      }),
    ).toBe(before);
  });
});
