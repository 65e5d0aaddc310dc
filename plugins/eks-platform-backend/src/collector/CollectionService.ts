import {
  type LoggerService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { ClusterCollector } from './ClusterCollector';
import { CollectionFailure, classifyError } from './errors';
import type { SnapshotStore } from '../store/SnapshotStore';
import type { ClusterRegistry } from '../registry/ClusterRegistry';
import { readCollectionSchedule } from '../config/readServiceSettings';

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
    now?: () => Date;
  }) {
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
   * Triggers an immediate collection of a known cluster.
   *
   * @throws NotFoundError for an unknown cluster; ConflictError when a
   *   collection of it is already running.
   */
  async trigger(cluster: string): Promise<void> {
    if (!this.#scheduled.has(cluster)) {
      await this.scheduleClusters();
    }
    if (!this.#scheduled.has(cluster)) {
      throw new NotFoundError(`No cluster named '${cluster}'`);
    }
    try {
      await this.#scheduler.triggerTask(collectTaskId(cluster));
    } catch (error) {
      if ((error as Error).name === 'ConflictError') {
        throw new ConflictError(
          `A collection of '${cluster}' is already running`,
        );
      }
      throw error;
    }
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
