import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { ConfigReader } from '@backstage/config';
import { loadConfig, loadConfigSchema } from '@backstage/config-loader';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ClusterOverviewResponse } from '@eks-platform/plugin-eks-platform-common';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { eksPlatformPlugin } from '../../plugin';

jest.setTimeout(60_000);

// Test-only: the repository's own app-config files.
// eslint-disable-next-line no-restricted-syntax
const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const APP_CONFIG = path.join(REPO_ROOT, 'app-config.yaml');
const PRODUCTION_CONFIG = path.join(REPO_ROOT, 'app-config.production.yaml');

/** A complete production environment (nothing here is contacted: collection is never scheduled). */
const PRODUCTION_ENV: Record<string, string> = {
  BACKSTAGE_BASE_URL: 'https://backstage.example.com',
  POSTGRES_HOST: '127.0.0.1',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'backstage',
  POSTGRES_PASSWORD: 'not-used-without-postgres',
  EKS_CLUSTER_NAME: 'prod-eu-1',
  EKS_CLUSTER_URL: 'https://4F2A9C1E7B3D5A6F.gr7.eu-west-1.eks.amazonaws.com',
  EKS_CLUSTER_CA_DATA: Buffer.from(
    '-----BEGIN CERTIFICATE-----\nMIIC...\n-----END CERTIFICATE-----\n',
  ).toString('base64'),
  EKS_REGION: 'eu-west-1',
  EKS_ACCOUNT_ID: '111122223333',
  EKS_PLATFORM_ROLE_ARN:
    'arn:aws:iam::111122223333:role/eks-platform-collector',
};

/** Where the repository's test PostgreSQL is, as scripts/postgres.sh exports it. */
const postgresUrl = Object.entries(process.env).find(([key]) =>
  /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(key),
)?.[1];

/** Runs `fn` with exactly `env` set for the production variables (others untouched). */
async function withEnv<T>(
  env: Record<string, string>,
  fn: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(
    Object.keys(PRODUCTION_ENV).map(key => [key, process.env[key]]),
  );
  for (const key of Object.keys(PRODUCTION_ENV)) delete process.env[key];
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * Starts our plugin the way `node packages/backend --config app-config.yaml
 * --config app-config.production.yaml` would load its config (the real root
 * config service), with the collection scheduler mocked: no AWS or cluster
 * call is ever made. `extraConfigFiles` are test-only overlays.
 */
async function startWithProductionConfig(
  options: { extraConfigFiles?: string[]; realDatabase?: boolean } = {},
) {
  const argv = [
    'node',
    'backend',
    ...[
      APP_CONFIG,
      PRODUCTION_CONFIG,
      ...(options.extraConfigFiles ?? []),
    ].flatMap(file => ['--config', file]),
  ];
  return startTestBackend({
    features: [
      eksPlatformPlugin,
      rootConfigServiceFactory({ argv, watch: false }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.scheduler.mock().factory,
      // permission.enabled is on: the permission backend (not started here)
      // would decide; this test is about config, so every request is allowed.
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      // The plugin migrates its database at start: PostgreSQL from the
      // production settings, or an in-memory SQLite database.
      options.realDatabase
        ? databaseServiceFactory
        : mockServices.database.factory({
            knex: knexFactory({
              client: 'better-sqlite3',
              connection: ':memory:',
              useNullAsDefault: true,
            }),
          }),
    ],
  });
}

describe('app-config.production.yaml', () => {
  let consoleLog: jest.SpyInstance;
  beforeEach(() => {
    // The root config service prints which files it loads.
    consoleLog = jest.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterEach(() => consoleLog.mockRestore());

  it('is valid against every workspace config schema with a complete environment', async () => {
    const workspacePackages = ['packages', 'plugins'].flatMap(dir =>
      fs
        .readdirSync(path.join(REPO_ROOT, dir))
        .map(name => path.join(REPO_ROOT, dir, name, 'package.json'))
        .filter(p => fs.existsSync(p))
        .map(p => JSON.parse(fs.readFileSync(p, 'utf8')).name as string),
    );
    const schemaErrors: unknown[] = [];
    const schema = await loadConfigSchema({
      dependencies: workspacePackages,
      packagePaths: [path.join(REPO_ROOT, 'package.json')],
      onSchemaError: error => schemaErrors.push(error),
    });
    const { appConfigs } = await loadConfig({
      configRoot: REPO_ROOT,
      configTargets: [{ path: APP_CONFIG }, { path: PRODUCTION_CONFIG }],
      experimentalEnvFunc: async name => PRODUCTION_ENV[name],
    });

    expect(() => schema.process(appConfigs)).not.toThrow();
    const production = appConfigs.find(c =>
      c.context.endsWith('app-config.production.yaml'),
    )!.data as {
      eksPlatform: { aws: { endpoint: unknown } };
      backend: { database: { client: string } };
    };
    expect(production.backend.database.client).toBe('pg');
    // Unsets the fleet simulator's endpoint of app-config.yaml.
    expect(production.eksPlatform.aws.endpoint).toBeNull();
  });

  it('keeps guest sign-in off in production, and the demo backend on loopback', async () => {
    const load = async (targets: string[]) =>
      ConfigReader.fromConfigs(
        (
          await loadConfig({
            configRoot: REPO_ROOT,
            configTargets: targets.map(p => ({ path: p })),
            experimentalEnvFunc: async name => PRODUCTION_ENV[name],
          })
        ).appConfigs,
      );
    const production = await load([APP_CONFIG, PRODUCTION_CONFIG]);
    // The guest provider refuses to sign anyone in when NODE_ENV is not
    // development (the image sets production) unless this is true.
    expect(
      production.getOptional(
        'auth.providers.guest.dangerouslyAllowOutsideDevelopment',
      ),
    ).not.toBe(true);
    expect(production.get('backend.listen')).toBe(':7007');
    // The demo's short refresh cooldown is not carried into production.
    expect(production.get('eksPlatform.refresh.cooldown')).toEqual({
      seconds: 60,
    });

    const demo = await load([APP_CONFIG]);
    expect(demo.getString('backend.listen.host')).toBe('127.0.0.1');
    expect(demo.getNumber('backend.listen.port')).toBe(7007);
  });

  it.each([
    [
      'EKS_CLUSTER_NAME',
      'kubernetes.clusterLocatorMethods[0].clusters[0].name',
    ],
    ['EKS_CLUSTER_URL', 'kubernetes.clusterLocatorMethods[0].clusters[0].url'],
    ['EKS_REGION', 'eksPlatform.clusters[0].region'],
    ['EKS_ACCOUNT_ID', 'accountId'],
  ])('refuses to start without %s, naming %s', async (variable, key) => {
    const env = { ...PRODUCTION_ENV };
    delete env[variable];

    const started = withEnv(env, () => startWithProductionConfig());

    await expect(started).rejects.toThrow(key);
  });

  it('does not echo the values it has in its start-up error', async () => {
    const env = { ...PRODUCTION_ENV };
    delete env.EKS_CLUSTER_URL;

    const error = await withEnv(env, () => startWithProductionConfig()).then(
      () => undefined,
      (e: Error) => e,
    );

    expect(String(error)).toContain('clusters[0].url');
    expect(String(error)).not.toContain(PRODUCTION_ENV.EKS_CLUSTER_CA_DATA);
    expect(String(error)).not.toContain(PRODUCTION_ENV.POSTGRES_PASSWORD);
  });

  it('starts with a complete environment and serves the cluster with its EKS identity, not the simulator', async () => {
    const { server } = await withEnv(PRODUCTION_ENV, () =>
      startWithProductionConfig(),
    );

    const response = await request(server).get('/api/eks-platform/clusters');

    expect(response.status).toBe(200);
    const body: ClusterOverviewResponse = response.body;
    expect(body.items).toEqual([
      expect.objectContaining({
        name: 'prod-eu-1',
        authProvider: 'aws',
        source: 'config',
        eks: {
          clusterName: 'prod-eu-1',
          region: 'eu-west-1',
          accountId: '111122223333',
        },
      }),
    ]);
    const served = JSON.stringify(body);
    for (const secret of [
      PRODUCTION_ENV.EKS_CLUSTER_URL,
      PRODUCTION_ENV.EKS_CLUSTER_CA_DATA,
      PRODUCTION_ENV.EKS_PLATFORM_ROLE_ARN,
    ]) {
      expect(served).not.toContain(secret);
    }
  });

  // With the repository's test PostgreSQL (scripts/postgres.sh exports its
  // URL), the plugin starts on it from the production database settings and
  // runs its migrations; like TestDatabases, without it the case is not defined.
  const postgresCases = postgresUrl ? [postgresUrl] : [];
  for (const _ of postgresCases)
    it('starts on PostgreSQL from POSTGRES_HOST/PORT/USER/PASSWORD and creates its tables', async () => {
      const url = new URL(postgresUrl!);
      const prefix = `eks_platform_prodcfg_${process.pid}_`;
      const overlay = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'eks-platform-prodcfg-')),
        'app-config.test.yaml',
      );
      // Test-only: a database name of its own on the shared test server.
      fs.writeFileSync(
        overlay,
        `backend:\n  database:\n    prefix: ${prefix}\n`,
      );
      const env = {
        ...PRODUCTION_ENV,
        POSTGRES_HOST: url.hostname,
        POSTGRES_PORT: url.port || '5432',
        POSTGRES_USER: decodeURIComponent(url.username),
        POSTGRES_PASSWORD: decodeURIComponent(url.password),
      };
      const admin = knexFactory({ client: 'pg', connection: postgresUrl });
      const database = `${prefix}eks-platform`;
      try {
        const backend = await withEnv(env, () =>
          startWithProductionConfig({
            extraConfigFiles: [overlay],
            realDatabase: true,
          }),
        );
        const response = await request(backend.server).get(
          '/api/eks-platform/clusters',
        );
        expect(response.status).toBe(200);
        await backend.stop();

        // The plugin's own database: in a connection string the URL's (empty)
        // path would win over a separate `database` field and name the
        // server's default database instead.
        const pluginUrl = new URL(postgresUrl!);
        pluginUrl.pathname = `/${encodeURIComponent(database)}`;
        const plugin = knexFactory({
          client: 'pg',
          connection: pluginUrl.toString(),
        });
        try {
          const current = await plugin.raw('SELECT current_database() AS db');
          expect(current.rows[0].db).toBe(database);
          const tables = await plugin('pg_tables')
            .where({ schemaname: 'public' })
            .pluck('tablename');
          expect(tables).toEqual(
            expect.arrayContaining([
              'eks_platform_snapshots',
              'eks_platform_history',
              'eks_platform_attempts',
            ]),
          );
        } finally {
          await plugin.destroy();
        }
      } finally {
        await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
        await admin.destroy();
        fs.rmSync(path.dirname(overlay), { recursive: true, force: true });
      }
    });
});
