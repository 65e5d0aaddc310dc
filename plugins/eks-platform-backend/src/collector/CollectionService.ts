import {
  type LoggerService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import type { ClusterCollector } from './ClusterCollector';
import { CollectionFailure, classifyError } from './errors';
import type { SnapshotStore } from '../store/SnapshotStore';
import type { ClusterRegistry } from '../registry/ClusterRegistry';
import { readCollectionSchedule } from '../config/readServiceSettings';
import { readRequestLimits } from '../config/readRequestLimits';
import { TooManyRequestsError } from '../limits/TooManyRequestsError';

/**
 * How long a cancelled collection (task timeout) may take to wind down
 * before it is given up on.
 */
export const ABANDON_AFTER_ABORT_MS = 5_000;

const DAY_MS = 86_400_000;

/** The scheduler task id of a cluster's collection. */
export function collectTaskId(cluster: string): string {
  return `eks-platform-collect:${cluster}`;
}

/**
 * Runs collections: one `global` scheduler task per cluster, so that with
 * several backend replicas each cluster is collected once per period; a
 * success replaces the cluster's snapshot (and appends history) in one
 * transaction, a failure records the error and keeps the last good snapshot;
 * history older than the retention is deleted after each collection.
 */
export class CollectionService {
  readonly #registry: Pick<
    ClusterRegistry,
    'listClusters' | 'getClusterTarget'
  >;
  readonly #collector: Pick<ClusterCollector, 'collect'>;
  readonly #store: SnapshotStore;
  readonly #scheduler: SchedulerService;
  readonly #logger: LoggerService;
  readonly #schedule: SchedulerServiceTaskScheduleDefinition;
  readonly #retentionDays: number;
  readonly #now: () => Date;
  readonly #scheduled = new Set<string>();
  readonly #refreshCooldownMs: number;
  /** Collections running in this process. */
  readonly #running = new Set<string>();
  /** When this process last triggered each cluster's task (ms since the epoch). */
  readonly #triggeredAt = new Map<string, number>();

  static fromConfig(
    config: Config,
    options: {
      registry: Pick<ClusterRegistry, 'listClusters' | 'getClusterTarget'>;
      collector: Pick<ClusterCollector, 'collect'>;
      store: SnapshotStore;
      scheduler: SchedulerService;
      logger: LoggerService;
      now?: () => Date;
    },
  ): CollectionService {
    return new CollectionService({
      ...options,
      ...readCollectionSchedule(config),
      refreshCooldownMs: readRequestLimits(config).refresh.cooldownMs,
    });
  }

  private constructor(options: {
    registry: Pick<ClusterRegistry, 'listClusters' | 'getClusterTarget'>;
    collector: Pick<ClusterCollector, 'collect'>;
    store: SnapshotStore;
    scheduler: SchedulerService;
    logger: LoggerService;
    schedule: SchedulerServiceTaskScheduleDefinition;
    retentionDays: number;
    refreshCooldownMs: number;
    now?: () => Date;
  }) {
    this.#refreshCooldownMs = options.refreshCooldownMs;
    this.#registry = options.registry;
    this.#collector = options.collector;
    this.#store = options.store;
    this.#scheduler = options.scheduler;
    this.#logger = options.logger;
    this.#schedule = options.schedule;
    this.#retentionDays = options.retentionDays;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Schedules a collection task for every cluster not scheduled yet by this
   * process. Called at start-up and periodically, so catalog clusters added
   * later get their task too.
   */
  async scheduleClusters(): Promise<string[]> {
    const clusters = await this.#registry.listClusters();
    const added: string[] = [];
    for (const cluster of clusters) {
      if (this.#scheduled.has(cluster.name)) continue;
      this.#scheduled.add(cluster.name);
      await this.#scheduler.scheduleTask({
        ...this.#schedule,
        id: collectTaskId(cluster.name),
        fn: async signal => {
          await this.collect(cluster.name, { signal });
        },
      });
      added.push(cluster.name);
    }
    return added;
  }

  /**
   * Triggers an immediate collection of a known cluster, at most once per
   * cooldown (`eksPlatform.refresh.cooldown`). The cooldown runs from the
   * cluster's last attempt as stored in the database (so it holds across
   * replicas), or from this process's last trigger while that collection has
   * not been stored yet.
   *
   * @returns `scheduled` when a collection was triggered, `joined` when one
   *   is already running or triggered (on this replica or another): its
   *   outcome answers the request.
   * @throws NotFoundError for an unknown cluster; TooManyRequestsError when
   *   the cluster was collected within the cooldown and nothing is running.
   */
  async trigger(cluster: string): Promise<'scheduled' | 'joined'> {
    if (!this.#scheduled.has(cluster)) {
      await this.scheduleClusters();
    }
    if (!this.#scheduled.has(cluster)) {
      throw new NotFoundError(`No cluster named '${cluster}'`);
    }
    if (this.#running.has(cluster)) return 'joined';
    const now = this.#now().getTime();
    const { attemptedAt } = await this.#store.getState(cluster);
    const attempted = attemptedAt ? Date.parse(attemptedAt) : 0;
    const triggered = this.#triggeredAt.get(cluster) ?? 0;
    if (triggered > attempted && now - triggered < this.#refreshCooldownMs) {
      return 'joined';
    }
    const wait = attempted + this.#refreshCooldownMs - now;
    if (wait > 0) {
      throw new TooManyRequestsError(
        `${cluster} was collected less than ${Math.ceil(
          this.#refreshCooldownMs / 1000,
        )} s ago; its next manual refresh is possible in ${Math.ceil(
          wait / 1000,
        )} s`,
        wait,
      );
    }
    this.#triggeredAt.set(cluster, now);
    try {
      await this.#scheduler.triggerTask(collectTaskId(cluster));
    } catch (error) {
      // Backstage's scheduler: the task is running, here or on another replica.
      if ((error as Error).name === 'ConflictError') return 'joined';
      throw error;
    }
    return 'scheduled';
  }

  /**
   * Collects one cluster now and stores the outcome. Never throws for a
   * collection failure: it is recorded instead.
   *
   * When `signal` aborts (the scheduler's task timeout), the collection's
   * requests are cancelled; should it still not have ended
   * {@link ABANDON_AFTER_ABORT_MS} later, it is recorded as timed out and
   * this returns, so that a call that ignores cancellation can never hold
   * the cluster's scheduler task for good.
   */
  async collect(
    cluster: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<{ ok: boolean }> {
    const work = this.#collectAndStore(cluster, options);
    const { signal } = options;
    if (!signal) {
      return work;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort = () => {};
    const abandoned = new Promise<{ ok: boolean }>(resolve => {
      onAbort = () => {
        timer = setTimeout(
          () => resolve(this.#abandon(cluster)),
          ABANDON_AFTER_ABORT_MS,
        );
      };
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.race([work, abandoned]);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  async #abandon(cluster: string): Promise<{ ok: boolean }> {
    const failure = new CollectionFailure({
      kind: 'timeout',
      source: 'kubernetes',
      message: `The collection of ${cluster} timed out and did not stop within ${
        ABANDON_AFTER_ABORT_MS / 1000
      } s of being cancelled`,
    });
    this.#logger.warn(failure.message);
    try {
      await this.#store.saveFailure(
        cluster,
        failure.toCollectionError(this.#now()),
      );
    } catch (error) {
      this.#logger.warn(
        `Could not record the timed-out collection of ${cluster}: ${
          (error as Error).message
        }`,
      );
    }
    return { ok: false };
  }

  async #collectAndStore(
    cluster: string,
    options: { signal?: AbortSignal },
  ): Promise<{ ok: boolean }> {
    const started = Date.now();
    this.#running.add(cluster);
    try {
      const target = await this.#registry.getClusterTarget(cluster);
      if (!target) {
        this.#logger.info(
          `Skipping collection of ${cluster}: it is no longer configured`,
        );
        return { ok: false };
      }
      const result = await this.#collector.collect(target, {
        signal: options.signal,
        now: this.#now,
      });
      await this.#store.saveSnapshot(result.snapshot, result.history);
      this.#logger.info(
        `Collected ${cluster} in ${Date.now() - started} ms: ${
          result.snapshot.kubernetes.nodes
        } nodes, ${result.snapshot.kubernetes.podsListed} pods${
          result.snapshot.partial.length > 0
            ? `, partial (${result.snapshot.partial.join(', ')} failed)`
            : ''
        }`,
      );
      return { ok: true };
    } catch (error) {
      const failure =
        error instanceof CollectionFailure
          ? error
          : classifyError(error, 'kubernetes', `Collecting ${cluster}`);
      this.#logger.warn(
        `Collection of ${cluster} failed (${failure.source}, ${failure.kind}): ${failure.message}`,
      );
      await this.#store.saveFailure(
        cluster,
        failure.toCollectionError(this.#now()),
      );
      return { ok: false };
    } finally {
      this.#running.delete(cluster);
      await this.#prune();
    }
  }

  async #prune() {
    const before = new Date(
      this.#now().getTime() - this.#retentionDays * DAY_MS,
    ).toISOString();
    try {
      await this.#store.pruneHistory(before);
    } catch (error) {
      this.#logger.warn(
        `Could not delete old history: ${(error as Error).message}`,
      );
    }
  }
}
