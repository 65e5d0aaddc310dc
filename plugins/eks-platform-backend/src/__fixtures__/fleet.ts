import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

/**
 * Values that appear in the fixture config but must never appear in an API
 * response or a log line.
 */
export const SECRETS = {
  paymentsToken:
    'eyJhbGciOiJSUzI1NiIsImtpZCI6IkRFVi1QQVlNRU5UUyJ9.c2VydmljZWFjY291bnQ.sig-payments',
  legacyToken:
    'eyJhbGciOiJSUzI1NiIsImtpZCI6IkxFR0FDWSJ9.bGVnYWN5LXRva2Vu.sig-legacy',
  prodCaData:
    'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmw=',
  stagingCaFile: '/etc/backstage/ca/staging-eu-1.crt',
  prodRoleArn: 'arn:aws:iam::111122223333:role/backstage-eks-readonly',
  platformRoleArn: 'arn:aws:iam::111122223333:role/eks-platform-collector',
  platformExternalId: 'eks-platform-8f14e45fceea167a',
  batchExternalId: 'k8s-plugin-batch-external-id',
  prodApiServer: 'https://4F2A9C1E7B3D5A6F.gr7.eu-west-1.eks.amazonaws.com',
  catalogCaData:
    'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3SUJBZ0lJY2F0YWxvZw==',
  catalogApiServer: 'https://1A2B3C4D5E6F7A8B.sk1.us-east-2.eks.amazonaws.com',
};

/**
 * The clusters of a platform team as configured for the Backstage
 * Kubernetes plugin: two production EKS clusters reached with AWS IAM, a
 * staging cluster and a legacy cluster reached with service account tokens.
 */
export function kubernetesConfigClusters(): JsonObject[] {
  return [
    {
      name: 'prod-eu-1',
      title: 'Production EU (Ireland)',
      url: SECRETS.prodApiServer,
      authProvider: 'aws',
      authMetadata: {
        'kubernetes.io/x-k8s-aws-id': 'prod-eu-1',
        'kubernetes.io/aws-assume-role': SECRETS.prodRoleArn,
      },
      caData: SECRETS.prodCaData,
    },
    {
      name: 'prod-us-1',
      title: 'Production US (Ohio)',
      url: 'https://7C6B5A4F3E2D1C0B.yl4.us-east-2.eks.amazonaws.com',
      authProvider: 'aws',
      authMetadata: {
        'kubernetes.io/x-k8s-aws-id': 'eks-prod-us-east-2',
      },
      caData: SECRETS.prodCaData,
    },
    {
      name: 'staging-eu-1',
      url: 'https://9B8C7D6E5F4A3B2C.gr7.eu-west-1.eks.amazonaws.com',
      authProvider: 'serviceAccount',
      serviceAccountToken: SECRETS.paymentsToken,
      caFile: SECRETS.stagingCaFile,
    },
    {
      name: 'legacy-dc-1',
      title: 'Legacy data centre',
      url: 'https://k8s.dc1.internal.example.com:6443',
      authProvider: 'serviceAccount',
      serviceAccountToken: SECRETS.legacyToken,
      skipTLSVerify: true,
    },
  ];
}

/**
 * A full app-config with one `config` cluster locator holding
 * {@link kubernetesConfigClusters} and an `eksPlatform.clusters` block.
 */
export function fleetConfig(
  overrides: {
    extraLocators?: JsonObject[];
    eksPlatformClusters?: JsonObject[];
    continueOnError?: boolean;
  } = {},
): JsonObject {
  return {
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        { type: 'config', clusters: kubernetesConfigClusters() },
        ...(overrides.extraLocators ?? []),
      ],
      ...(overrides.continueOnError !== undefined && {
        clusterLocatorContinueOnError: overrides.continueOnError,
      }),
    },
    eksPlatform: {
      clusters: overrides.eksPlatformClusters ?? [
        {
          name: 'prod-eu-1',
          region: 'eu-west-1',
          accountId: '111122223333',
          assumeRole: SECRETS.platformRoleArn,
          externalId: SECRETS.platformExternalId,
        },
        {
          name: 'staging-eu-1',
          clusterName: 'staging-eu-1-blue',
          region: 'eu-west-1',
          accountId: '444455556666',
        },
      ],
    },
  };
}

/** A `kubernetes-cluster` Resource as the Kubernetes plugin's catalog locator reads it. */
export function clusterResource(
  name: string,
  annotations: Record<string, string>,
  extra: { title?: string; namespace?: string; specType?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: extra.namespace ?? 'default',
      ...(extra.title && { title: extra.title }),
      annotations: {
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/platform/blob/main/clusters.yaml',
        ...annotations,
      },
    },
    spec: {
      type: extra.specType ?? 'kubernetes-cluster',
      owner: 'group:default/platform',
      system: 'eks-fleet',
    },
  };
}

/** The catalog's view of the fleet: two usable EKS clusters and three that must be skipped. */
export function catalogClusterEntities(): Entity[] {
  return [
    clusterResource(
      'batch-us-2',
      {
        'kubernetes.io/api-server': SECRETS.catalogApiServer,
        'kubernetes.io/api-server-certificate-authority': SECRETS.catalogCaData,
        'kubernetes.io/auth-provider': 'aws',
        'kubernetes.io/x-k8s-aws-id': 'eks-batch-us-east-2',
        'kubernetes.io/aws-assume-role':
          'arn:aws:iam::777788889999:role/backstage-batch-read',
        'kubernetes.io/aws-external-id': SECRETS.batchExternalId,
      },
      { title: 'Batch US (Ohio)' },
    ),
    clusterResource('analytics-ap-1', {
      'kubernetes.io/api-server':
        'https://0F1E2D3C4B5A6978.gr7.ap-southeast-2.eks.amazonaws.com',
      'kubernetes.io/api-server-certificate-authority': SECRETS.catalogCaData,
      'kubernetes.io/auth-provider': 'aws',
    }),
    // The Kubernetes plugin's catalog locator does not use serviceAccount.
    clusterResource('sandbox-eu-1', {
      'kubernetes.io/api-server':
        'https://5A5A5A5A5A5A5A5A.gr7.eu-west-1.eks.amazonaws.com',
      'kubernetes.io/api-server-certificate-authority': SECRETS.catalogCaData,
      'kubernetes.io/auth-provider': 'serviceAccount',
    }),
    // No CA annotation: the Kubernetes plugin's catalog locator skips it.
    clusterResource('no-ca-eu-1', {
      'kubernetes.io/api-server':
        'https://6B6B6B6B6B6B6B6B.gr7.eu-west-1.eks.amazonaws.com',
      'kubernetes.io/auth-provider': 'aws',
    }),
    // A database, not a cluster.
    clusterResource(
      'payments-db',
      {
        'kubernetes.io/api-server': 'https://not-a-cluster.example.com',
        'kubernetes.io/api-server-certificate-authority': SECRETS.catalogCaData,
        'kubernetes.io/auth-provider': 'aws',
      },
      { specType: 'database' },
    ),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payments-grpc', namespace: 'default' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'team-payments',
      },
    },
  ];
}
