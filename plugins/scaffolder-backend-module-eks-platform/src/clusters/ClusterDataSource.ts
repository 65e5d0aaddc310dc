import type {
  ClusterDetail,
  ClusterOverview,
  NamespaceCheckResponse,
} from '@eks-platform/plugin-eks-platform-common';

/**
 * Where the preflight reads clusters from: the eks-platform backend's REST API in production
 * ({@link EksPlatformClusterClient}), in tests too, against a local server of fixtures.
 *
 * @public
 */
export interface ClusterDataSource {
  /** `GET /api/eks-platform/clusters` items. */
  listClusters(): Promise<ClusterOverview[]>;
  /** `GET /api/eks-platform/clusters/:name`; undefined when the backend does not know the cluster. */
  getCluster(name: string): Promise<ClusterDetail | undefined>;
  /**
   * `GET /api/eks-platform/clusters/:name/namespaces/:namespace`: asks the cluster now.
   *
   * @throws an error saying why when the cluster could not be asked.
   */
  checkNamespace(
    cluster: string,
    namespace: string,
  ): Promise<NamespaceCheckResponse>;
}
