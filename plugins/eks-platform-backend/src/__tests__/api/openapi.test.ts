import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EKS_PLATFORM_CLUSTERS_ANNOTATION } from '@eks-platform/plugin-eks-platform-common';
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { demoFleetConfig, useDemoFleet } from '../../__testUtils__/demoFleet';
import { eksPlatformPlugin } from '../../plugin';

jest.setTimeout(60_000);

type Operation = {
  responses: Record<string, { $ref?: string; content?: any }>;
};

const spec = parse(
  fs.readFileSync(path.resolve(__dirname, '../../schema/openapi.yaml'), 'utf8'),
);
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema({ ...spec, $id: 'openapi' });

/**
 * The JSON schema the spec gives for one answer of one route: the response of
 * its status, else the `default` (error) response. Throws when the spec does
 * not describe the route or the status, so an undocumented answer fails too.
 */
function responseSchema(method: string, route: string, status: number) {
  const operation: Operation | undefined = spec.paths[route]?.[method];
  if (!operation) throw new Error(`${method} ${route} is not in the spec`);
  let response = operation.responses[status] ?? operation.responses.default;
  if (!response)
    throw new Error(`${method} ${route} ${status} is undocumented`);
  if (response.$ref) {
    response = spec.components.responses[response.$ref.split('/').pop()!];
  }
  return response.content['application/json'].schema;
}

/** Checks one real answer against the spec; the route is the spec's path template. */
function expectConforms(
  method: 'get' | 'post',
  route: string,
  answer: { status: number; body: unknown },
) {
  const schema = responseSchema(method, route, answer.status);
  const validate = ajv.compile({ $ref: `openapi${schema.$ref}` });
  const errors = validate(answer.body) ? [] : validate.errors;
  // The route and status name the failing answer in the test output.
  expect({ route, status: answer.status, errors }).toEqual({
    route,
    status: answer.status,
    errors: [],
  });
}

/** A catalog entity on two demo clusters and one the registry does not know. */
const PAYMENTS = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: {
      [EKS_PLATFORM_CLUSTERS_ANNOTATION]:
        'staging-eu-west-1, prod-eu-west-1, prod-mars-1',
      'backstage.io/kubernetes-id': 'payments-api',
    },
  },
  spec: { type: 'service', owner: 'group:payments', lifecycle: 'production' },
};

const METRICS = [
  'spot-cpu-share',
  'requested-cpu',
  'allocatable-cpu',
  'free-ips',
  'additional-pods',
];

describe('the OpenAPI spec describes what the router answers on the demo fleet', () => {
  const fleet = useDemoFleet();

  async function start(services: any[] = []) {
    const { server } = await startTestBackend({
      features: [
        eksPlatformPlugin,
        mockServices.rootConfig.factory({ data: demoFleetConfig(fleet.sim) }),
        catalogServiceMock.factory({ entities: [PAYMENTS] }),
        ...services,
      ],
    });
    return (method: 'get' | 'post', url: string) =>
      request(server)[method](`/api/eks-platform${url}`);
  }

  it('matches every successful answer', async () => {
    const call = await start();
    expectConforms('get', '/health', await call('get', '/health'));
    const names = fleet.sim.clusters().map(c => c.name);
    for (const name of names) {
      const refresh = await call('post', `/clusters/${name}/refresh`);
      expect(refresh.status).toBe(202);
      expectConforms('post', '/clusters/{name}/refresh', refresh);
    }
    expectConforms('get', '/clusters', await call('get', '/clusters'));
    for (const name of names) {
      const detail = await call('get', `/clusters/${name}`);
      expect(detail.status).toBe(200);
      expectConforms('get', '/clusters/{name}', detail);
      for (const metric of METRICS) {
        const history = await call(
          'get',
          `/clusters/${name}/history?metric=${metric}`,
        );
        expect(history.status).toBe(200);
        expectConforms('get', '/clusters/{name}/history', history);
      }
    }
    const check = await call(
      'get',
      '/clusters/prod-eu-west-1/namespaces/payments-prod',
    );
    expect(check.status).toBe(200);
    expectConforms('get', '/clusters/{name}/namespaces/{namespace}', check);
    const entity = await call(
      'get',
      '/entity?entityRef=component:default/payments-api',
    );
    expect(entity.status).toBe(200);
    expectConforms('get', '/entity', entity);
  });

  it('matches the error answers (400, 403, 404)', async () => {
    const call = await start();
    const answers: Array<['get' | 'post', string, string, number]> = [
      ['get', '/clusters/{name}', '/clusters/prod-mars-1', 404],
      ['get', '/clusters/{name}', '/clusters/..%2Fetc', 400],
      ['get', '/clusters/{name}/history', '/clusters/x/history', 400],
      ['get', '/entity', '/entity', 400],
      ['post', '/clusters/{name}/refresh', '/clusters/nope/refresh', 404],
      [
        'get',
        '/clusters/{name}/namespaces/{namespace}',
        '/clusters/prod-eu-west-1/namespaces/Not_A_Label',
        400,
      ],
    ];
    for (const [method, route, url, status] of answers) {
      const answer = await call(method, url);
      expect(answer.status).toBe(status);
      expectConforms(method, route, answer);
    }

    const denied = await start([
      mockServices.permissions.mock({
        authorize: jest.fn(async requests =>
          requests.map(() => ({ result: AuthorizeResult.DENY })),
        ),
      }).factory,
    ]);
    const forbidden = await denied('get', '/clusters');
    expect(forbidden.status).toBe(403);
    expectConforms('get', '/clusters', forbidden);
  });
});
