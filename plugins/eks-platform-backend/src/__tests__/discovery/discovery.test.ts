import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ClusterOverviewResponse } from '@eks-platform/plugin-eks-platform-common';
import request from 'supertest';
import { demoFleetConfig, useDemoFleet } from '../../__testUtils__/demoFleet';
import { eksPlatformPlugin } from '../../plugin';

jest.setTimeout(90_000);

describe('a backend with EKS discovery and no configured clusters', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });
  const fleet = useDemoFleet();

  it.each(databases.eachSupportedId())(
    'discovers staging-eu-west-1 at start-up, collects it with an EKS token and serves its figures, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const demo = demoFleetConfig(fleet.sim) as any;
      const { server } = await startTestBackend({
        features: [
          eksPlatformPlugin,
          mockServices.rootConfig.factory({
            data: {
              aws: demo.aws,
              eksPlatform: {
                aws: { endpoint: fleet.sim.awsEndpoint },
                collection: { requestTimeoutMs: 5000, maxRetries: 1 },
                schedule: {
                  frequency: { minutes: 30 },
                  timeout: { minutes: 1 },
                },
                discovery: {
                  accounts: [
                    { accountId: '222233334444', regions: ['eu-west-1'] },
                  ],
                },
              },
            },
          }),
          mockServices.database.factory({ knex }),
          // The real scheduler: global tasks locked in the plugin's database.
          schedulerServiceFactory,
          catalogServiceMock.factory({ entities: [] }),
        ],
      });

      let body: ClusterOverviewResponse | undefined;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const response = await request(server).get(
          '/api/eks-platform/clusters',
        );
        expect(response.status).toBe(200);
        body = response.body;
        if (body?.items.some(c => c.collectedAt)) break;
        await new Promise(r => setTimeout(r, 250));
      }

      expect(body?.items).toHaveLength(1);
      expect(body?.items[0]).toMatchObject({
        name: 'staging-eu-west-1',
        authProvider: 'aws',
        source: 'discovery',
        eks: {
          clusterName: 'staging-eu-west-1',
          region: 'eu-west-1',
          accountId: '222233334444',
        },
        stale: false,
        partial: [],
        ip: {
          leastFreeSubnet: {
            subnetId: 'subnet-0b2c3d4e5f6a7b404',
            freeAddresses: 3,
            usableAddresses: 251,
          },
          podsFailingIpAssignment: 6,
        },
      });
      expect(
        fleet.sim.requestLog.count({ api: 'eks', operation: 'ListClusters' }),
      ).toBeGreaterThanOrEqual(1);
    },
  );
});
