import type { ClusterModel } from '../model/ClusterModel';
import type { EksCatalog } from '../scenario/schema';

/** What the AWS handlers know about the fleet. */
export interface AwsFleetContext {
  clusters: ClusterModel[];
  catalog: EksCatalog;
  kubeUrl(clusterName: string): string;
  caPem: string;
  now(): Date;
}

export interface EksRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
  region: string;
}

export interface EksRoute {
  operation: string;
  /** The EKS cluster the request is about, if any. */
  clusterName?: string;
  run(): unknown;
}
