import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { FleetFile } from '@eks-platform/fleet-simulator';
import knexFactory, { type Knex } from 'knex';
import fs from 'node:fs';

/** The PostgreSQL server the API part stores its snapshots in. */
export function postgresConnectionString(): string {
  const value =
    process.env.EKS_PLATFORM_BENCH_PG ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!value) {
    throw new Error(
      'The API and page parts need PostgreSQL: set EKS_PLATFORM_BENCH_PG (or BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) ' +
        'to a connection string such as postgresql://postgres:<password>@127.0.0.1:5432, ' +
        'or run only the collection part with --only collection',
    );
  }
  return value;
}

/** A fresh database on the server, dropped by `drop()`. */
async function createDatabase(connectionString: string) {
  const name = `eks_bench_${Date.now()}_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: connectionString });
  await admin.raw('CREATE DATABASE ??', [name]);
  const knex: Knex = knexFactory({
    client: 'pg',
    connection: { connectionString, database: name },
    pool: { min: 0, max: 10 },
  });
  const version = (await knex.raw('SHOW server_version')).rows[0]
    .server_version as string;
  return {
    knex,
    description: `PostgreSQL ${version}`,
    drop: async () => {
      await knex.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      await admin.destroy();
    },
  };
}

/** The catalog entity both plugins answer for: payments-api on every cluster. */
export function benchEntity(clusterNames: string[]) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': 'payments-api',
        'eks-platform.io/clusters': clusterNames.join(','),
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  };
}

/**
 * A Backstage backend (`startTestBackend`: mock auth, permissions and catalog;
 * real HTTP server on an ephemeral loopback port; PostgreSQL) with our plugin
 * and, optionally, the Backstage Kubernetes plugin's backend, both configured
 * with the simulator's clusters.
 */
export async function startBenchBackend(options: {
  fleet: FleetFile;
  clusterNames: string[];
  withKubernetesPlugin: boolean;
}) {
  const { fleet, clusterNames } = options;
  const caData = fs.readFileSync(fleet.caFile).toString('base64');
  const clusters = clusterNames.map(name => ({
    name,
    ...fleet.clusters[name],
  }));
  const config = {
    backend: { baseUrl: 'http://127.0.0.1', listen: { host: '127.0.0.1' } },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: c.token,
            caData,
            skipMetricsLookup: true,
          })),
        },
      ],
    },
    aws: {
      accounts: [...new Set(clusters.map(c => c.accountId))].map(accountId => ({
        accountId,
        accessKeyId: fleet.awsCredentials.accessKeyId,
        secretAccessKey: fleet.awsCredentials.secretAccessKey,
      })),
    },
    eksPlatform: {
      aws: { endpoint: fleet.awsEndpoint },
      schedule: {
        frequency: { hours: 24 },
        timeout: { minutes: 10 },
        initialDelay: { hours: 1 },
      },
      clusters: clusters.map(c => ({
        name: c.name,
        clusterName: c.eksName,
        region: c.region,
        accountId: c.accountId,
      })),
    },
  };
  const database = await createDatabase(postgresConnectionString());
  const entity = benchEntity(clusterNames);
  const backend = await startTestBackend({
    features: [
      // The benchmark runs our backend plugin as an app would.
      // eslint-disable-next-line @backstage/no-mixed-plugin-imports
      import('@eks-platform/plugin-eks-platform-backend'),
      ...(options.withKubernetesPlugin
        ? [import('@backstage/plugin-kubernetes-backend')]
        : []),
      mockServices.rootConfig.factory({ data: config }),
      mockServices.database.factory({ knex: database.knex }),
      catalogServiceMock.factory({ entities: [entity] }),
    ],
  });
  const baseUrl = `http://127.0.0.1:${backend.server.port()}`;
  const authorization = mockCredentials.user.header();

  return {
    baseUrl,
    authorization,
    entity,
    database: database.description,
    /** Collects every cluster once (through the refresh endpoint) and waits until all are stored. */
    async collectAll(timeoutMs = 300_000) {
      const started = Date.now();
      for (const name of clusterNames) {
        const response = await fetch(
          `${baseUrl}/api/eks-platform/clusters/${name}/refresh`,
          { method: 'POST', headers: { Authorization: authorization } },
        );
        if (response.status !== 202) {
          throw new Error(
            `Refreshing ${name}: HTTP ${
              response.status
            } ${await response.text()}`,
          );
        }
      }
      for (;;) {
        const response = await fetch(`${baseUrl}/api/eks-platform/clusters`, {
          headers: { Authorization: authorization },
        });
        const body = (await response.json()) as {
          items: Array<{
            name: string;
            collectedAt?: string;
            lastError?: unknown;
          }>;
        };
        const done = body.items.filter(c => c.collectedAt || c.lastError);
        if (done.length === clusterNames.length) {
          const failed = body.items.filter(c => !c.collectedAt);
          if (failed.length > 0) {
            throw new Error(
              `Collection failed for ${failed.map(c => c.name).join(', ')}`,
            );
          }
          return Date.now() - started;
        }
        if (Date.now() - started > timeoutMs) {
          throw new Error(
            `Only ${done.length} of ${clusterNames.length} clusters collected after ${timeoutMs} ms`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    },
    async stop() {
      await backend.stop();
      await database.drop();
    },
  };
}
