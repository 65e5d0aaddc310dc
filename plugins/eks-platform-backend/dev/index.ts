import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// Runs the eks-platform backend plugin alone, with mock auth, permissions and
// catalog, and a fixed sample configuration (app-config.yaml is not read):
//
//   yarn workspace @eks-platform/plugin-eks-platform-backend start
//
//   curl http://127.0.0.1:7008/api/eks-platform/health
//   curl http://127.0.0.1:7008/api/eks-platform/clusters
//   curl http://127.0.0.1:7008/api/eks-platform/clusters/prod-eu-1
//   curl http://127.0.0.1:7008/api/eks-platform/clusters -H 'Authorization: Bearer mock-none-token'   # 401
//
// It listens on 7008 so that it can run next to the full app on 7007.

const backend = createBackend();

backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: 'http://127.0.0.1:7008',
        listen: { host: '127.0.0.1', port: 7008 },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'prod-eu-1',
                title: 'Production EU (Ireland)',
                url: 'https://4F2A9C1E7B3D.gr7.eu-west-1.eks.amazonaws.com',
                authProvider: 'aws',
                authMetadata: {
                  'kubernetes.io/x-k8s-aws-id': 'prod-eu-1',
                  'kubernetes.io/aws-assume-role':
                    'arn:aws:iam::111122223333:role/backstage-eks-read',
                },
                caData:
                  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3',
              },
              {
                name: 'staging-eu-1',
                url: 'https://9B8C7D6E5F4A.yl4.eu-west-1.eks.amazonaws.com',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'dev-harness-not-a-real-token',
                skipTLSVerify: true,
              },
            ],
          },
          { type: 'catalog' },
        ],
      },
      eksPlatform: {
        // The sample clusters do not exist: collect only when asked
        // (POST /clusters/:name/refresh); they are not reachable, so do not.
        schedule: { frequency: { trigger: 'manual' }, timeout: { minutes: 2 } },
        clusters: [
          {
            name: 'prod-eu-1',
            region: 'eu-west-1',
            accountId: '111122223333',
          },
          {
            name: 'staging-eu-1',
            clusterName: 'staging-eu-1-v2',
            region: 'eu-west-1',
            accountId: '444455556666',
          },
        ],
      },
    },
  }),
);

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.permissions.factory());

backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'batch-us-1',
          namespace: 'default',
          title: 'Batch US (Ohio)',
          annotations: {
            'kubernetes.io/api-server':
              'https://1A2B3C4D5E6F.sk1.us-east-2.eks.amazonaws.com',
            'kubernetes.io/api-server-certificate-authority':
              'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3',
            'kubernetes.io/auth-provider': 'aws',
            'kubernetes.io/x-k8s-aws-id': 'batch-us-1',
          },
        },
        spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
      },
    ],
  }),
);

backend.add(import('../src'));

backend.start();
