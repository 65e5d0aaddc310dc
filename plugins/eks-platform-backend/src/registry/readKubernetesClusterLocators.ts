import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_CLUSTER_ID,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
} from '@backstage/plugin-kubernetes-common';
import type { KubernetesConnection, LocatedCluster } from '../types';
import { CLUSTER_NAME_RULE, isValidClusterName } from '../config/clusterNames';

const LOCATORS_KEY = 'kubernetes.clusterLocatorMethods';

/**
 * What this plugin takes from `kubernetes.clusterLocatorMethods`.
 */
export type KubernetesClusterLocators = {
  /** Clusters of every locator of type `config`, in config order. */
  configClusters: LocatedCluster[];
  /** Whether a locator of type `catalog` is configured. */
  catalog: boolean;
  /** How to reach each config cluster, by name (server-side only). */
  connections: Map<string, KubernetesConnection>;
};

/**
 * Reads the clusters configured for the Backstage Kubernetes plugin.
 *
 * What the browser may see and what the backend needs to reach AWS go into
 * {@link LocatedCluster}; `serviceAccountToken`, `caData`, `caFile` and
 * `skipTLSVerify`, which the collector needs, go into a separate map of
 * connections that is never listed or served. Locators of other types (`localKubectlProxy`, `gke`, ...) are
 * skipped with one info line each.
 *
 * @throws Error naming the config key when a cluster has no name, no URL, no
 *   auth provider, or a name already used by another config cluster.
 */
export function readKubernetesClusterLocators(
  config: Config,
  logger: LoggerService,
): KubernetesClusterLocators {
  const methods = config.getOptionalConfigArray(LOCATORS_KEY) ?? [];
  const configClusters: LocatedCluster[] = [];
  const connections = new Map<string, KubernetesConnection>();
  const keyByName = new Map<string, string>();
  let catalog = false;

  methods.forEach((method, methodIndex) => {
    const methodKey = `${LOCATORS_KEY}[${methodIndex}]`;
    const type = method.getString('type');
    if (type === 'catalog') {
      catalog = true;
      return;
    }
    if (type !== 'config') {
      logger.info(
        `Ignoring ${methodKey} of type '${type}': eks-platform lists only clusters of type 'config' and 'catalog'`,
      );
      return;
    }

    method.getConfigArray('clusters').forEach((cluster, clusterIndex) => {
      const key = `${methodKey}.clusters[${clusterIndex}]`;
      const located = readConfigCluster(cluster, key);

      const previousKey = keyByName.get(located.name);
      if (previousKey) {
        throw new Error(
          `Duplicate cluster name '${located.name}' at '${key}.name': already used at '${previousKey}.name'`,
        );
      }
      keyByName.set(located.name, key);

      if (!isValidClusterName(located.name)) {
        logger.warn(
          `Ignoring cluster '${located.name}' at '${key}.name': eks-platform cluster names must be ${CLUSTER_NAME_RULE}`,
        );
        return;
      }
      configClusters.push(located);
      connections.set(located.name, readConnection(cluster, located));
    });
  });

  return { configClusters, catalog, connections };
}

/** The secret parts, kept apart from {@link LocatedCluster} so they are never listed. */
function readConnection(
  cluster: Config,
  located: LocatedCluster,
): KubernetesConnection {
  const serviceAccountToken = cluster.getOptionalString('serviceAccountToken');
  const caData = cluster.getOptionalString('caData');
  const caFile = cluster.getOptionalString('caFile');
  const skipTLSVerify = cluster.getOptionalBoolean('skipTLSVerify');
  return {
    url: located.apiServerUrl,
    ...(serviceAccountToken && { serviceAccountToken }),
    ...(caData && { caData }),
    ...(caFile && { caFile }),
    ...(skipTLSVerify !== undefined && { skipTLSVerify }),
  };
}

function readConfigCluster(cluster: Config, key: string): LocatedCluster {
  const name = cluster.getString('name');
  const authMetadata = readAuthMetadata(cluster, key);

  const authProvider =
    authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
    cluster.getOptionalString('authProvider');
  if (!authProvider) {
    throw new Error(
      `Cluster '${name}' at '${key}' has no auth provider: set '${key}.authProvider' or '${key}.authMetadata["${ANNOTATION_KUBERNETES_AUTH_PROVIDER}"]'`,
    );
  }

  // Same precedence as the Kubernetes plugin: authMetadata wins over the
  // older top-level keys.
  const assumeRole =
    authMetadata[ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE] ??
    cluster.getOptionalString('assumeRole');
  const externalId =
    authMetadata[ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID] ??
    cluster.getOptionalString('externalId');
  const title = cluster.getOptionalString('title');
  const awsClusterId = authMetadata[ANNOTATION_KUBERNETES_AWS_CLUSTER_ID];

  return {
    name,
    ...(title && { title }),
    apiServerUrl: cluster.getString('url'),
    authProvider,
    source: 'config',
    ...(awsClusterId && { awsClusterId }),
    ...(assumeRole && { assumeRole }),
    ...(externalId && { externalId }),
    origin: key,
  };
}

const AUTH_METADATA_KEYS = [
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_CLUSTER_ID,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
] as const;

type AuthMetadata = Partial<
  Record<(typeof AUTH_METADATA_KEYS)[number], string>
>;

/**
 * Reads the few `authMetadata` keys this plugin uses. The keys contain dots,
 * which the Config API treats as path separators, so the block is read raw.
 */
function readAuthMetadata(cluster: Config, key: string): AuthMetadata {
  const raw = cluster.getOptional('authMetadata');
  if (raw === undefined) {
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(
      `Invalid type in config for key '${key}.authMetadata': wanted an object of strings`,
    );
  }
  const block = raw as Record<string, unknown>;
  const result: AuthMetadata = {};
  for (const metadataKey of AUTH_METADATA_KEYS) {
    const value = block[metadataKey];
    if (value === undefined || value === '') {
      continue;
    }
    if (typeof value !== 'string') {
      throw new Error(
        `Invalid type in config for key '${key}.authMetadata["${metadataKey}"]': wanted a string`,
      );
    }
    result[metadataKey] = value;
  }
  return result;
}
