import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ClustersResponse } from '@eks-platform/plugin-eks-platform-common';
import type { EksPlatformApi } from './EksPlatformApi';

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
    return this.#get<ClustersResponse>('/clusters');
  }

  async #get<T>(path: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('eks-platform');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
