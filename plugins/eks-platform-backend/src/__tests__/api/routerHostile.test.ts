import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  SECRETS,
  catalogClusterEntities,
  fleetConfig,
} from '../../__fixtures__/fleet';
import { eksPlatformPlugin } from '../../plugin';
import { isoAt } from '../../__testUtils__/clock';

/** A day (`YYYY-MM-DD`) from the clock, for query strings. */
const day = (days: number) => isoAt(days).slice(0, 10);

const PAYMENTS = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'eks-platform.io/clusters': 'prod-eu-1, staging-eu-1',
      'backstage.io/kubernetes-id': 'payments-api',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

const PAYMENTS_TEAM = {
  apiVersion: 'backstage.io/v1',
  kind: 'Group',
  metadata: { name: 'team-payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const HUGE = 'a'.repeat(10_000);
const HEALTHY_CLUSTER = 'staging-eu-1';

/** Starts the plugin on the fixture fleet; `services` swap core services. */
async function start(services: any[] = []): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      eksPlatformPlugin,
      mockServices.rootConfig.factory({
        data: fleetConfig({ extraLocators: [{ type: 'catalog' }] }),
      }),
      catalogServiceMock.factory({
        entities: [...catalogClusterEntities(), PAYMENTS, PAYMENTS_TEAM],
      }),
      ...services,
    ],
  });
  return server;
}

type Case = [
  label: string,
  method: 'get' | 'post',
  path: string,
  status: 400 | 404,
  message: RegExp,
];

const INVALID_NAME =
  /^Invalid cluster name: it must be 1-100 characters of A-Z, a-z, 0-9, '\.', '_' or '-', starting with a letter or digit$/;

const hostileNames: Array<[string, string]> = [
  ['an encoded path traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['a NUL byte', '%00'],
  ['a name with a NUL byte inside', 'prod-eu-1%00.json'],
  ['a 10 kB name', HUGE],
  ['__proto__', '__proto__'],
  ['a name with a quote and a script tag', "x'%3Cscript%3E"],
  ['an encoded backslash traversal', '..%5C..%5Cwindows'],
  ['a name with a space', 'prod%20eu'],
];

const cases: Case[] = [
  // Cluster names, on every route that takes one.
  ...hostileNames.flatMap(([label, name]): Case[] => [
    [
      `GET /clusters/:name with ${label}`,
      'get',
      `/clusters/${name}`,
      400,
      INVALID_NAME,
    ],
    [
      `GET /clusters/:name/history with ${label}`,
      'get',
      `/clusters/${name}/history?metric=free-ips`,
      400,
      INVALID_NAME,
    ],
    [
      `POST /clusters/:name/refresh with ${label}`,
      'post',
      `/clusters/${name}/refresh`,
      400,
      INVALID_NAME,
    ],
  ]),
  [
    'GET /clusters/:name for an unknown cluster',
    'get',
    '/clusters/prod-mars-1',
    404,
    /^No cluster named 'prod-mars-1'$/,
  ],
  [
    'GET /clusters/:name for constructor',
    'get',
    '/clusters/constructor',
    404,
    /^No cluster named 'constructor'$/,
  ],
  [
    'GET /clusters/:name for hasOwnProperty',
    'get',
    '/clusters/hasOwnProperty',
    404,
    /^No cluster named 'hasOwnProperty'$/,
  ],
  [
    'POST /clusters/:name/refresh for an unknown cluster',
    'post',
    '/clusters/prod-mars-1/refresh',
    404,
    /^No cluster named 'prod-mars-1'$/,
  ],
  [
    'GET /clusters/:name/history for an unknown cluster',
    'get',
    '/clusters/prod-mars-1/history?metric=free-ips',
    404,
    /^No cluster named 'prod-mars-1'$/,
  ],
  [
    'GET /clusters/:name/namespaces/:namespace for an unknown cluster',
    'get',
    '/clusters/prod-mars-1/namespaces/payments-prod',
    404,
    /^No cluster named 'prod-mars-1'$/,
  ],
  ...[
    ['traversal', '..%2F..%2Fetc'],
    ['NUL', 'payments%00prod'],
    ['a 64-character name', 'a'.repeat(64)],
    ['upper case', 'Payments'],
    ['__proto__', '__proto__'],
  ].map(
    ([label, namespace]): Case => [
      `GET /clusters/:name/namespaces/:namespace with ${label}`,
      'get',
      `/clusters/prod-eu-1/namespaces/${namespace}`,
      400,
      /^Invalid namespace name: it must be a lowercase RFC 1123 label/,
    ],
  ),
  // History queries.
  ...(
    [
      [
        'metric=__proto__',
        'metric=__proto__',
        /^Invalid history query: metric: /,
      ],
      [
        'metric=constructor',
        'metric=constructor',
        /^Invalid history query: metric: /,
      ],
      [
        'two metrics',
        'metric=free-ips&metric=spot-cpu-share',
        /^Invalid history query: metric: /,
      ],
      [
        'a metric object',
        'metric[free-ips]=1',
        /^Invalid history query: metric: /,
      ],
      [
        'a metric of 10 kB',
        `metric=${HUGE}`,
        /^Invalid history query: metric: /,
      ],
      ['no metric', `from=${day(-19)}`, /^Invalid history query: metric: /],
      [
        'from=99999999999999999999',
        'metric=free-ips&from=99999999999999999999',
        /^Invalid history query: from: must be an ISO 8601 date or date-time$/,
      ],
      [
        'a negative year',
        'metric=free-ips&from=-271821-04-20',
        /^Invalid history query: from: must be an ISO 8601 date or date-time$/,
      ],
      [
        'from in year 275760',
        'metric=free-ips&from=275760-09-13',
        /^Invalid history query: from: must be an ISO 8601 date or date-time$/,
      ],
      [
        'to=1e308',
        'metric=free-ips&to=1e308',
        /^Invalid history query: to: must be an ISO 8601 date or date-time$/,
      ],
      [
        'from=NaN',
        'metric=free-ips&from=NaN',
        /^Invalid history query: from: must be an ISO 8601 date or date-time$/,
      ],
      [
        'a month 13',
        // date-literal: a month that does not exist
        'metric=free-ips&from=2026-13-01',
        /^Invalid history query: from: must be an ISO 8601 date or date-time$/,
      ],
      [
        'an hour 25',
        `metric=free-ips&from=${day(-19)}T25:00:00Z`,
        /^Invalid history query: from: must be an ISO 8601 date or date-time$/,
      ],
      [
        'two froms',
        `metric=free-ips&from=${day(-19)}&from=${day(-18)}`,
        /^Invalid history query: from: /,
      ],
      [
        'a from object',
        `metric=free-ips&from[gt]=${day(-19)}`,
        /^Invalid history query: from: /,
      ],
      [
        'from after to',
        `metric=free-ips&from=${day(0)}&to=${day(-19)}`,
        /^Invalid history query: from must be before to$/,
      ],
      [
        'a range from year 0001',
        // date-literal: the first day a date can name
        `metric=free-ips&from=0001-01-01&to=${day(-19)}`,
        /^Invalid history query: the range may span at most 400 days$/,
      ],
      [
        'a range to year 9999',
        // date-literal: the last day a date can name
        `metric=free-ips&from=${day(-19)}&to=9999-12-31`,
        /^Invalid history query: the range may span at most 400 days$/,
      ],
    ] as const
  ).map(
    ([label, query, message]): Case => [
      `GET /clusters/:name/history with ${label}`,
      'get',
      `/clusters/${HEALTHY_CLUSTER}/history?${query}`,
      400,
      message,
    ],
  ),
  // Entity refs.
  [
    'GET /entity without entityRef',
    'get',
    '/entity',
    400,
    /^Invalid entity query: entityRef: /,
  ],
  [
    'GET /entity with two entityRefs',
    'get',
    '/entity?entityRef=component:a&entityRef=component:b',
    400,
    /^Invalid entity query: entityRef: /,
  ],
  [
    'GET /entity with an entityRef object',
    'get',
    '/entity?entityRef[kind]=component',
    400,
    /^Invalid entity query: entityRef: /,
  ],
  [
    'GET /entity with an empty entityRef',
    'get',
    '/entity?entityRef=',
    400,
    /^Invalid entity query: entityRef: /,
  ],
  [
    'GET /entity with a 10 kB entityRef',
    'get',
    `/entity?entityRef=component:${HUGE}`,
    400,
    /^Invalid entity query: entityRef: /,
  ],
  [
    'GET /entity with entityRef=__proto__',
    'get',
    '/entity?entityRef=__proto__',
    400,
    /^Invalid entityRef: /,
  ],
  [
    'GET /entity with an entityRef without a name',
    'get',
    '/entity?entityRef=component:',
    400,
    /^Invalid entityRef: /,
  ],
  [
    'GET /entity with a path traversal in the entityRef',
    'get',
    '/entity?entityRef=component:default/..%2F..%2Fetc%2Fpasswd',
    400,
    /^Invalid entityRef: it must be kind:namespace\/name/,
  ],
  [
    'GET /entity with a NUL byte in the entityRef',
    'get',
    '/entity?entityRef=component:default/payments-api%00',
    400,
    /^Invalid entityRef: it must be kind:namespace\/name/,
  ],
  [
    'GET /entity for an unknown entity',
    'get',
    '/entity?entityRef=component:default/no-such-service',
    404,
    /^No entity 'component:default\/no-such-service'$/,
  ],
  [
    'GET /entity for an unknown kind',
    'get',
    '/entity?entityRef=spaceship:default/payments-api',
    404,
    /^No entity 'spaceship:default\/payments-api'$/,
  ],
  // Routes that do not exist.
];

describe('eks-platform REST API against malformed, oversized and hostile input', () => {
  let server: Server;

  beforeAll(async () => {
    server = await start();
  });

  it.each(cases)('%s', async (_label, method, path, status, message) => {
    const response = await request(server)[method](`/api/eks-platform${path}`);

    expect(response.status).toBe(status);
    expect(response.body.error.name).toBe(
      status === 400 ? 'InputError' : 'NotFoundError',
    );
    expect(response.body.error.message).toMatch(message);
    // The message does not echo the rejected value back at length (the
    // framework's error body repeats the request URL, the caller's own).
    expect(response.body.error.message.length).toBeLessThan(300);
    expect(response.body.error.message).not.toContain(HUGE);
  });

  it('answers 400 to a malformed percent-encoding in a cluster name', async () => {
    const response = await request(server).get(
      '/api/eks-platform/clusters/%E0%A4%A',
    );

    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^Failed to decode param/);
  });

  it.each([
    ['get', '/clusters/prod-eu-1/secrets'],
    ['get', '/clusters/prod-eu-1/history/../../../etc/passwd'],
  ] as const)(
    'answers 404 to %s %s, a route that does not exist',
    async (method, path) => {
      const response = await request(server)[method](
        `/api/eks-platform${path}`,
      );

      expect(response.status).toBe(404);
    },
  );

  it.each([
    ['post', '/clusters', 'GET, HEAD'],
    ['post', '/health', 'GET, HEAD'],
    ['delete', '/clusters/prod-eu-1', 'GET, HEAD'],
    ['put', '/clusters/prod-eu-1/namespaces/payments', 'GET, HEAD'],
    ['patch', '/clusters/prod-eu-1/history?metric=free-ips', 'GET, HEAD'],
    ['delete', '/entity?entityRef=component:payments-api', 'GET, HEAD'],
    ['get', '/clusters/prod-eu-1/refresh', 'POST'],
  ] as const)(
    'answers 405 with Allow to %s %s, a method the route does not have',
    async (method, path, allow) => {
      const response = await request(server)[method](
        `/api/eks-platform${path}`,
      );

      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe(allow);
      expect(response.body.error).toMatchObject({
        name: 'MethodNotAllowedError',
        message: `${method.toUpperCase()} is not supported here; use ${allow}`,
      });
    },
  );

  it('answers a well-formed request for a cluster of the wrong kind of entity with an empty view, not an error', async () => {
    const response = await request(server).get(
      '/api/eks-platform/entity?entityRef=group:default/team-payments',
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      entityRef: 'group:default/team-payments',
      unknownClusters: [],
      clusters: [],
    });
  });

  it('ignores a hostile body on refresh and keeps /health open with any query', async () => {
    const refresh = await request(server)
      .post('/api/eks-platform/clusters/prod-mars-1/refresh')
      .set('Content-Type', 'application/json')
      .send('{"__proto__": {"admin": true}, "x": ');
    expect(refresh.status).not.toBe(500);
    expect(refresh.status).toBeLessThan(500);

    const health = await request(server).get(
      `/api/eks-platform/health?x=${HUGE}&y[z]=1`,
    );
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(({} as any).admin).toBeUndefined();
  });

  it.each([
    ['get', '/clusters'],
    ['get', '/clusters/prod-eu-1'],
    ['get', '/clusters/prod-eu-1/history?metric=free-ips'],
    ['get', '/entity?entityRef=component:default/payments-api'],
    ['post', '/clusters/prod-eu-1/refresh'],
    ['get', '/clusters/prod-eu-1/namespaces/payments-prod'],
    ['get', `/clusters/${HUGE}`],
    ['get', '/clusters/..%2F..%2Fetc%2Fpasswd'],
  ] as const)(
    'answers 401 to %s %s without credentials, before looking at the input',
    async (method, path) => {
      const response = await request(server)
        [method](`/api/eks-platform${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);
      expect(response.body.error.name).toBe('AuthenticationError');
    },
  );

  it('answers 403 with no cluster data on every read route when the policy denies eks-platform.cluster.read', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async requests =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
      ),
    });
    const denied = await start([permissions.factory]);

    for (const path of [
      '/clusters',
      '/clusters/prod-eu-1',
      '/clusters/prod-eu-1/history?metric=free-ips',
      '/entity?entityRef=component:default/payments-api',
      '/clusters/prod-eu-1/namespaces/payments-prod',
      '/clusters/prod-mars-1',
      `/clusters/${HUGE}`,
    ]) {
      const response = await request(denied).get(`/api/eks-platform${path}`);
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        error: {
          name: 'NotAllowedError',
          message: 'Not allowed to read eks-platform clusters',
        },
        request: expect.any(Object),
        response: { statusCode: 403 },
      });
      // Nothing beyond the refusal: the framework's body only repeats the
      // caller's own method and URL.
      expect(response.body.request).toEqual({
        method: 'GET',
        url: path,
      });
      const served = JSON.stringify(response.body.error);
      for (const value of [
        '111122223333',
        'Production EU',
        'eu-west-1',
        ...Object.values(SECRETS),
      ]) {
        expect(served).not.toContain(value);
      }
    }
  });
});
