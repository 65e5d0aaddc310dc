import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { demoFleetConfig, useDemoFleet } from '../../__testUtils__/demoFleet';
import { eksPlatformPlugin } from '../../plugin';

jest.setTimeout(60_000);

/** An absolute file-system path, as a stack frame or an fs error would show it. */
const ABSOLUTE_PATH = /(^|[\s'"(=:])\/(?:[\w.@+-]+\/)+[\w.@+-]*/;

function expectNothingInternal(text: string) {
  expect(text).not.toMatch(ABSOLUTE_PATH);
  expect(text).not.toContain(process.cwd());
  expect(text).not.toMatch(/\bat .+:\d+:\d+/); // a stack frame
  expect(text).not.toMatch(/select|sqlite|from `/i);
}

describe('error bodies with the error handler as production configures it', () => {
  const fleet = useDemoFleet();
  let knex: Knex;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let savedNodeEnv: string | undefined;

  beforeAll(async () => {
    // The framework's error handler reads NODE_ENV when the backend starts:
    // stack traces are only shown in development.
    savedNodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    ({ server } = await startTestBackend({
      features: [
        eksPlatformPlugin,
        mockServices.rootConfig.factory({ data: demoFleetConfig(fleet.sim) }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    }));
  });

  afterAll(async () => {
    process.env.NODE_ENV = savedNodeEnv;
    await knex.destroy();
  });

  it('answers a 404 with its message and no stack trace', async () => {
    const response = await request(server).get(
      '/api/eks-platform/clusters/prod-mars-1',
    );
    expect(response.status).toBe(404);
    expect(response.body.error).toEqual({
      name: 'NotFoundError',
      message: expect.stringMatching(/prod-mars-1/),
    });
    // The body echoes only the caller's own request URL besides the error.
    expectNothingInternal(JSON.stringify(response.body.error));
    expect(Object.keys(response.body).sort()).toEqual([
      'error',
      'request',
      'response',
    ]);
  });

  it('answers an unexpected failure (the database lost a table) with 500 naming only a logId', async () => {
    await knex.schema.dropTable('eks_platform_snapshots');

    const response = await request(server).get('/api/eks-platform/clusters');

    expect(response.status).toBe(500);
    expect(response.body.error).toEqual({
      name: 'Error',
      message: expect.stringMatching(
        /^An internal error occurred in eks-platform; the backend log has it under logId=[0-9a-f]{16}$/,
      ),
    });
    expect(response.body.response).toEqual({ statusCode: 500 });
    // The body echoes only the caller's own request URL besides the error.
    expectNothingInternal(JSON.stringify(response.body.error));
    expect(Object.keys(response.body).sort()).toEqual([
      'error',
      'request',
      'response',
    ]);
  });
});
