import type { ClusterSummary } from '@eks-platform/plugin-eks-platform-common';

/**
 * AWS access details of a cluster that stay on the server: used to call the
 * EKS and EC2 APIs for it, never sent to the browser nor logged.
 */
export type ClusterAwsAccess = {
  /** IAM role ARN to assume before calling AWS for this cluster. */
  assumeRole?: string;
  /** External id to pass when assuming {@link ClusterAwsAccess.assumeRole}. */
  externalId?: string;
};

/**
 * A cluster known to the registry: what the browser may see, plus the
 * server-side details the backend needs to reach it. Tokens, CA data and TLS
 * settings of the Kubernetes plugin's config are never read into it.
 */
export type RegisteredCluster = {
  summary: ClusterSummary;
  /** The Kubernetes API server URL (server-side only). */
  apiServerUrl: string;
  /** AWS access details, when any are configured. */
  aws?: ClusterAwsAccess;
};

/**
 * One entry of the `eksPlatform.clusters` config block.
 */
export type EksPlatformClusterConfig = {
  /** The Kubernetes-plugin cluster name this entry describes. */
  name: string;
  /** The EKS cluster name, when it differs from the Kubernetes-plugin name. */
  clusterName?: string;
  region: string;
  accountId: string;
  assumeRole?: string;
  externalId?: string;
  /** The config key of this entry, for messages. */
  configKey: string;
};

/**
 * A cluster read from a `kubernetes.clusterLocatorMethods` entry, before the
 * `eksPlatform.clusters` block is applied.
 */
export type LocatedCluster = {
  name: string;
  title?: string;
  apiServerUrl: string;
  authProvider: string;
  source: ClusterSummary['source'];
  /** `kubernetes.io/x-k8s-aws-id`: the EKS cluster name used for AWS auth. */
  awsClusterId?: string;
  /** `kubernetes.io/aws-assume-role`. */
  assumeRole?: string;
  /** `kubernetes.io/aws-external-id`. */
  externalId?: string;
  /** Where the cluster came from, for messages (a config key or an entity ref). */
  origin: string;
};

/**
 * How to reach a cluster's Kubernetes API: the secret parts of its
 * Kubernetes-plugin configuration. Server-side only; read on demand by the
 * collector and never listed, served or logged.
 */
export type KubernetesConnection = {
  /** The Kubernetes API server URL. */
  url: string;
  /** `serviceAccount` auth: the bearer token. */
  serviceAccountToken?: string;
  /** Base64 PEM of the cluster CA. */
  caData?: string;
  /** Path of a PEM file of the cluster CA. */
  caFile?: string;
  skipTLSVerify?: boolean;
};

/**
 * A cluster with what the collector needs to reach it.
 */
export type ClusterTarget = RegisteredCluster & {
  connection: KubernetesConnection;
};

/**
 * One account of `eksPlatform.discovery.accounts`: where EKS discovery lists
 * clusters, and as whom (server-side only).
 */
export type DiscoveryAccount = {
  accountId: string;
  regions: string[];
  /** IAM role to assume for discovery and for collecting what it finds. */
  assumeRole?: string;
  /** External id to pass when assuming {@link DiscoveryAccount.assumeRole}. */
  externalId?: string;
};

/**
 * An EKS cluster found by discovery, as stored in the plugin's database.
 * Server-side only: the endpoint and CA data are never served.
 */
export type DiscoveredCluster = {
  /** Its registry name: the EKS cluster name. */
  name: string;
  accountId: string;
  region: string;
  eksName: string;
  /** The Kubernetes API server URL (DescribeCluster `endpoint`). */
  endpoint: string;
  /** Base64 PEM of the cluster CA (DescribeCluster `certificateAuthority.data`). */
  caData?: string;
  discoveredAt: string;
};
