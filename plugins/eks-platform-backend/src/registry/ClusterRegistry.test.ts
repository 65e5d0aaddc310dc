import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import {
  SECRETS,
  fleetConfig,
  kubernetesConfigClusters,
} from '../__fixtures__/fleet';
import { ClusterRegistry } from './ClusterRegistry';

function createRegistry(data: JsonObject) {
  const logger = mockServices.logger.mock();
  const registry = ClusterRegistry.fromConfig(new ConfigReader(data), {
    logger,
    catalog: catalogServiceMock(),
    auth: mockServices.auth({ pluginId: 'eks-platform' }),
  });
  return { registry, logger };
}

function withEksPlatformClusters(clusters: JsonObject[]) {
  return fleetConfig({ eksPlatformClusters: clusters });
}

function fromConfig(data: JsonObject) {
  return () => createRegistry(data);
}

describe('ClusterRegistry with config clusters', () => {
  it('lists every configured cluster sorted by name, with its EKS identity', async () => {
    const { registry } = createRegistry(fleetConfig());

    await expect(registry.listClusters()).resolves.toEqual([
      {
        name: 'legacy-dc-1',
        title: 'Legacy data centre',
        authProvider: 'serviceAccount',
        source: 'config',
      },
      {
        name: 'prod-eu-1',
        title: 'Production EU (Ireland)',
        authProvider: 'aws',
        source: 'config',
        eks: {
          clusterName: 'prod-eu-1',
          region: 'eu-west-1',
          accountId: '111122223333',
        },
      },
      {
        // No eksPlatform entry: the EKS name comes from the AWS auth metadata.
        name: 'prod-us-1',
        title: 'Production US (Ohio)',
        authProvider: 'aws',
        source: 'config',
        eks: { clusterName: 'eks-prod-us-east-2' },
      },
      {
        name: 'staging-eu-1',
        authProvider: 'serviceAccount',
        source: 'config',
        eks: {
          clusterName: 'staging-eu-1-blue',
          region: 'eu-west-1',
          accountId: '444455556666',
        },
      },
    ]);
  });

  it('never includes tokens, CA data, URLs, roles or external ids in what it lists', async () => {
    const { registry, logger } = createRegistry(fleetConfig());

    const served = JSON.stringify(await registry.listClusters());

    for (const secret of Object.values(SECRETS)) {
      expect(served).not.toContain(secret);
    }
    expect(served).not.toMatch(/skipTLSVerify|caFile|caData|token|url/i);
    const logged = JSON.stringify([
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
    ]);
    for (const secret of Object.values(SECRETS)) {
      expect(logged).not.toContain(secret);
    }
  });

  it('keeps the API server URL and the role to assume server-side', async () => {
    const { registry } = createRegistry(fleetConfig());

    const clusters = await registry.listRegisteredClusters();
    const byName = Object.fromEntries(clusters.map(c => [c.summary.name, c]));

    // The eksPlatform role wins over the Kubernetes plugin's role, with its own external id.
    expect(byName['prod-eu-1'].apiServerUrl).toBe(SECRETS.prodApiServer);
    expect(byName['prod-eu-1'].aws).toEqual({
      assumeRole: SECRETS.platformRoleArn,
      externalId: SECRETS.platformExternalId,
    });
    expect(byName['prod-us-1'].aws).toBeUndefined();
    expect(byName['legacy-dc-1'].aws).toBeUndefined();
    expect(JSON.stringify(clusters)).not.toContain(SECRETS.paymentsToken);
    expect(JSON.stringify(clusters)).not.toContain(SECRETS.prodCaData);
  });

  it("falls back to the Kubernetes plugin's role, including the legacy top-level keys", async () => {
    const { registry } = createRegistry({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'prod-eu-1',
                url: SECRETS.prodApiServer,
                authProvider: 'aws',
                authMetadata: {
                  'kubernetes.io/aws-assume-role': SECRETS.prodRoleArn,
                },
              },
              {
                name: 'old-style-eu-1',
                url: 'https://3C3C3C3C3C3C3C3C.gr7.eu-west-1.eks.amazonaws.com',
                authProvider: 'aws',
                assumeRole: 'arn:aws:iam::222233334444:role/k8s-read',
                externalId: 'old-style-external-id',
              },
            ],
          },
        ],
      },
    });

    const clusters = await registry.listRegisteredClusters();

    expect(clusters.map(c => [c.summary.name, c.aws])).toEqual([
      [
        'old-style-eu-1',
        {
          assumeRole: 'arn:aws:iam::222233334444:role/k8s-read',
          externalId: 'old-style-external-id',
        },
      ],
      ['prod-eu-1', { assumeRole: SECRETS.prodRoleArn }],
    ]);
  });

  it('defaults the EKS cluster name of an eksPlatform entry to the AWS auth metadata, then to the name', async () => {
    const { registry } = createRegistry(
      withEksPlatformClusters([
        { name: 'prod-us-1', region: 'us-east-2', accountId: '012345678901' },
        {
          name: 'legacy-dc-1',
          region: 'eu-central-1',
          accountId: '555566667777',
        },
      ]),
    );

    const clusters = await registry.listClusters();

    expect(clusters.find(c => c.name === 'prod-us-1')?.eks).toEqual({
      clusterName: 'eks-prod-us-east-2',
      region: 'us-east-2',
      accountId: '012345678901',
    });
    expect(clusters.find(c => c.name === 'legacy-dc-1')?.eks).toEqual({
      clusterName: 'legacy-dc-1',
      region: 'eu-central-1',
      accountId: '555566667777',
    });
  });

  it('finds one cluster by name', async () => {
    const { registry } = createRegistry(fleetConfig());

    await expect(registry.getCluster('prod-us-1')).resolves.toMatchObject({
      name: 'prod-us-1',
      eks: { clusterName: 'eks-prod-us-east-2' },
    });
    await expect(registry.getCluster('prod-ap-1')).resolves.toBeUndefined();
  });

  it('lists nothing when the Kubernetes plugin has no clusters configured', async () => {
    const { registry } = createRegistry({ kubernetes: {} });

    await expect(registry.listClusters()).resolves.toEqual([]);
  });

  it('ignores localKubectlProxy and gke locators with one info line each', async () => {
    const { registry, logger } = createRegistry(
      fleetConfig({
        extraLocators: [
          { type: 'localKubectlProxy' },
          { type: 'gke', projectId: 'acme-analytics', region: 'europe-west1' },
        ],
      }),
    );

    await expect(registry.listClusters()).resolves.toHaveLength(4);
    expect(logger.info).toHaveBeenCalledTimes(2);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        "kubernetes.clusterLocatorMethods[1] of type 'localKubectlProxy'",
      ),
    );
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        "kubernetes.clusterLocatorMethods[2] of type 'gke'",
      ),
    );
  });

  it('skips, with a warning, a cluster whose name cannot be used in a URL', async () => {
    const { registry, logger } = createRegistry({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              ...kubernetesConfigClusters(),
              {
                name: 'Production Cluster',
                url: 'https://8D8D8D8D8D8D8D8D.gr7.eu-west-1.eks.amazonaws.com',
                authProvider: 'aws',
              },
            ],
          },
        ],
      },
    });

    const names = (await registry.listClusters()).map(c => c.name);

    expect(names).not.toContain('Production Cluster');
    expect(names).toHaveLength(4);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "'Production Cluster' at 'kubernetes.clusterLocatorMethods[0].clusters[4].name'",
      ),
    );
  });

  it('warns once, without failing, about an eksPlatform entry naming no cluster', async () => {
    const { registry, logger } = createRegistry(
      withEksPlatformClusters([
        { name: 'prod-eu-1', region: 'eu-west-1', accountId: '111122223333' },
        { name: 'prod-eu-2', region: 'eu-west-1', accountId: '111122223333' },
      ]),
    );

    await registry.listClusters();
    await registry.listClusters();

    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      "Ignoring 'eksPlatform.clusters[1]': no cluster named 'prod-eu-2' is configured in kubernetes.clusterLocatorMethods",
    );
  });
});

describe('ClusterRegistry config validation', () => {
  function configCluster(cluster: JsonObject): JsonObject {
    return {
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [kubernetesConfigClusters()[0], cluster],
          },
        ],
      },
    };
  }

  it('rejects a cluster without a name, naming the key', () => {
    expect(
      fromConfig(
        configCluster({
          url: 'https://2E2E2E2E2E2E2E2E.gr7.eu-west-1.eks.amazonaws.com',
          authProvider: 'aws',
        }),
      ),
    ).toThrow(
      "Missing required config value at 'kubernetes.clusterLocatorMethods[0].clusters[1].name'",
    );
  });

  it('rejects a cluster with an empty name, naming the key', () => {
    expect(
      fromConfig(
        configCluster({
          name: '',
          url: 'https://2E2E2E2E2E2E2E2E.gr7.eu-west-1.eks.amazonaws.com',
          authProvider: 'aws',
        }),
      ),
    ).toThrow("'kubernetes.clusterLocatorMethods[0].clusters[1].name'");
  });

  it('rejects a cluster without an auth provider, naming both places to set one', () => {
    expect(
      fromConfig(
        configCluster({
          name: 'prod-eu-2',
          url: 'https://2E2E2E2E2E2E2E2E.gr7.eu-west-1.eks.amazonaws.com',
        }),
      ),
    ).toThrow(
      `Cluster 'prod-eu-2' at 'kubernetes.clusterLocatorMethods[0].clusters[1]' has no auth provider: set 'kubernetes.clusterLocatorMethods[0].clusters[1].authProvider' or 'kubernetes.clusterLocatorMethods[0].clusters[1].authMetadata["kubernetes.io/auth-provider"]'`,
    );
  });

  it('takes the auth provider from authMetadata like the Kubernetes plugin does', async () => {
    const { registry } = createRegistry(
      configCluster({
        name: 'prod-eu-2',
        url: 'https://2E2E2E2E2E2E2E2E.gr7.eu-west-1.eks.amazonaws.com',
        authMetadata: { 'kubernetes.io/auth-provider': 'aws' },
      }),
    );

    await expect(registry.getCluster('prod-eu-2')).resolves.toMatchObject({
      authProvider: 'aws',
    });
  });

  it('rejects a cluster without a URL, naming the key', () => {
    expect(
      fromConfig(configCluster({ name: 'prod-eu-2', authProvider: 'aws' })),
    ).toThrow(
      "Missing required config value at 'kubernetes.clusterLocatorMethods[0].clusters[1].url'",
    );
  });

  it('rejects two config clusters with the same name, naming both keys', () => {
    expect(
      fromConfig({
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'config', clusters: kubernetesConfigClusters() },
            { type: 'config', clusters: [kubernetesConfigClusters()[1]] },
          ],
        },
      }),
    ).toThrow(
      "Duplicate cluster name 'prod-us-1' at 'kubernetes.clusterLocatorMethods[1].clusters[0].name': already used at 'kubernetes.clusterLocatorMethods[0].clusters[1].name'",
    );
  });

  it('rejects a locator without a type, naming the key', () => {
    expect(
      fromConfig({ kubernetes: { clusterLocatorMethods: [{ clusters: [] }] } }),
    ).toThrow(
      "Missing required config value at 'kubernetes.clusterLocatorMethods[0].type'",
    );
  });

  it('rejects an eksPlatform entry without a name, region or accountId, naming the key', () => {
    expect(
      fromConfig(
        withEksPlatformClusters([
          { region: 'eu-west-1', accountId: '111122223333' },
        ]),
      ),
    ).toThrow(
      "Missing required config value at 'eksPlatform.clusters[0].name'",
    );
    expect(
      fromConfig(
        withEksPlatformClusters([
          { name: 'prod-eu-1', accountId: '111122223333' },
        ]),
      ),
    ).toThrow(
      "Missing required config value at 'eksPlatform.clusters[0].region'",
    );
    expect(
      fromConfig(
        withEksPlatformClusters([{ name: 'prod-eu-1', region: 'eu-west-1' }]),
      ),
    ).toThrow(
      "Missing required config value at 'eksPlatform.clusters[0].accountId'",
    );
  });

  it.each([
    ['11 digits', '11112222333'],
    ['13 digits', '1111222233334'],
    ['letters', '1111-2222-3333'],
    ['a number that lost its leading zero', 12345678901],
  ])('rejects an accountId of %s, naming the key', (_label, accountId) => {
    expect(
      fromConfig(
        withEksPlatformClusters([
          { name: 'prod-eu-1', region: 'eu-west-1', accountId },
        ]),
      ),
    ).toThrow(
      "Invalid AWS account id at 'eksPlatform.clusters[0].accountId': it must be exactly 12 digits",
    );
  });

  it('accepts an unquoted 12-digit accountId', async () => {
    const { registry } = createRegistry(
      withEksPlatformClusters([
        { name: 'prod-eu-1', region: 'eu-west-1', accountId: 111122223333 },
      ]),
    );

    await expect(registry.getCluster('prod-eu-1')).resolves.toMatchObject({
      eks: { accountId: '111122223333' },
    });
  });

  it('rejects a malformed region, clusterName or role ARN without echoing the value', () => {
    expect(
      fromConfig(
        withEksPlatformClusters([
          { name: 'prod-eu-1', region: 'Ireland', accountId: '111122223333' },
        ]),
      ),
    ).toThrow("Invalid AWS region at 'eksPlatform.clusters[0].region'");
    expect(
      fromConfig(
        withEksPlatformClusters([
          {
            name: 'prod-eu-1',
            clusterName: 'prod eu 1',
            region: 'eu-west-1',
            accountId: '111122223333',
          },
        ]),
      ),
    ).toThrow(
      "Invalid EKS cluster name at 'eksPlatform.clusters[0].clusterName'",
    );

    const badArn = 'arn:aws:iam::111122223333:user/deploy-bot';
    let message = '';
    try {
      createRegistry(
        withEksPlatformClusters([
          {
            name: 'prod-eu-1',
            region: 'eu-west-1',
            accountId: '111122223333',
            assumeRole: badArn,
          },
        ]),
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      "Invalid IAM role ARN at 'eksPlatform.clusters[0].assumeRole'",
    );
    expect(message).not.toContain(badArn);
  });

  it('rejects an externalId without assumeRole', () => {
    expect(
      fromConfig(
        withEksPlatformClusters([
          {
            name: 'prod-eu-1',
            region: 'eu-west-1',
            accountId: '111122223333',
            externalId: SECRETS.platformExternalId,
          },
        ]),
      ),
    ).toThrow(
      "'eksPlatform.clusters[0].externalId' is set without 'eksPlatform.clusters[0].assumeRole'",
    );
  });

  it('rejects two eksPlatform entries for the same cluster, naming both keys', () => {
    expect(
      fromConfig(
        withEksPlatformClusters([
          { name: 'prod-eu-1', region: 'eu-west-1', accountId: '111122223333' },
          { name: 'prod-eu-1', region: 'eu-west-2', accountId: '111122223333' },
        ]),
      ),
    ).toThrow(
      "Duplicate cluster name 'prod-eu-1' at 'eksPlatform.clusters[1].name': already used at 'eksPlatform.clusters[0].name'",
    );
  });
});
