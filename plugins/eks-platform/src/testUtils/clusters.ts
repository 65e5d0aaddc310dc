import type {
  ClustersResponse,
  ClusterSummary,
} from '@eks-platform/plugin-eks-platform-common';

/**
 * The cluster registry as the backend serves it for the demo fleet
 * (`kubernetes.clusterLocatorMethods` + `eksPlatform.clusters` in app-config.yaml),
 * plus one catalog-sourced cluster without EKS identity.
 *
 * @public
 */
export const demoClusters: ClusterSummary[] = [
  {
    name: 'prod-eu-west-1',
    title: 'Production EU (spot-heavy)',
    authProvider: 'serviceAccount',
    source: 'config',
    eks: {
      clusterName: 'prod-eu-west-1',
      region: 'eu-west-1',
      accountId: '210987654321',
    },
  },
  {
    name: 'prod-us-east-1',
    title: 'Production US (prefix delegation)',
    authProvider: 'aws',
    source: 'config',
    eks: {
      clusterName: 'prod-us-east-1',
      region: 'us-east-1',
      accountId: '210987654321',
    },
  },
  {
    name: 'staging-eu-west-1',
    title: 'Staging EU',
    authProvider: 'serviceAccount',
    source: 'config',
    eks: {
      clusterName: 'staging-eu-west-1',
      region: 'eu-west-1',
      accountId: '123456789012',
    },
  },
  {
    name: 'checkout-green',
    title: 'Checkout green (new)',
    authProvider: 'aws',
    source: 'catalog',
    eks: {
      clusterName: 'eks-checkout-green-2025',
      region: 'eu-west-1',
      accountId: '210987654321',
    },
  },
  {
    name: 'ci-kind',
    authProvider: 'serviceAccount',
    source: 'catalog',
  },
];

/**
 * `GET /clusters` of the registry as the backend's old summary endpoint serves it.
 *
 * @public
 */
export const demoClustersResponse: ClustersResponse = { items: demoClusters };
