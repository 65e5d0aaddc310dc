/**
 * Where the cluster registry learned about a cluster.
 * - `config`: a `kubernetes.clusterLocatorMethods` entry of type `config`
 * - `catalog`: a `kubernetes.clusterLocatorMethods` entry of type `catalog`
 *   (a `Resource` entity with `spec.type: kubernetes-cluster`)
 * - `discovery`: EKS discovery (`eksPlatform.discovery`: `ListClusters` per
 *   configured account and region), for EKS clusters configured nowhere else
 *
 * @public
 */
export type ClusterSource = 'config' | 'catalog' | 'discovery';

/**
 * The EKS identity of a cluster: what the backend needs to call the EKS and EC2
 * APIs for it. Never contains credentials; an assume-role ARN is not secret but
 * is still not sent to the browser.
 *
 * @public
 */
export type EksIdentity = {
  /** The EKS cluster name (may differ from the Backstage cluster name). */
  clusterName: string;
  /** AWS region, e.g. `eu-west-1`. */
  region?: string;
  /** AWS account id (12 digits). */
  accountId?: string;
};

/**
 * A cluster as served by `GET /api/eks-platform/clusters`: what the browser may see.
 * The API server URL, tokens, CA data and role ARNs are deliberately absent.
 *
 * @public
 */
export type ClusterSummary = {
  /** The cluster's name as configured for the Backstage Kubernetes plugin. */
  name: string;
  /** A human title, when configured. */
  title?: string;
  /** The Kubernetes plugin's auth provider for the cluster (`aws`, `serviceAccount`, ...). */
  authProvider: string;
  /** Where the registry found the cluster. */
  source: ClusterSource;
  /** EKS identity when known (from AWS auth metadata or the `eksPlatform.clusters` config block). */
  eks?: EksIdentity;
};

/**
 * Response body of `GET /api/eks-platform/clusters`.
 *
 * @public
 */
export type ClustersResponse = {
  items: ClusterSummary[];
};
