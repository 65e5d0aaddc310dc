/**
 * Drives the backend's collector outside a running backend, for benchmarks and soak runs that
 * measure one collection at a time; a backend serves its collections through the plugin instead.
 *
 * @packageDocumentation
 */
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AwsAccess } from './aws/AwsAccess';
import { ClusterCollector } from './collector/ClusterCollector';
import { readCollectorSettings } from './config/readCollectorSettings';
import { ClusterRegistry } from './registry/ClusterRegistry';

/**
 * What one collection stored, in the shape the benchmarks read.
 *
 * @public
 */
export type CollectedSnapshot = {
  partial: string[];
  sourceErrors: Array<{ message: string }>;
  kubernetes: { podsListed: number; nodes: number };
};

/**
 * A collector built from app config the way the plugin builds it (clusters from the Kubernetes
 * plugin's config and `eksPlatform.clusters`, AWS access, collection settings); `catalog` and `auth`
 * find clusters declared as catalog resources (a test catalog will do).
 *
 * @public
 */
export type ConfiguredCollector = {
  /**
   * Looks a configured cluster up once and gives a function that collects it, returning the
   * snapshot as stored (JSON-serialisable): the lookup stays out of what a benchmark measures.
   */
  forCluster(cluster: string): Promise<() => Promise<CollectedSnapshot>>;
};

/**
 * Builds a {@link ConfiguredCollector} from config.
 *
 * @public
 */
export function createConfiguredCollector(
  config: Config,
  options: {
    logger: LoggerService;
    catalog: CatalogService;
    auth: AuthService;
  },
): ConfiguredCollector {
  const { logger } = options;
  const registry = ClusterRegistry.fromConfig(config, options);
  const settings = readCollectorSettings(config);
  const collector = ClusterCollector.create({
    aws: AwsAccess.fromConfig(config, { timeoutMs: settings.requestTimeoutMs }),
    settings,
    logger,
  });
  return {
    async forCluster(cluster) {
      const target = await registry.getClusterTarget(cluster);
      if (!target) throw new Error(`No configured cluster named ${cluster}`);
      return async () => (await collector.collect(target)).snapshot;
    },
  };
}
