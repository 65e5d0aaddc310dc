import { ResponseError } from '@backstage/errors';
import type {
  ClusterDetail,
  ClusterOverviewResponse,
  EntityViewResponse,
  HistoryMetric,
  HistoryResponse,
  NamespaceCheckResponse,
  RefreshResponse,
} from '../api';

/**
 * Where {@link EksPlatformClient} finds the backend and how it calls it: the
 * shapes of Backstage's `DiscoveryApi`/`DiscoveryService` and `FetchApi`, so
 * the client runs in the browser and in backend plugins alike.
 *
 * @public
 */
export type EksPlatformClientOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** Defaults to the global `fetch`. */
  fetchApi?: { fetch: typeof fetch };
};

/**
 * Per-request options: a backend caller passes the token it obtained for the
 * eks-platform plugin; in the browser the app's `fetchApi` attaches the user's.
 *
 * @public
 */
export type EksPlatformRequestOptions = {
  token?: string;
};

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
 * The one client of the eks-platform REST API (`/api/eks-platform`, described
 * by the backend's `src/schema/openapi.yaml`). Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the backend answers with an
 * error status.
 *
 * @public
 */
export class EksPlatformClient {
  readonly #discoveryApi: EksPlatformClientOptions['discoveryApi'];
  readonly #fetchApi: { fetch: typeof fetch };

  constructor(options: EksPlatformClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    // Looked up per call, so a global fetch replaced after construction is used.
    this.#fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  /** The fleet table (`GET /clusters`). */
  async listClusters(
    options?: EksPlatformRequestOptions,
  ): Promise<ClusterOverviewResponse> {
    return this.#request('GET', '/clusters', options);
  }

  /** The spot, IP and version views of one cluster (`GET /clusters/:name`). */
  async getCluster(
    name: string,
    options?: EksPlatformRequestOptions,
  ): Promise<ClusterDetail> {
    return this.#request(
      'GET',
      `/clusters/${encodeURIComponent(name)}`,
      options,
    );
  }

  /** Asks the cluster now whether a namespace exists (`GET /clusters/:name/namespaces/:namespace`). */
  async checkNamespace(
    cluster: string,
    namespace: string,
    options?: EksPlatformRequestOptions,
  ): Promise<NamespaceCheckResponse> {
    const path = `/clusters/${encodeURIComponent(
      cluster,
    )}/namespaces/${encodeURIComponent(namespace)}`;
    return this.#request('GET', path, options);
  }

  /** A time series of one metric of one cluster (`GET /clusters/:name/history`). */
  async getHistory(
    name: string,
    metric: HistoryMetric,
    range: HistoryRange = {},
    options?: EksPlatformRequestOptions,
  ): Promise<HistoryResponse> {
    const query = new URLSearchParams({ metric });
    if (range.from) query.set('from', range.from);
    if (range.to) query.set('to', range.to);
    const path = `/clusters/${encodeURIComponent(name)}/history?${query}`;
    return this.#request('GET', path, options);
  }

  /** The clusters of a catalog entity with its workloads there (`GET /entity`). */
  async getEntityView(
    entityRef: string,
    options?: EksPlatformRequestOptions,
  ): Promise<EntityViewResponse> {
    const query = new URLSearchParams({ entityRef });
    return this.#request('GET', `/entity?${query}`, options);
  }

  /** Asks the backend to collect a cluster now (`POST /clusters/:name/refresh`, 202). */
  async refreshCluster(
    name: string,
    options?: EksPlatformRequestOptions,
  ): Promise<RefreshResponse> {
    const path = `/clusters/${encodeURIComponent(name)}/refresh`;
    return this.#request('POST', path, options);
  }

  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: EksPlatformRequestOptions = {},
  ): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('eks-platform');
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
