import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { NamespaceCheckResponse } from '@eks-platform/plugin-eks-platform-common';
import type { ClusterCollector } from './ClusterCollector';
import { CollectionFailure } from './errors';
import type { ClusterRegistry } from '../registry/ClusterRegistry';
import type { ClusterTarget } from '../types';
import { UserRateLimit } from '../limits/UserRateLimit';
import {
  DEFAULT_NAMESPACE_CHECKS_PER_USER_PER_MINUTE,
  DEFAULT_NAMESPACE_CHECK_CACHE,
} from '../config/readRequestLimits';
import { durationToMilliseconds } from '@backstage/types';

/** Cached answers kept before expired ones are swept out. */
const SWEEP_ABOVE = 1000;

/**
 * Answers "does this namespace exist on this cluster?" for the scaffolder's
 * preflight by asking the cluster. Identical checks share one call while it
 * runs, its answer is reused for `cacheMs` (its `checkedAt` says when the
 * cluster was asked), and each caller may start at most `perUserPerMinute`
 * calls to clusters (answers from the cache or a shared call are not
 * counted). Cache and limits are per backend process.
 */
export class NamespaceCheckService {
  readonly #registry: Pick<ClusterRegistry, 'getClusterTarget'>;
  readonly #collector: Pick<ClusterCollector, 'namespaceExists'>;
  readonly #now: () => Date;
  readonly #cacheMs: number;
  readonly #limit: UserRateLimit;
  readonly #running = new Map<string, Promise<NamespaceCheckResponse>>();
  readonly #answers = new Map<
    string,
    { answer: NamespaceCheckResponse; expiresAt: number }
  >();

  constructor(options: {
    registry: Pick<ClusterRegistry, 'getClusterTarget'>;
    collector: Pick<ClusterCollector, 'namespaceExists'>;
    /** Default 5 s. */
    cacheMs?: number;
    /** Default 30. */
    perUserPerMinute?: number;
    now?: () => Date;
  }) {
    this.#registry = options.registry;
    this.#collector = options.collector;
    this.#now = options.now ?? (() => new Date());
    this.#cacheMs =
      options.cacheMs ?? durationToMilliseconds(DEFAULT_NAMESPACE_CHECK_CACHE);
    this.#limit = new UserRateLimit({
      perMinute:
        options.perUserPerMinute ??
        DEFAULT_NAMESPACE_CHECKS_PER_USER_PER_MINUTE,
      what: 'namespace checks that call a cluster',
      now: () => this.#now().getTime(),
    });
  }

  /**
   * @param caller - who asks (a user or service principal), for the per-user limit.
   * @throws NotFoundError for an unknown cluster; ServiceUnavailableError
   *   when the cluster cannot be asked (unreachable, timeout, 401/403, ...);
   *   TooManyRequestsError when the caller started too many calls this minute.
   */
  async check(
    cluster: string,
    namespace: string,
    caller: string,
  ): Promise<NamespaceCheckResponse> {
    const key = `${cluster}/${namespace}`;
    const cached = this.#answers.get(key);
    if (cached && cached.expiresAt > this.#now().getTime()) {
      return cached.answer;
    }
    const running = this.#running.get(key);
    if (running) return running;
    const target = await this.#registry.getClusterTarget(cluster);
    if (!target) {
      throw new NotFoundError(`No cluster named '${cluster}'`);
    }
    // Checked again: another caller may have started the call meanwhile.
    const started = this.#running.get(key);
    if (started) return started;
    this.#limit.take(caller);
    const call = this.#ask(target, cluster, namespace).finally(() =>
      this.#running.delete(key),
    );
    this.#running.set(key, call);
    const answer = await call;
    this.#remember(key, answer);
    return answer;
  }

  async #ask(
    target: ClusterTarget,
    cluster: string,
    namespace: string,
  ): Promise<NamespaceCheckResponse> {
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

  #remember(key: string, answer: NamespaceCheckResponse) {
    if (this.#cacheMs <= 0) return;
    const now = this.#now().getTime();
    if (this.#answers.size >= SWEEP_ABOVE) {
      for (const [k, v] of this.#answers) {
        if (v.expiresAt <= now) this.#answers.delete(k);
      }
    }
    this.#answers.set(key, { answer, expiresAt: now + this.#cacheMs });
  }
}
