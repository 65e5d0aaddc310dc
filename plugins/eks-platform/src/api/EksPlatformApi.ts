import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ClusterDetail,
  ClusterOverviewResponse,
  ClustersResponse,
  EntityViewResponse,
  HistoryMetric,
  HistoryResponse,
  RefreshResponse,
} from '@eks-platform/plugin-eks-platform-common';

/**
 * The time range of a history request; ISO date-times, both optional (the
 * backend picks its default window when absent).
 *
 * @public
 */
export type HistoryRange = {
  from?: string;
  to?: string;
};

/**
 * Reads the eks-platform backend (`/api/eks-platform`).
 *
 * Every method rejects with a `ResponseError` (from `@backstage/errors`) when the
 * backend answers with an error status, e.g. 403 without
 * `eks-platform.cluster.read` or 404 for an unknown cluster.
 *
 * @public
 */
export interface EksPlatformApi {
  /**
   * Lists the clusters the backend's registry knows and the current user may
   * read (`GET /clusters`). The items are {@link @eks-platform/plugin-eks-platform-common#ClusterOverview}s,
   * a superset of the registry summary.
   */
  getClusters(): Promise<ClustersResponse>;

  /** The fleet table: every readable cluster with its key figures (`GET /clusters`). */
  getClusterOverviews(): Promise<ClusterOverviewResponse>;

  /** The spot, IP and version views of one cluster in full (`GET /clusters/:name`). */
  getCluster(name: string): Promise<ClusterDetail>;

  /** A time series of one metric of one cluster (`GET /clusters/:name/history`). */
  getHistory(
    name: string,
    metric: HistoryMetric,
    range?: HistoryRange,
  ): Promise<HistoryResponse>;

  /** The clusters of a catalog entity with its workloads there (`GET /entity`). */
  getEntityView(entityRef: string): Promise<EntityViewResponse>;

  /** Asks the backend to collect a cluster now (`POST /clusters/:name/refresh`, 202). */
  refreshCluster(name: string): Promise<RefreshResponse>;
}

/**
 * The ApiRef of {@link EksPlatformApi}.
 *
 * @public
 */
export const eksPlatformApiRef = createApiRef<EksPlatformApi>({
  id: 'plugin.eks-platform.service',
});
