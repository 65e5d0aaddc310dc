import {
  mockServices,
  type TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import { AwsAccess } from '../aws/AwsAccess';
import { ClusterCollector } from '../collector/ClusterCollector';
import { readCollectorSettings } from '../config/readCollectorSettings';
import { demoFleetConfig, useDemoFleet } from '../__testUtils__/demoFleet';
import { openStores } from '../store/openStores';
import { ClusterDiscovery } from './ClusterDiscovery';
import { ClusterRegistry } from './ClusterRegistry';

jest.setTimeout(60_000);

const STAGING_ACCOUNT = '222233334444';

describe('EKS discovery with the simulated fleet', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });
  const fleet = useDemoFleet();

  afterEach(() => {
    fleet.sim.faults.clear();
  });

  /** Discovery of the staging account in eu-west-1, with no Kubernetes-plugin clusters unless given. */
  function discoveryConfig(kubernetes: JsonObject = {}): JsonObject {
    const demo = demoFleetConfig(fleet.sim) as any;
    return {
      kubernetes,
      aws: demo.aws,
      eksPlatform: {
        aws: { endpoint: fleet.sim.awsEndpoint, maxAttempts: 1 },
        collection: { requestTimeoutMs: 5000, maxRetries: 1 },
        discovery: {
          accounts: [{ accountId: STAGING_ACCOUNT, regions: ['eu-west-1'] }],
        },
      },
    };
  }

  async function setup(databaseId: TestDatabaseId, data: JsonObject) {
    const knex = await databases.init(databaseId);
    const config = new ConfigReader(data);
    const logger = mockServices.logger.mock();
    const settings = readCollectorSettings(config);
    const aws = AwsAccess.fromConfig(config, {
      timeoutMs: settings.requestTimeoutMs,
    });
    const store = (
      await openStores({
        database: mockServices.database({ knex }),
      })
    ).discoveredClusters;
    const discovery = ClusterDiscovery.fromConfig(config, {
      aws,
      store,
      logger,
    })!;
    const registry = ClusterRegistry.fromConfig(config, {
      logger,
      catalog: catalogServiceMock(),
      auth: mockServices.auth({ pluginId: 'eks-platform' }),
      discovery,
    });
    const collector = ClusterCollector.create({ aws, settings, logger });
    return { discovery, registry, collector, logger, store };
  }

  it.each(databases.eachSupportedId())(
    'finds the staging cluster and collects it with an EKS token the API server accepts, on %p',
    async databaseId => {
      const env = await setup(databaseId, discoveryConfig());
      fleet.sim.requestLog.reset();

      const result = await env.discovery.discover();

      expect(result).toEqual({
        found: new Map([
          [`${STAGING_ACCOUNT}/eu-west-1`, ['staging-eu-west-1']],
        ]),
        failed: [],
      });
      expect(await env.registry.listClusters()).toEqual([
        {
          name: 'staging-eu-west-1',
          authProvider: 'aws',
          source: 'discovery',
          eks: {
            clusterName: 'staging-eu-west-1',
            region: 'eu-west-1',
            accountId: STAGING_ACCOUNT,
          },
        },
      ]);
      const target = await env.registry.getClusterTarget('staging-eu-west-1');
      expect(target?.connection.url).toBe(
        fleet.sim.cluster('staging-eu-west-1').url,
      );

      const { snapshot } = await env.collector.collect(target!);

      expect(snapshot.partial).toEqual([]);
      expect(snapshot.kubernetes.nodes).toBe(
        fleet.sim.cluster('staging-eu-west-1').nodeCount,
      );
      expect(
        fleet.sim.requestLog.count({
          cluster: 'staging-eu-west-1',
          api: 'kubernetes',
          path: '/api/v1/pods',
        }),
      ).toBeGreaterThanOrEqual(1);
      // The clusters of other accounts that the simulator's one set of
      // credentials also lists are not taken for the staging account's.
      expect(env.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          `ignoring 2 cluster(s) listed in account ${STAGING_ACCOUNT}, region eu-west-1 whose ARN is in another account`,
        ),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'does not duplicate a cluster configured for the Kubernetes plugin, by name or by EKS identity, on %p',
    async databaseId => {
      const demo = demoFleetConfig(fleet.sim) as any;
      const staging = demo.kubernetes.clusterLocatorMethods[0].clusters.find(
        (c: any) => c.name === 'staging-eu-west-1',
      );
      const byName = await setup(
        databaseId,
        discoveryConfig({
          clusterLocatorMethods: [{ type: 'config', clusters: [staging] }],
        }),
      );
      await byName.discovery.discover();
      expect(await byName.registry.listClusters()).toEqual([
        {
          name: 'staging-eu-west-1',
          authProvider: 'serviceAccount',
          source: 'config',
        },
      ]);

      const renamed = discoveryConfig({
        clusterLocatorMethods: [
          { type: 'config', clusters: [{ ...staging, name: 'stg-ireland' }] },
        ],
      }) as any;
      renamed.eksPlatform.clusters = [
        {
          name: 'stg-ireland',
          clusterName: 'staging-eu-west-1',
          region: 'eu-west-1',
          accountId: STAGING_ACCOUNT,
        },
      ];
      const byIdentity = await setup(databaseId, renamed);
      await byIdentity.discovery.discover();
      expect(
        (await byIdentity.registry.listClusters()).map(c => [c.name, c.source]),
      ).toEqual([['stg-ireland', 'config']]);
      expect(
        await byIdentity.registry.getClusterTarget('staging-eu-west-1'),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the clusters found before when ListClusters fails, with a warning, on %p',
    async databaseId => {
      const env = await setup(databaseId, discoveryConfig());
      await env.discovery.discover();

      fleet.sim.faults.add({
        api: 'eks',
        operation: 'ListClusters',
        fault: { type: 'status', status: 503 },
      });
      const result = await env.discovery.discover();

      expect(result.failed).toEqual([`${STAGING_ACCOUNT}/eu-west-1`]);
      expect(env.logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^EKS discovery could not list the clusters of account 222233334444, region eu-west-1; keeping those found there before: ServiceUnavailableException/,
        ),
      );
      expect((await env.registry.listClusters()).map(c => c.name)).toEqual([
        'staging-eu-west-1',
      ]);
      expect(
        await env.registry.getClusterTarget('staging-eu-west-1'),
      ).toMatchObject({ summary: { source: 'discovery' } });
    },
  );
});
