import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClusterDetail,
  ClusterOverviewResponse,
  ClustersResponse,
  EntityViewResponse,
  HistoryMetric,
  HistoryResponse,
  RefreshResponse,
} from '@eks-platform/plugin-eks-platform-common';
import type { EksPlatformApi, HistoryRange } from './EksPlatformApi';

/**
 * The default {@link EksPlatformApi}: calls the eks-platform backend through the
 * app's `fetchApi`, so the user's Backstage token is attached to every request.
 *
 * @public
 */
export class EksPlatformClient implements EksPlatformApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getClusters(): Promise<ClustersResponse> {
    return this.#request<ClustersResponse>('GET', '/clusters');
  }

  async getClusterOverviews(): Promise<ClusterOverviewResponse> {
    return this.#request<ClusterOverviewResponse>('GET', '/clusters');
  }

  async getCluster(name: string): Promise<ClusterDetail> {
    return this.#request<ClusterDetail>(
      'GET',
      `/clusters/${encodeURIComponent(name)}`,
    );
  }

  async getHistory(
    name: string,
    metric: HistoryMetric,
    range: HistoryRange = {},
  ): Promise<HistoryResponse> {
    const query = new URLSearchParams({ metric });
    if (range.from) query.set('from', range.from);
    if (range.to) query.set('to', range.to);
    return this.#request<HistoryResponse>(
      'GET',
      `/clusters/${encodeURIComponent(name)}/history?${query}`,
    );
  }

  async getEntityView(entityRef: string): Promise<EntityViewResponse> {
    const query = new URLSearchParams({ entityRef });
    return this.#request<EntityViewResponse>('GET', `/entity?${query}`);
  }

  async refreshCluster(name: string): Promise<RefreshResponse> {
    return this.#request<RefreshResponse>(
      'POST',
      `/clusters/${encodeURIComponent(name)}/refresh`,
    );
  }

  async #request<T>(method: 'GET' | 'POST', path: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('eks-platform');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
