import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type ClusterDetail,
  type ClusterOverviewResponse,
  type EntityViewResponse,
  type HistoryMetric,
  type HistoryResponse,
  getEntityClusterNames,
} from '@eks-platform/plugin-eks-platform-common';
import type { SnapshotStore, StoredHistoryPoint } from '../store/SnapshotStore';
import {
  FORECAST_WINDOW_DAYS,
  detailOf,
  entityClusterViewOf,
  entityPodMatcher,
  forecastsOf,
  historyOf,
  leastFreeSubnetId,
  overviewOf,
} from '../views/ClusterViews';
import type { ClusterRegistry } from './ClusterRegistry';

const DAY_MS = 86_400_000;

/** Default age after which a snapshot is stale: 15 minutes (three default periods). */
export const DEFAULT_STALE_AFTER_MINUTES = 15;

/**
 * Serves the views from the stored snapshots: the cluster list, one cluster's
 * detail, a metric's history and a catalog entity's view. Never talks to a
 * cluster; version phases and forecasts are computed on the day of the
 * request from stored facts.
 */
export class ClusterViewService {
  readonly #registry: Pick<ClusterRegistry, 'listClusters' | 'getCluster'>;
  readonly #store: SnapshotStore;
  readonly #catalog: CatalogService;
  readonly #staleAfterMs: number;
  readonly #now: () => Date;

  static fromConfig(
    config: Config,
    options: {
      registry: Pick<ClusterRegistry, 'listClusters' | 'getCluster'>;
      store: SnapshotStore;
      catalog: CatalogService;
      now?: () => Date;
    },
  ): ClusterViewService {
    const minutes =
      config.getOptionalNumber('eksPlatform.staleAfterMinutes') ??
      DEFAULT_STALE_AFTER_MINUTES;
    return new ClusterViewService({
      ...options,
      staleAfterMs: minutes * 60_000,
    });
  }

  private constructor(options: {
    registry: Pick<ClusterRegistry, 'listClusters' | 'getCluster'>;
    store: SnapshotStore;
    catalog: CatalogService;
    staleAfterMs: number;
    now?: () => Date;
  }) {
    this.#registry = options.registry;
    this.#store = options.store;
    this.#catalog = options.catalog;
    this.#staleAfterMs = options.staleAfterMs;
    this.#now = options.now ?? (() => new Date());
  }

  async listOverviews(): Promise<ClusterOverviewResponse> {
    const now = this.#now();
    const clusters = await this.#registry.listClusters();
    const names = clusters.map(c => c.name);
    const [states, histories] = await Promise.all([
      this.#store.listStates(names),
      this.#forecastHistories(names, now),
    ]);
    const items = clusters.map(summary => {
      const state = states.get(summary.name);
      const forecasts = forecastsFrom(
        histories.get(summary.name),
        now,
        leastFreeSubnetId(state),
      );
      return overviewOf(summary, state, forecasts, {
        now,
        staleAfterMs: this.#staleAfterMs,
      });
    });
    return { items };
  }

  /** @throws NotFoundError for an unknown cluster. */
  async getDetail(name: string): Promise<ClusterDetail> {
    const now = this.#now();
    const summary = await this.#registry.getCluster(name);
    if (!summary) {
      throw new NotFoundError(`No cluster named '${name}'`);
    }
    const state = await this.#store.getState(name);
    const forecasts = await this.#forecasts(name, now);
    const overview = overviewOf(summary, state, forecasts, {
      now,
      staleAfterMs: this.#staleAfterMs,
    });
    return detailOf(overview, state, forecasts, now);
  }

  /** @throws NotFoundError for an unknown cluster. */
  async getHistory(options: {
    cluster: string;
    metric: HistoryMetric;
    from: Date;
    to: Date;
  }): Promise<HistoryResponse> {
    const summary = await this.#registry.getCluster(options.cluster);
    if (!summary) {
      throw new NotFoundError(`No cluster named '${options.cluster}'`);
    }
    const from = options.from.toISOString();
    const to = options.to.toISOString();
    const [points, state] = await Promise.all([
      this.#store.readHistory({
        cluster: options.cluster,
        metric: options.metric,
        from,
        to,
      }),
      this.#store.getState(options.cluster),
    ]);
    return historyOf({
      cluster: options.cluster,
      metric: options.metric,
      from,
      to,
      points,
      snapshot: state.snapshot,
      now: this.#now(),
    });
  }

  /**
   * @throws InputError for a malformed entity ref or label selector
   *   annotation; NotFoundError when the caller cannot see the entity.
   */
  async getEntityView(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityViewResponse> {
    let ref: string;
    try {
      ref = stringifyEntityRef(parseEntityRef(entityRef));
    } catch (error) {
      throw new InputError(`Invalid entityRef: ${(error as Error).message}`);
    }
    const entity = await this.#catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity '${ref}'`);
    }
    let matcher;
    try {
      matcher = entityPodMatcher(entity);
    } catch (error) {
      throw new InputError(
        `Entity '${ref}' has an invalid backstage.io/kubernetes-label-selector annotation: ${
          (error as Error).message
        }`,
      );
    }
    const { names } = getEntityClusterNames(entity);
    const known = await this.#registry.listClusters();
    const byName = new Map(known.map(c => [c.name, c]));
    const unknownClusters = names.filter(n => !byName.has(n));
    const clusterNames = names.filter(n => byName.has(n));
    const now = this.#now();
    const [states, histories] = await Promise.all([
      this.#store.listStates(clusterNames),
      this.#forecastHistories(clusterNames, now),
    ]);
    const clusters = clusterNames.map(name => {
      const state = states.get(name);
      const forecasts = forecastsFrom(histories.get(name), now);
      const overview = overviewOf(byName.get(name)!, state, forecasts, {
        now,
        staleAfterMs: this.#staleAfterMs,
      });
      const detail = detailOf(overview, state, forecasts, now);
      return entityClusterViewOf(overview, detail, state, matcher);
    });
    return { entityRef: ref, unknownClusters, clusters };
  }

  async #forecasts(cluster: string, now: Date) {
    const histories = await this.#forecastHistories([cluster], now);
    return forecastsFrom(histories.get(cluster), now);
  }

  /** The free-address history forecasts are fitted on, for all clusters in one query. */
  #forecastHistories(clusters: string[], now: Date) {
    return this.#store.readHistories({
      clusters,
      metric: 'free-ips',
      from: new Date(
        now.getTime() - FORECAST_WINDOW_DAYS * DAY_MS,
      ).toISOString(),
      to: now.toISOString(),
    });
  }
}

function forecastsFrom(
  points: StoredHistoryPoint[] | undefined,
  now: Date,
  onlySubnet?: string,
) {
  const all = points ?? [];
  return forecastsOf(
    onlySubnet ? all.filter(p => p.key === onlySubnet) : all,
    now,
  );
}
