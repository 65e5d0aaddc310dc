import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  type ClusterDetail,
  type ClusterOverviewResponse,
  eksPlatformClusterReadPermission,
  eksPlatformPermissions,
} from '@eks-platform/plugin-eks-platform-common';
import request from 'supertest';
import {
  SECRETS,
  catalogClusterEntities,
  fleetConfig,
} from '../../__fixtures__/fleet';
import { eksPlatformPlugin } from '../../plugin';

type Feature = NonNullable<
  Parameters<typeof startTestBackend>[0]['features']
>[number];

/**
 * Starts the plugin with the fleet fixture (config clusters and a catalog
 * locator) and a catalog holding cluster Resources; `options` swap services.
 */
async function startPlugin(
  options: { catalog?: Feature; config?: Feature; services?: Feature[] } = {},
) {
  const { server } = await startTestBackend({
    features: [
      eksPlatformPlugin,
      options.config ??
        mockServices.rootConfig.factory({
          data: fleetConfig({ extraLocators: [{ type: 'catalog' }] }),
        }),
      options.catalog ??
        catalogServiceMock.factory({ entities: catalogClusterEntities() }),
      ...(options.services ?? []),
    ],
  });
  return server;
}

const noCredentialsByDefault = mockServices.httpAuth.factory({
  defaultCredentials: mockCredentials.none(),
});

describe('eks-platform backend plugin', () => {
  it('is tested on the loopback interface only (see setupTests.ts)', async () => {
    const server = await startPlugin();

    expect(server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('serves every cluster of the Kubernetes plugin with its EKS identity', async () => {
    const server = await startPlugin();

    const response = await request(server).get('/api/eks-platform/clusters');

    expect(response.status).toBe(200);
    const body: ClusterOverviewResponse = response.body;
    expect(body.items.map(c => c.name)).toEqual([
      'analytics-ap-1',
      'batch-us-2',
      'legacy-dc-1',
      'prod-eu-1',
      'prod-us-1',
      'staging-eu-1',
    ]);
    // Not collected yet: the identity, no figures, not stale, nothing partial.
    expect(body.items.find(c => c.name === 'prod-eu-1')).toEqual({
      name: 'prod-eu-1',
      title: 'Production EU (Ireland)',
      authProvider: 'aws',
      source: 'config',
      eks: {
        clusterName: 'prod-eu-1',
        region: 'eu-west-1',
        accountId: '111122223333',
      },
      stale: false,
      partial: [],
    });
  });

  it('never puts tokens, CA data, API server URLs, roles or external ids in a response', async () => {
    const server = await startPlugin();

    const list = await request(server).get('/api/eks-platform/clusters');
    const one = await request(server).get(
      '/api/eks-platform/clusters/prod-eu-1',
    );
    const legacy = await request(server).get(
      '/api/eks-platform/clusters/legacy-dc-1',
    );

    for (const response of [list, one, legacy]) {
      expect(response.status).toBe(200);
      for (const secret of Object.values(SECRETS)) {
        expect(response.text).not.toContain(secret);
      }
      expect(response.text).not.toMatch(/caData|caFile|token|skipTLSVerify/i);
    }
  });

  it('serves one cluster by name', async () => {
    const server = await startPlugin();

    const response = await request(server).get(
      '/api/eks-platform/clusters/batch-us-2',
    );

    expect(response.status).toBe(200);
    const body: ClusterDetail = response.body;
    expect(body).toEqual({
      overview: {
        name: 'batch-us-2',
        title: 'Batch US (Ohio)',
        authProvider: 'aws',
        source: 'catalog',
        eks: { clusterName: 'eks-batch-us-east-2' },
        stale: false,
        partial: [],
      },
    });
  });

  it('answers 404 for a cluster it does not know', async () => {
    const server = await startPlugin();

    const response = await request(server).get(
      '/api/eks-platform/clusters/prod-ap-1',
    );

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      error: { name: 'NotFoundError', message: "No cluster named 'prod-ap-1'" },
    });
  });

  it.each([
    ['a path traversal', '..%2F..%2Fetc'],
    ['a 300-character name', 'a'.repeat(300)],
    ['a name starting with a dot', '.kube'],
    ['a name with a space', 'prod%20eu'],
    ['a name with a quote', "prod'eu"],
  ])('answers 400 for %s, without echoing it', async (_label, name) => {
    const server = await startPlugin();

    const response = await request(server).get(
      `/api/eks-platform/clusters/${name}`,
    );

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: {
        name: 'InputError',
        message:
          "Invalid cluster name: it must be 1-100 characters of A-Z, a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
      },
    });
  });

  it('answers 401 to a request without credentials', async () => {
    const server = await startPlugin();

    for (const path of ['/clusters', '/clusters/prod-eu-1']) {
      const response = await request(server)
        .get(`/api/eks-platform${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({
        error: { name: 'AuthenticationError' },
      });
    }
  });

  it('answers 401 when no Authorization header is sent at all', async () => {
    const server = await startPlugin({
      services: [noCredentialsByDefault],
    });

    const response = await request(server).get('/api/eks-platform/clusters');

    expect(response.status).toBe(401);
  });

  it('keeps /health open to unauthenticated callers', async () => {
    const server = await startPlugin({
      services: [noCredentialsByDefault],
    });

    const response = await request(server).get('/api/eks-platform/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('accepts service credentials, for other backend plugins', async () => {
    const server = await startPlugin();

    const response = await request(server)
      .get('/api/eks-platform/clusters')
      .set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('plugin:scaffolder'),
          targetPluginId: 'eks-platform',
        }),
      );

    expect(response.status).toBe(200);
  });

  it('answers 403 when the permission policy denies eks-platform.cluster.read', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async requests =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
      ),
    });
    const server = await startPlugin({ services: [permissions.factory] });

    const list = await request(server).get('/api/eks-platform/clusters');
    const one = await request(server).get(
      '/api/eks-platform/clusters/prod-eu-1',
    );

    for (const response of [list, one]) {
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({
        error: { name: 'NotAllowedError' },
      });
      // No cluster data leaks into the refusal.
      expect(response.text).not.toContain('111122223333');
      expect(response.text).not.toContain('Production EU');
    }
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: eksPlatformClusterReadPermission }],
      {
        credentials: expect.objectContaining({
          principal: mockCredentials.user().principal,
        }),
      },
    );
  });

  it('registers its permissions with the permission framework', async () => {
    const permissionsRegistry = mockServices.permissionsRegistry.mock();
    await startPlugin({ services: [permissionsRegistry.factory] });

    expect(permissionsRegistry.addPermissions).toHaveBeenCalledWith(
      eksPlatformPermissions,
    );
  });

  it('answers 503 with a clear message when the catalog cannot be read', async () => {
    const server = await startPlugin({
      catalog: catalogServiceMock.mock({
        getEntities: jest
          .fn()
          .mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:7007')),
      }).factory,
    });

    const response = await request(server).get('/api/eks-platform/clusters');

    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      error: {
        name: 'ServiceUnavailableError',
        message: expect.stringContaining(
          'Could not read kubernetes-cluster resources from the catalog',
        ),
      },
    });
  });

  it('refuses to start with invalid eksPlatform config, naming the key', async () => {
    await expect(
      startPlugin({
        config: mockServices.rootConfig.factory({
          data: fleetConfig({
            eksPlatformClusters: [
              { name: 'prod-eu-1', region: 'eu-west-1', accountId: '1234' },
            ],
          }),
        }),
      }),
    ).rejects.toThrow("'eksPlatform.clusters[0].accountId'");
  });
});
