import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { toError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ClusterSummary,
  EksIdentity,
} from '@eks-platform/plugin-eks-platform-common';
import type {
  ClusterAwsAccess,
  ClusterTarget,
  EksPlatformClusterConfig,
  KubernetesConnection,
  LocatedCluster,
  RegisteredCluster,
} from '../types';
import { CatalogClusterReader } from './CatalogClusterReader';
import { readEksPlatformClusters } from './readEksPlatformClusters';
import { readKubernetesClusterLocators } from './readKubernetesClusterLocators';

/**
 * The clusters this plugin works on: those configured for the Backstage
 * Kubernetes plugin (`kubernetes.clusterLocatorMethods` of type `config` and
 * `catalog`), each with its EKS identity when known.
 *
 * Config is read and validated once, at construction; catalog clusters are
 * read on every listing so that a new cluster Resource shows up without a
 * restart, and no state is kept that another backend replica would need.
 *
 * EKS identity of a cluster, first match wins:
 * 1. its `eksPlatform.clusters` entry (`clusterName` defaulting to
 *    `kubernetes.io/x-k8s-aws-id`, then to the cluster name);
 * 2. its `kubernetes.io/x-k8s-aws-id` auth metadata (EKS cluster name only);
 * 3. none.
 *
 * Conflicts: two config clusters with one name fail at start-up (the
 * Kubernetes plugin rejects that too); a catalog cluster with the name of an
 * earlier cluster is skipped with a warning; an `eksPlatform.clusters` entry
 * naming no cluster is ignored with a warning, since catalog clusters come and
 * go at run time.
 */
export class ClusterRegistry {
  readonly #logger: LoggerService;
  readonly #configClusters: LocatedCluster[];
  readonly #connections: Map<string, KubernetesConnection>;
  readonly #catalogReader: CatalogClusterReader | undefined;
  readonly #continueOnError: boolean;
  readonly #eksConfig: Map<string, EksPlatformClusterConfig>;
  readonly #warned = new Set<string>();

  /**
   * @throws Error naming the config key when the configuration is invalid.
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      catalog: CatalogService;
      auth: AuthService;
    },
  ): ClusterRegistry {
    const { logger, catalog, auth } = options;
    const locators = readKubernetesClusterLocators(config, logger);
    const eksClusters = readEksPlatformClusters(config);
    const registry = new ClusterRegistry({
      logger,
      configClusters: locators.configClusters,
      connections: locators.connections,
      catalogReader: locators.catalog
        ? CatalogClusterReader.create({ catalog, auth, logger })
        : undefined,
      continueOnError:
        config.getOptionalBoolean('kubernetes.clusterLocatorContinueOnError') ??
        false,
      eksClusters,
    });
    if (!locators.catalog) {
      // Without a catalog locator the full set of clusters is known now.
      registry.#warnUnknownEksEntries(
        new Set(locators.configClusters.map(c => c.name)),
      );
    }
    return registry;
  }

  private constructor(options: {
    logger: LoggerService;
    configClusters: LocatedCluster[];
    connections: Map<string, KubernetesConnection>;
    catalogReader: CatalogClusterReader | undefined;
    continueOnError: boolean;
    eksClusters: EksPlatformClusterConfig[];
  }) {
    this.#logger = options.logger;
    this.#configClusters = options.configClusters;
    this.#connections = options.connections;
    this.#catalogReader = options.catalogReader;
    this.#continueOnError = options.continueOnError;
    this.#eksConfig = new Map(options.eksClusters.map(c => [c.name, c]));
  }

  /**
   * Every cluster, sorted by name, as the browser may see it.
   *
   * @throws ServiceUnavailableError when catalog clusters are configured and
   *   the catalog cannot be read (unless
   *   `kubernetes.clusterLocatorContinueOnError` is set, in which case the
   *   config clusters are returned and the failure is logged).
   */
  async listClusters(): Promise<ClusterSummary[]> {
    const clusters = await this.listRegisteredClusters();
    return clusters.map(c => c.summary);
  }

  /**
   * One cluster by its Kubernetes-plugin name, or `undefined`.
   */
  async getCluster(name: string): Promise<ClusterSummary | undefined> {
    const clusters = await this.listRegisteredClusters();
    return clusters.find(c => c.summary.name === name)?.summary;
  }

  /**
   * Every cluster, sorted by name, with the server-side details (API server
   * URL, role to assume) that collectors need. Never serve this directly.
   */
  async listRegisteredClusters(): Promise<RegisteredCluster[]> {
    const located = [...this.#configClusters];
    const catalogClusters = await this.#readCatalogClusters();
    const names = new Set(located.map(c => c.name));
    for (const cluster of catalogClusters ?? []) {
      if (names.has(cluster.name)) {
        this.#warnOnce(
          `Ignoring catalog cluster ${cluster.origin}: the cluster name '${cluster.name}' is already used by another cluster`,
        );
        continue;
      }
      names.add(cluster.name);
      located.push(cluster);
    }

    if (catalogClusters) {
      this.#warnUnknownEksEntries(names);
    }

    return located
      .map(cluster =>
        toRegisteredCluster(cluster, this.#eksConfig.get(cluster.name)),
      )
      .sort((a, b) => compareNames(a.summary.name, b.summary.name));
  }

  /**
   * One cluster with how to reach its Kubernetes API (token, CA, TLS
   * settings), for the collector only; `undefined` for an unknown cluster.
   * Never serve or log the result.
   */
  async getClusterTarget(name: string): Promise<ClusterTarget | undefined> {
    const configCluster = this.#configClusters.find(c => c.name === name);
    if (configCluster) {
      const connection = this.#connections.get(name) ?? {
        url: configCluster.apiServerUrl,
      };
      return {
        ...toRegisteredCluster(configCluster, this.#eksConfig.get(name)),
        connection,
      };
    }
    if (!this.#catalogReader) {
      return undefined;
    }
    const located = (await this.#catalogReader.readClusters()).find(
      c => c.name === name,
    );
    if (!located) {
      return undefined;
    }
    const connection = await this.#catalogReader.readConnection(located);
    if (!connection) {
      return undefined;
    }
    return {
      ...toRegisteredCluster(located, this.#eksConfig.get(name)),
      connection,
    };
  }

  /** `undefined` when there is no catalog locator or it failed and may be skipped. */
  async #readCatalogClusters(): Promise<LocatedCluster[] | undefined> {
    if (!this.#catalogReader) {
      return [];
    }
    try {
      return await this.#catalogReader.readClusters();
    } catch (error) {
      if (!this.#continueOnError) {
        throw error;
      }
      this.#logger.error(
        'Listing config clusters only: the catalog cluster locator failed',
        toError(error),
      );
      return undefined;
    }
  }

  #warnUnknownEksEntries(knownNames: Set<string>) {
    for (const entry of this.#eksConfig.values()) {
      if (!knownNames.has(entry.name)) {
        this.#warnOnce(
          `Ignoring '${entry.configKey}': no cluster named '${entry.name}' is configured in kubernetes.clusterLocatorMethods`,
        );
      }
    }
  }

  #warnOnce(message: string) {
    if (!this.#warned.has(message)) {
      this.#warned.add(message);
      this.#logger.warn(message);
    }
  }
}

function toRegisteredCluster(
  cluster: LocatedCluster,
  eksEntry: EksPlatformClusterConfig | undefined,
): RegisteredCluster {
  let eks: EksIdentity | undefined;
  if (eksEntry) {
    eks = {
      clusterName: eksEntry.clusterName ?? cluster.awsClusterId ?? cluster.name,
      region: eksEntry.region,
      accountId: eksEntry.accountId,
    };
  } else if (cluster.awsClusterId) {
    eks = { clusterName: cluster.awsClusterId };
  }

  // A role from eksPlatform.clusters comes with its own external id; it is
  // never mixed with the external id of the Kubernetes plugin's role.
  let aws: ClusterAwsAccess | undefined;
  if (eksEntry?.assumeRole) {
    aws = {
      assumeRole: eksEntry.assumeRole,
      ...(eksEntry.externalId && { externalId: eksEntry.externalId }),
    };
  } else if (cluster.assumeRole) {
    aws = {
      assumeRole: cluster.assumeRole,
      ...(cluster.externalId && { externalId: cluster.externalId }),
    };
  }

  const summary: ClusterSummary = {
    name: cluster.name,
    ...(cluster.title && { title: cluster.title }),
    authProvider: cluster.authProvider,
    source: cluster.source,
    ...(eks && { eks }),
  };
  return {
    summary,
    apiServerUrl: cluster.apiServerUrl,
    ...(aws && { aws }),
  };
}

function compareNames(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
