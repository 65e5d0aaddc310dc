import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ClusterDetail,
  ClusterOverviewResponse,
  EntityViewResponse,
  HistoryMetric,
  HistoryRange,
  HistoryResponse,
  RefreshResponse,
} from '@eks-platform/plugin-eks-platform-common';

export type { HistoryRange } from '@eks-platform/plugin-eks-platform-common';

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
