import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { normalizeEntityRef, catalogRejection } from './entityRefs';
import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type ClusterSummary,
  type ClusterDetail,
  type ClusterOverviewResponse,
  type EntityViewResponse,
  type HistoryMetric,
  type HistoryResponse,
  FORECAST_WINDOW_DAYS,
  getEntityClusterNames,
} from '@eks-platform/plugin-eks-platform-common';
import type {
  SnapshotStore,
  StoredClusterState,
  StoredHistoryPoint,
  StoredStates,
} from '../store/SnapshotStore';
import {
  detailOf,
  entityClusterViewOf,
  entityPodMatcher,
  forecastsOf,
  historyOf,
  leastFreeSubnetId,
  overviewOf,
} from './ClusterViews';
import { readStaleAfterMs } from '../config/readServiceSettings';
import type { ClusterRegistry } from '../registry/ClusterRegistry';
import { type JsonBody, ViewBodyCache } from './ViewBodyCache';

const DAY_MS = 86_400_000;

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
  readonly #bodies = new ViewBodyCache();

  static fromConfig(
    config: Config,
    options: {
      registry: Pick<ClusterRegistry, 'listClusters' | 'getCluster'>;
      store: SnapshotStore;
      catalog: CatalogService;
      now?: () => Date;
    },
  ): ClusterViewService {
    return new ClusterViewService({
      ...options,
      staleAfterMs: readStaleAfterMs(config),
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
    const { now, clusters, stored } = await this.#overviewQuery();
    return this.#overviews(clusters, stored.states, now);
  }

  /** {@link ClusterViewService.listOverviews}, serialized; reused while nothing it reads changes. */
  async listOverviewsBody(): Promise<JsonBody> {
    const { now, clusters, stored } = await this.#overviewQuery();
    return this.#bodies.get(
      'clusters',
      versionOf(stored.generation, now, clusters),
      () => this.#overviews(clusters, stored.states, now),
    );
  }

  /** @throws NotFoundError for an unknown cluster. */
  async getDetail(name: string): Promise<ClusterDetail> {
    const { now, summary, stored } = await this.#detailQuery(name);
    return this.#detail(summary, stored.states.get(name), now);
  }

  /** {@link ClusterViewService.getDetail}, serialized; reused while nothing it reads changes. */
  async getDetailBody(name: string): Promise<JsonBody> {
    const { now, summary, stored } = await this.#detailQuery(name);
    return this.#bodies.get(
      `cluster:${name}`,
      versionOf(stored.generation, now, summary),
      () => this.#detail(summary, stored.states.get(name), now),
    );
  }

  async #overviewQuery() {
    const now = this.#second();
    const [clusters, stored] = await Promise.all([
      this.#registry.listClusters(),
      this.#store.readStates(),
    ]);
    return { now, clusters, stored };
  }

  async #detailQuery(name: string) {
    const now = this.#second();
    const [summary, stored] = await Promise.all([
      this.#registry.getCluster(name),
      this.#store.readStates(),
    ]);
    if (!summary) {
      throw new NotFoundError(`No cluster named '${name}'`);
    }
    return { now, summary, stored };
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
    const query = await this.#entityQuery(entityRef, credentials);
    return this.#entityView(query);
  }

  /** {@link ClusterViewService.getEntityView}, serialized; reused while nothing it reads changes. */
  async getEntityViewBody(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<JsonBody> {
    // The catalog is asked on every call: whether the caller may see the entity is theirs alone.
    const query = await this.#entityQuery(entityRef, credentials);
    return this.#bodies.get(
      `entity:${query.ref}`,
      versionOf(query.stored.generation, query.now, [
        query.known,
        query.names,
        query.matcher,
      ]),
      () => this.#entityView(query),
    );
  }

  async #entityQuery(entityRef: string, credentials: BackstageCredentials) {
    const ref = normalizeEntityRef(entityRef);
    const now = this.#second();
    const [entity, known, stored] = await Promise.all([
      this.#catalog.getEntityByRef(ref, { credentials }).catch(error => {
        throw catalogRejection(error) ?? error;
      }),
      this.#registry.listClusters(),
      this.#store.readStates(),
    ]);
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
    const byName = new Map(known.map(c => [c.name, c]));
    return {
      ref,
      now,
      stored,
      matcher,
      names,
      known: names.filter(n => byName.has(n)).map(n => byName.get(n)!),
    };
  }

  async #entityView(query: EntityQuery): Promise<EntityViewResponse> {
    const { ref, now, stored, matcher, names, known } = query;
    const clusterNames = known.map(c => c.name);
    const unknownClusters = names.filter(n => !clusterNames.includes(n));
    const histories = await this.#forecastHistories(clusterNames, now);
    const clusters = known.map(summary => {
      const state = stored.states.get(summary.name);
      const forecasts = forecastsFrom(histories.get(summary.name), now);
      const overview = overviewOf(summary, state, forecasts, {
        now,
        staleAfterMs: this.#staleAfterMs,
      });
      const detail = detailOf(overview, state, forecasts, now);
      return entityClusterViewOf(overview, detail, state, matcher);
    });
    return { entityRef: ref, unknownClusters, clusters };
  }

  async #overviews(
    clusters: ClusterSummary[],
    states: Map<string, StoredClusterState>,
    now: Date,
  ): Promise<ClusterOverviewResponse> {
    const histories = await this.#forecastHistories(
      clusters.map(c => c.name),
      now,
    );
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

  async #detail(
    summary: ClusterSummary,
    state: StoredClusterState | undefined,
    now: Date,
  ): Promise<ClusterDetail> {
    const forecasts = await this.#forecasts(summary.name, now);
    const overview = overviewOf(summary, state, forecasts, {
      now,
      staleAfterMs: this.#staleAfterMs,
    });
    return detailOf(overview, state, forecasts, now);
  }

  /**
   * `now` to the whole second. Views depend on `now` (staleness, forecasts,
   * support phases); computing them for whole seconds lets one serialized
   * answer serve every request of that second, exactly.
   */
  #second(): Date {
    const ms = this.#now().getTime();
    return new Date(ms - (ms % 1000));
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

type EntityQuery = {
  ref: string;
  now: Date;
  stored: StoredStates;
  matcher: ReturnType<typeof entityPodMatcher>;
  /** The clusters the entity's annotation names, in its order. */
  names: string[];
  /** Those of them the registry knows. */
  known: ClusterSummary[];
};

/** What a serialized view was computed from, as one comparable string. */
function versionOf(generation: number, now: Date, inputs: unknown): string {
  return `${generation}|${now.getTime()}|${JSON.stringify(inputs)}`;
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
