import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ResponseError, ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import {
  SECRETS,
  catalogClusterEntities,
  clusterResource,
  fleetConfig,
} from '../__fixtures__/fleet';
import { CatalogClusterReader } from './CatalogClusterReader';
import { ClusterRegistry } from './ClusterRegistry';

const catalogLocator = { type: 'catalog' };

function createRegistry(data: JsonObject, catalog: CatalogService) {
  const logger = mockServices.logger.mock();
  const registry = ClusterRegistry.fromConfig(new ConfigReader(data), {
    logger,
    catalog,
    auth: mockServices.auth({ pluginId: 'eks-platform' }),
  });
  return { registry, logger };
}

function catalogOnlyConfig(eksPlatformClusters: JsonObject[] = []) {
  return {
    kubernetes: { clusterLocatorMethods: [catalogLocator] },
    eksPlatform: { clusters: eksPlatformClusters },
  };
}

describe('CatalogClusterReader', () => {
  it('reads kubernetes-cluster Resources the way the Kubernetes plugin does', async () => {
    const reader = CatalogClusterReader.create({
      catalog: catalogServiceMock({ entities: catalogClusterEntities() }),
      auth: mockServices.auth({ pluginId: 'eks-platform' }),
      logger: mockServices.logger.mock(),
    });

    await expect(reader.readClusters()).resolves.toEqual([
      {
        name: 'batch-us-2',
        title: 'Batch US (Ohio)',
        apiServerUrl: SECRETS.catalogApiServer,
        authProvider: 'aws',
        source: 'catalog',
        awsClusterId: 'eks-batch-us-east-2',
        assumeRole: 'arn:aws:iam::777788889999:role/backstage-batch-read',
        externalId: SECRETS.batchExternalId,
        origin: 'resource:default/batch-us-2',
      },
      {
        name: 'analytics-ap-1',
        apiServerUrl:
          'https://0F1E2D3C4B5A6978.gr7.ap-southeast-2.eks.amazonaws.com',
        authProvider: 'aws',
        source: 'catalog',
        origin: 'resource:default/analytics-ap-1',
      },
    ]);
  });

  it('asks the catalog with its own service credentials for only the fields it needs', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: jest.fn().mockResolvedValue({ items: [] }),
    });
    const reader = CatalogClusterReader.create({
      catalog,
      auth: mockServices.auth({ pluginId: 'eks-platform' }),
      logger: mockServices.logger.mock(),
    });

    await reader.readClusters();

    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
    const [request, options] = catalog.getEntities.mock.calls[0];
    expect(options).toEqual({
      credentials: mockCredentials.service('plugin:eks-platform'),
    });
    expect(request?.filter).toMatchObject({
      kind: 'Resource',
      'spec.type': 'kubernetes-cluster',
    });
    // The CA data is filtered on but never fetched.
    expect(request?.fields).not.toContain(
      'metadata.annotations.kubernetes.io/api-server-certificate-authority',
    );
    expect(request?.fields).toContain(
      'metadata.annotations.kubernetes.io/x-k8s-aws-id',
    );
  });

  it('skips, warning once without logging the URL, a Resource whose API server is not an http(s) URL', async () => {
    const badUrl = 'ftp://admin:hunter2@10.0.0.12/cluster';
    const logger = mockServices.logger.mock();
    const reader = CatalogClusterReader.create({
      catalog: catalogServiceMock({
        entities: [
          clusterResource('lab-eu-1', {
            'kubernetes.io/api-server': badUrl,
            'kubernetes.io/api-server-certificate-authority':
              SECRETS.catalogCaData,
            'kubernetes.io/auth-provider': 'aws',
          }),
        ],
      }),
      auth: mockServices.auth({ pluginId: 'eks-platform' }),
      logger,
    });

    await expect(reader.readClusters()).resolves.toEqual([]);
    await expect(reader.readClusters()).resolves.toEqual([]);

    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Ignoring resource:default/lab-eu-1'),
    );
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain('hunter2');
  });

  it('turns a catalog failure into a clear ServiceUnavailableError', async () => {
    const reader = CatalogClusterReader.create({
      catalog: catalogServiceMock.mock({
        getEntities: jest
          .fn()
          .mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:7007')),
      }),
      auth: mockServices.auth({ pluginId: 'eks-platform' }),
      logger: mockServices.logger.mock(),
    });

    const error = await reader.readClusters().catch(e => e);

    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'Could not read kubernetes-cluster resources from the catalog; caused by Error: connect ECONNREFUSED 127.0.0.1:7007',
    );
  });
});

describe('ClusterRegistry with a catalog cluster locator', () => {
  it('lists config and catalog clusters together, sorted by name', async () => {
    const { registry, logger } = createRegistry(
      fleetConfig({ extraLocators: [catalogLocator] }),
      catalogServiceMock({ entities: catalogClusterEntities() }),
    );

    const clusters = await registry.listClusters();

    expect(clusters.map(c => [c.name, c.source])).toEqual([
      ['analytics-ap-1', 'catalog'],
      ['batch-us-2', 'catalog'],
      ['legacy-dc-1', 'config'],
      ['prod-eu-1', 'config'],
      ['prod-us-1', 'config'],
      ['staging-eu-1', 'config'],
    ]);
    expect(clusters.find(c => c.name === 'batch-us-2')).toEqual({
      name: 'batch-us-2',
      title: 'Batch US (Ohio)',
      authProvider: 'aws',
      source: 'catalog',
      eks: { clusterName: 'eks-batch-us-east-2' },
    });
    expect(
      clusters.find(c => c.name === 'analytics-ap-1')?.eks,
    ).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Ignoring resource:default/sandbox-eu-1: like the Kubernetes plugin',
      ),
    );
  });

  it('never serves the catalog cluster URL, CA data, role or external id', async () => {
    const { registry } = createRegistry(
      fleetConfig({ extraLocators: [catalogLocator] }),
      catalogServiceMock({ entities: catalogClusterEntities() }),
    );

    const served = JSON.stringify(await registry.listClusters());

    for (const secret of Object.values(SECRETS)) {
      expect(served).not.toContain(secret);
    }
    expect(served).not.toContain('backstage-batch-read');
  });

  it('applies an eksPlatform entry to a catalog cluster, without warning about it', async () => {
    const { registry, logger } = createRegistry(
      catalogOnlyConfig([
        {
          name: 'analytics-ap-1',
          clusterName: 'eks-analytics',
          region: 'ap-southeast-2',
          accountId: '999900001111',
        },
      ]),
      catalogServiceMock({ entities: catalogClusterEntities() }),
    );

    await expect(registry.getCluster('analytics-ap-1')).resolves.toEqual({
      name: 'analytics-ap-1',
      authProvider: 'aws',
      source: 'catalog',
      eks: {
        clusterName: 'eks-analytics',
        region: 'ap-southeast-2',
        accountId: '999900001111',
      },
    });
    expect(logger.warn).not.toHaveBeenCalledWith(
      expect.stringContaining('eksPlatform.clusters'),
    );
  });

  it('warns about an eksPlatform entry naming no cluster once the catalog has been read', async () => {
    const { registry, logger } = createRegistry(
      catalogOnlyConfig([
        { name: 'batch-eu-9', region: 'eu-west-1', accountId: '999900001111' },
      ]),
      catalogServiceMock({ entities: catalogClusterEntities() }),
    );
    // At start-up the catalog has not been read: the name may still appear there.
    expect(logger.warn).not.toHaveBeenCalled();

    await registry.listClusters();
    await registry.listClusters();

    expect(
      logger.warn.mock.calls.filter(([message]) =>
        message.includes("'eksPlatform.clusters[0]'"),
      ),
    ).toHaveLength(1);
  });

  it('keeps the config cluster when a catalog cluster has the same name, with a warning', async () => {
    const { registry, logger } = createRegistry(
      fleetConfig({ extraLocators: [catalogLocator] }),
      catalogServiceMock({
        entities: [
          clusterResource(
            'prod-eu-1',
            {
              'kubernetes.io/api-server': SECRETS.catalogApiServer,
              'kubernetes.io/api-server-certificate-authority':
                SECRETS.catalogCaData,
              'kubernetes.io/auth-provider': 'oidc',
            },
            { namespace: 'platform' },
          ),
        ],
      }),
    );

    const prod = await registry.getCluster('prod-eu-1');

    expect(prod).toMatchObject({ source: 'config', authProvider: 'aws' });
    expect(logger.warn).toHaveBeenCalledWith(
      "Ignoring catalog cluster resource:platform/prod-eu-1: the cluster name 'prod-eu-1' is already used by another cluster",
    );
  });

  it('reports a catalog failure as a clear error instead of a partial list', async () => {
    const { registry } = createRegistry(
      fleetConfig({ extraLocators: [catalogLocator] }),
      catalogServiceMock.mock({
        getEntities: jest.fn().mockRejectedValue(
          await ResponseError.fromResponse(
            new Response('{}', {
              status: 503,
              statusText: 'Service Unavailable',
            }),
          ),
        ),
      }),
    );

    await expect(registry.listClusters()).rejects.toThrow(
      ServiceUnavailableError,
    );
    await expect(registry.listClusters()).rejects.toThrow(
      'Could not read kubernetes-cluster resources from the catalog',
    );
  });

  it('lists the config clusters and logs the failure when kubernetes.clusterLocatorContinueOnError is set', async () => {
    const { registry, logger } = createRegistry(
      fleetConfig({ extraLocators: [catalogLocator], continueOnError: true }),
      catalogServiceMock.mock({
        getEntities: jest.fn().mockRejectedValue(new Error('catalog is down')),
      }),
    );

    const clusters = await registry.listClusters();

    expect(clusters.map(c => c.name)).toEqual([
      'legacy-dc-1',
      'prod-eu-1',
      'prod-us-1',
      'staging-eu-1',
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      'Listing config clusters only: the catalog cluster locator failed',
      expect.objectContaining({ name: 'ServiceUnavailableError' }),
    );
  });
});
