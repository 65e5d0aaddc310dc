import type { Entity } from '@backstage/catalog-model';
import { EKS_PLATFORM_CLUSTERS_ANNOTATION } from '@eks-platform/plugin-eks-platform-common';

/**
 * A gRPC service annotated with two clusters the registry knows.
 *
 * @public
 */
export const paymentsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-grpc',
    namespace: 'default',
    description: 'Authorises and captures card payments (gRPC, port 9090).',
    annotations: {
      [EKS_PLATFORM_CLUSTERS_ANNOTATION]: 'prod-eu-west-1, staging-eu-west-1',
      'backstage.io/kubernetes-id': 'payments',
      'argocd/app-name': 'payments-grpc-prod',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-payments',
    system: 'commerce',
  },
};

/**
 * The invoicing service, still on the legacy Kubernetes 1.31 cluster.
 *
 * @public
 */
export const billingEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'billing-api',
    namespace: 'default',
    description: 'Invoicing; still on the legacy Kubernetes 1.31 cluster.',
    annotations: {
      [EKS_PLATFORM_CLUSTERS_ANNOTATION]: 'legacy-eu-west-1',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-payments',
    system: 'commerce',
  },
};

/**
 * A service naming one known cluster, one the registry lacks and one malformed entry.
 *
 * @public
 */
export const ledgerEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ledger-grpc',
    namespace: 'default',
    description: 'Double-entry ledger; still on the legacy cluster.',
    annotations: {
      [EKS_PLATFORM_CLUSTERS_ANNOTATION]:
        'prod-us-east-1, legacy-eu-west-9, prod eu west 1',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-payments',
    system: 'commerce',
  },
};

/**
 * A service that has not been mapped to any cluster yet.
 *
 * @public
 */
export const unannotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fraud-scoring-grpc',
    namespace: 'default',
    description: 'Scores payment attempts for fraud risk.',
    annotations: {
      'backstage.io/kubernetes-id': 'fraud-scoring',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'experimental',
    owner: 'team-risk',
    system: 'commerce',
  },
};
