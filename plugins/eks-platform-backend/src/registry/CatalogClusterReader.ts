import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_CLUSTER_ID,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
  ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY,
} from '@backstage/plugin-kubernetes-common';
import type { KubernetesConnection, LocatedCluster } from '../types';
import { CLUSTER_NAME_RULE, isValidClusterName } from '../config/clusterNames';

/**
 * Reads the clusters the Kubernetes plugin's `catalog` cluster locator sees:
 * `Resource` entities with `spec.type: kubernetes-cluster` carrying the API
 * server, CA and auth provider annotations. Like that locator, it skips
 * clusters using the `serviceAccount` auth provider (the catalog cannot hold
 * their token) and clusters whose API server is not an http(s) URL.
 *
 * The catalog is read with this plugin's own service credentials, and only the
 * fields needed are requested: the CA annotation is filtered on when listing,
 * and read for one cluster at a time by {@link CatalogClusterReader.readConnection}
 * when the collector needs it.
 */
export class CatalogClusterReader {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #reported = new Set<string>();

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
  }): CatalogClusterReader {
    return new CatalogClusterReader(
      options.catalog,
      options.auth,
      options.logger,
    );
  }

  private constructor(
    catalog: CatalogService,
    auth: AuthService,
    logger: LoggerService,
  ) {
    this.#catalog = catalog;
    this.#auth = auth;
    this.#logger = logger;
  }

  /**
   * @throws ServiceUnavailableError when the catalog cannot be read.
   */
  async readClusters(): Promise<LocatedCluster[]> {
    let entities: Entity[];
    try {
      const response = await this.#catalog.getEntities(
        {
          filter: {
            kind: 'Resource',
            'spec.type': 'kubernetes-cluster',
            [`metadata.annotations.${ANNOTATION_KUBERNETES_API_SERVER}`]:
              CATALOG_FILTER_EXISTS,
            [`metadata.annotations.${ANNOTATION_KUBERNETES_API_SERVER_CA}`]:
              CATALOG_FILTER_EXISTS,
            [`metadata.annotations.${ANNOTATION_KUBERNETES_AUTH_PROVIDER}`]:
              CATALOG_FILTER_EXISTS,
          },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            `metadata.annotations.${ANNOTATION_KUBERNETES_API_SERVER}`,
            `metadata.annotations.${ANNOTATION_KUBERNETES_AUTH_PROVIDER}`,
            `metadata.annotations.${ANNOTATION_KUBERNETES_AWS_CLUSTER_ID}`,
            `metadata.annotations.${ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE}`,
            `metadata.annotations.${ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID}`,
          ],
        },
        { credentials: await this.#auth.getOwnServiceCredentials() },
      );
      entities = response.items;
    } catch (error) {
      // The cause's message is appended: "...; caused by Error: ...".
      throw new ServiceUnavailableError(
        'Could not read kubernetes-cluster resources from the catalog',
        error,
      );
    }

    const clusters: LocatedCluster[] = [];
    for (const entity of entities) {
      const cluster = this.#toCluster(entity);
      if (cluster) {
        clusters.push(cluster);
      }
    }
    return clusters;
  }

  /**
   * The CA and TLS settings of one catalog cluster, read only when the collector
   * needs them (never listed). `undefined` when the entity is gone.
   */
  async readConnection(
    cluster: LocatedCluster,
  ): Promise<KubernetesConnection | undefined> {
    const entity = await this.#catalog.getEntityByRef(cluster.origin, {
      credentials: await this.#auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      return undefined;
    }
    const annotations = entity.metadata.annotations ?? {};
    const caData = annotations[ANNOTATION_KUBERNETES_API_SERVER_CA];
    const skipTLSVerify =
      annotations[ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY] === 'true';
    return {
      url: cluster.apiServerUrl,
      ...(caData && { caData }),
      ...(skipTLSVerify && { skipTLSVerify }),
    };
  }

  #toCluster(entity: Entity): LocatedCluster | undefined {
    const ref = stringifyEntityRef({
      kind: entity.kind ?? 'Resource',
      namespace: entity.metadata.namespace,
      name: entity.metadata.name,
    });
    const name = entity.metadata.name;
    const annotations = entity.metadata.annotations ?? {};

    if (!isValidClusterName(name)) {
      this.#reportOnce(
        `Ignoring ${ref}: eks-platform cluster names must be ${CLUSTER_NAME_RULE}`,
      );
      return undefined;
    }
    const authProvider = annotations[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
    if (!authProvider) {
      return undefined;
    }
    if (authProvider === 'serviceAccount') {
      this.#reportOnce(
        `Ignoring ${ref}: like the Kubernetes plugin's catalog locator, eks-platform does not use catalog clusters with the serviceAccount auth provider`,
      );
      return undefined;
    }
    const apiServerUrl = annotations[ANNOTATION_KUBERNETES_API_SERVER];
    if (!apiServerUrl || !isHttpUrlWithoutCredentials(apiServerUrl)) {
      // The URL itself is not logged: it could carry credentials.
      this.#reportOnce(
        `Ignoring ${ref}: annotation '${ANNOTATION_KUBERNETES_API_SERVER}' is not an http(s) URL without credentials`,
      );
      return undefined;
    }

    const title = entity.metadata.title;
    const awsClusterId = annotations[ANNOTATION_KUBERNETES_AWS_CLUSTER_ID];
    const assumeRole = annotations[ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE];
    const externalId = annotations[ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID];
    return {
      name,
      ...(title && { title }),
      apiServerUrl,
      authProvider,
      source: 'catalog',
      ...(awsClusterId && { awsClusterId }),
      ...(assumeRole && { assumeRole }),
      ...(externalId && { externalId }),
      origin: ref,
    };
  }

  /** Catalog data is read on every listing: say each problem once. */
  #reportOnce(message: string) {
    if (!this.#reported.has(message)) {
      this.#reported.add(message);
      this.#logger.warn(message);
    }
  }
}

function isHttpUrlWithoutCredentials(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}
