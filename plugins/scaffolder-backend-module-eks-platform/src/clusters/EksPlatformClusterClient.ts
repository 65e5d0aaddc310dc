import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClusterDetail,
  ClusterOverview,
  ClusterOverviewResponse,
  NamespaceCheckResponse,
} from '@eks-platform/plugin-eks-platform-common';
import { ClusterDataSource } from './ClusterDataSource';

/**
 * Reads clusters from the eks-platform backend (`/api/eks-platform`) with a service token of the
 * scaffolder plugin.
 *
 * @public
 */
export class EksPlatformClusterClient implements ClusterDataSource {
  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
  }): EksPlatformClusterClient {
    return new EksPlatformClusterClient(options.discovery, options.auth);
  }

  private constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async listClusters(): Promise<ClusterOverview[]> {
    const response = await this.get('/clusters');
    const body = (await response.json()) as ClusterOverviewResponse;
    return body.items;
  }

  async getCluster(name: string): Promise<ClusterDetail | undefined> {
    const response = await this.get(
      `/clusters/${encodeURIComponent(name)}`,
      true,
    );
    if (response.status === 404) {
      return undefined;
    }
    return (await response.json()) as ClusterDetail;
  }

  async checkNamespace(
    cluster: string,
    namespace: string,
  ): Promise<NamespaceCheckResponse> {
    const response = await this.get(
      `/clusters/${encodeURIComponent(cluster)}/namespaces/${encodeURIComponent(
        namespace,
      )}`,
    );
    return (await response.json()) as NamespaceCheckResponse;
  }

  private async get(path: string, allowNotFound = false): Promise<Response> {
    const baseUrl = await this.discovery.getBaseUrl('eks-platform');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'eks-platform',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
    });
    if (!response.ok && !(allowNotFound && response.status === 404)) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
