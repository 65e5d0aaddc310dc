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
  DiscoveredCluster,
  EksPlatformClusterConfig,
  KubernetesConnection,
  LocatedCluster,
  RegisteredCluster,
} from '../types';
import { CatalogClusterReader } from './CatalogClusterReader';
import type { ClusterDiscovery } from './ClusterDiscovery';
import { readEksPlatformClusters } from '../config/readEksPlatformClusters';
import { readKubernetesClusterLocators } from './readKubernetesClusterLocators';

/**
 * The clusters this plugin works on: those configured for the Backstage
 * Kubernetes plugin (`kubernetes.clusterLocatorMethods` of type `config` and
 * `catalog`), each with its EKS identity when known, and the EKS clusters
 * found by discovery (`eksPlatform.discovery`, stored in the plugin's
 * database) that are configured nowhere else.
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
 * go at run time. A discovered cluster is left out when a configured cluster
 * has its name, or the same EKS name, region and account.
 */
export class ClusterRegistry {
  readonly #logger: LoggerService;
  readonly #configClusters: LocatedCluster[];
  readonly #connections: Map<string, KubernetesConnection>;
  readonly #catalogReader: CatalogClusterReader | undefined;
  readonly #continueOnError: boolean;
  readonly #eksConfig: Map<string, EksPlatformClusterConfig>;
  readonly #discovery: Pick<ClusterDiscovery, 'list' | 'accessFor'> | undefined;
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
      /** EKS discovery, when `eksPlatform.discovery` is configured. */
      discovery?: Pick<ClusterDiscovery, 'list' | 'accessFor'>;
    },
  ): ClusterRegistry {
    const { logger, catalog, auth, discovery } = options;
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
      discovery,
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
    discovery?: Pick<ClusterDiscovery, 'list' | 'accessFor'>;
  }) {
    this.#logger = options.logger;
    this.#configClusters = options.configClusters;
    this.#connections = options.connections;
    this.#catalogReader = options.catalogReader;
    this.#continueOnError = options.continueOnError;
    this.#eksConfig = new Map(options.eksClusters.map(c => [c.name, c]));
    this.#discovery = options.discovery;
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

    const registered = located.map(cluster =>
      toRegisteredCluster(cluster, this.#eksConfig.get(cluster.name)),
    );
    for (const cluster of await this.#listDiscovered(registered)) {
      registered.push(this.#toRegisteredDiscovered(cluster));
    }
    return registered.sort((a, b) =>
      compareNames(a.summary.name, b.summary.name),
    );
  }

  /** Discovered clusters that no configured or catalog cluster already covers. */
  async #listDiscovered(
    configured: RegisteredCluster[],
  ): Promise<DiscoveredCluster[]> {
    if (!this.#discovery) {
      return [];
    }
    const names = new Set(configured.map(c => c.summary.name));
    const identities = new Set(
      configured.flatMap(({ summary: { eks } }) =>
        eks?.region && eks.accountId
          ? [`${eks.accountId}/${eks.region}/${eks.clusterName}`]
          : [],
      ),
    );
    return (await this.#discovery.list()).filter(
      d =>
        !names.has(d.name) &&
        !identities.has(`${d.accountId}/${d.region}/${d.eksName}`),
    );
  }

  #toRegisteredDiscovered(cluster: DiscoveredCluster): RegisteredCluster {
    const aws = this.#discovery?.accessFor(cluster.accountId);
    return {
      summary: {
        name: cluster.name,
        authProvider: 'aws',
        source: 'discovery',
        eks: {
          clusterName: cluster.eksName,
          region: cluster.region,
          accountId: cluster.accountId,
        },
      },
      apiServerUrl: cluster.endpoint,
      ...(aws && { aws }),
    };
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
    if (this.#catalogReader) {
      const located = (await this.#catalogReader.readClusters()).find(
        c => c.name === name,
      );
      if (located) {
        const connection = await this.#catalogReader.readConnection(located);
        return connection
          ? {
              ...toRegisteredCluster(located, this.#eksConfig.get(name)),
              connection,
            }
          : undefined;
      }
    }
    return this.#discoveredTarget(name);
  }

  async #discoveredTarget(name: string): Promise<ClusterTarget | undefined> {
    if (!this.#discovery) {
      return undefined;
    }
    const registered = (await this.listRegisteredClusters()).find(
      c => c.summary.name === name && c.summary.source === 'discovery',
    );
    const discovered = registered
      ? (await this.#discovery.list()).find(d => d.name === name)
      : undefined;
    if (!registered || !discovered) {
      return undefined;
    }
    return {
      ...registered,
      connection: {
        url: discovered.endpoint,
        ...(discovered.caData && { caData: discovered.caData }),
      },
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
