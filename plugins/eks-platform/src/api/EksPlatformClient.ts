import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  EksPlatformClient as RestClient,
  type ClusterDetail,
  type ClusterOverviewResponse,
  type EntityViewResponse,
  type HistoryMetric,
  type HistoryRange,
  type HistoryResponse,
  type RefreshResponse,
} from '@eks-platform/plugin-eks-platform-common';
import type { EksPlatformApi } from './EksPlatformApi';

/**
 * The default {@link EksPlatformApi}: the REST client of
 * `@eks-platform/plugin-eks-platform-common` called through the app's
 * `fetchApi`, so the user's Backstage token is attached to every request.
 *
 * @public
 */
export class EksPlatformClient implements EksPlatformApi {
  readonly #client: RestClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#client = new RestClient(options);
  }

  async getClusterOverviews(): Promise<ClusterOverviewResponse> {
    return this.#client.listClusters();
  }

  async getCluster(name: string): Promise<ClusterDetail> {
    return this.#client.getCluster(name);
  }

  async getHistory(
    name: string,
    metric: HistoryMetric,
    range?: HistoryRange,
  ): Promise<HistoryResponse> {
    return this.#client.getHistory(name, metric, range);
  }

  async getEntityView(entityRef: string): Promise<EntityViewResponse> {
    return this.#client.getEntityView(entityRef);
  }

  async refreshCluster(name: string): Promise<RefreshResponse> {
    return this.#client.refreshCluster(name);
  }
}
