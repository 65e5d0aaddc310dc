import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  EksPlatformClient,
  type ClusterDetail,
  type ClusterOverview,
  type EksPlatformRequestOptions,
  type NamespaceCheckResponse,
} from '@eks-platform/plugin-eks-platform-common';
import { ClusterDataSource } from './ClusterDataSource';

/**
 * Reads clusters from the eks-platform backend (`/api/eks-platform`) through the common REST
 * client, with a service token of the scaffolder plugin.
 *
 * @public
 */
export class EksPlatformClusterClient implements ClusterDataSource {
  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
  }): EksPlatformClusterClient {
    return new EksPlatformClusterClient(
      new EksPlatformClient({ discoveryApi: options.discovery }),
      options.auth,
    );
  }

  private constructor(
    private readonly client: EksPlatformClient,
    private readonly auth: AuthService,
  ) {}

  async listClusters(): Promise<ClusterOverview[]> {
    const body = await this.client.listClusters(await this.tokenOptions());
    return body.items;
  }

  async getCluster(name: string): Promise<ClusterDetail | undefined> {
    try {
      return await this.client.getCluster(name, await this.tokenOptions());
    } catch (error) {
      // By name, not instanceof: the error class may come from another copy of @backstage/errors.
      if (
        isError(error) &&
        error.name === 'ResponseError' &&
        'statusCode' in error &&
        error.statusCode === 404
      ) {
        return undefined;
      }
      throw error;
    }
  }

  /** @throws an Error with the backend's reason (e.g. the cluster timed out), not only its status. */
  async checkNamespace(
    cluster: string,
    namespace: string,
  ): Promise<NamespaceCheckResponse> {
    try {
      return await this.client.checkNamespace(
        cluster,
        namespace,
        await this.tokenOptions(),
      );
    } catch (error) {
      throw withBackendReason(error);
    }
  }

  /** A fresh service token per request: the auth service caches and renews it. */
  private async tokenOptions(): Promise<EksPlatformRequestOptions> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'eks-platform',
    });
    return { token };
  }
}

/**
 * A ResponseError names only the status (`Request failed with 503 Service Unavailable`); the
 * backend's reason is in its body, and that is what a preflight must show.
 */
function withBackendReason(error: unknown): unknown {
  const reason = isError(error)
    ? (error as { body?: { error?: { message?: unknown } } }).body?.error
        ?.message
    : undefined;
  return typeof reason === 'string' && reason
    ? new Error(reason, { cause: error })
    : error;
}
