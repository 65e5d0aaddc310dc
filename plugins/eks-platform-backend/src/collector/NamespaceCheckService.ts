import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { NamespaceCheckResponse } from '@eks-platform/plugin-eks-platform-common';
import type { ClusterCollector } from './ClusterCollector';
import { CollectionFailure } from './errors';
import type { ClusterRegistry } from '../registry/ClusterRegistry';

/**
 * Answers "does this namespace exist on this cluster?" by asking the cluster
 * at the time of the question, for the scaffolder's preflight.
 */
export class NamespaceCheckService {
  readonly #registry: Pick<ClusterRegistry, 'getClusterTarget'>;
  readonly #collector: Pick<ClusterCollector, 'namespaceExists'>;
  readonly #now: () => Date;

  constructor(options: {
    registry: Pick<ClusterRegistry, 'getClusterTarget'>;
    collector: Pick<ClusterCollector, 'namespaceExists'>;
    now?: () => Date;
  }) {
    this.#registry = options.registry;
    this.#collector = options.collector;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * @throws NotFoundError for an unknown cluster; ServiceUnavailableError
   *   when the cluster cannot be asked (unreachable, timeout, 401/403, ...).
   */
  async check(
    cluster: string,
    namespace: string,
  ): Promise<NamespaceCheckResponse> {
    const target = await this.#registry.getClusterTarget(cluster);
    if (!target) {
      throw new NotFoundError(`No cluster named '${cluster}'`);
    }
    try {
      const exists = await this.#collector.namespaceExists(target, namespace);
      return {
        cluster,
        namespace,
        exists,
        checkedAt: this.#now().toISOString(),
      };
    } catch (error) {
      if (error instanceof CollectionFailure) {
        throw new ServiceUnavailableError(
          `Could not ask cluster ${cluster} whether namespace ${namespace} exists: ${error.message}`,
        );
      }
      throw error;
    }
  }
}
