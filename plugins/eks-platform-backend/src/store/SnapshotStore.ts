import type { CollectionError } from '@eks-platform/plugin-eks-platform-common';
import type { Knex } from 'knex';
import type { ClusterSnapshot, HistoryPoint } from './types';
import { CoalescedRead } from './CoalescedRead';

const SNAPSHOTS = 'eks_platform_snapshots';
const HISTORY = 'eks_platform_history';
const ATTEMPTS = 'eks_platform_attempts';
/** History rows per INSERT statement (SQLite allows 32766 bound values). */
const HISTORY_CHUNK = 500;

/** A cluster's stored state: its latest good snapshot and latest attempt. */
export type StoredClusterState = {
  cluster: string;
  snapshot?: ClusterSnapshot;
  attemptedAt?: string;
  succeededAt?: string;
  /** The latest attempt's error, when the latest attempt failed. */
  lastError?: CollectionError;
};

/** One stored history point. */
export type StoredHistoryPoint = HistoryPoint & { at: string };

/** A metric's history for some clusters, between two ISO times (inclusive). */
export type HistoryRequest = {
  clusters: string[];
  metric: string;
  from: string;
  to: string;
};

type HistoryRow = StoredHistoryPoint & { cluster: string };

/**
 * Every cluster's stored state, and a number that changes whenever any of it
 * (a snapshot or an attempt) changes, so that answers computed from it can be
 * reused while it stays the same.
 */
export type StoredStates = {
  generation: number;
  states: Map<string, StoredClusterState>;
};

/**
 * The plugin's database: one current snapshot per cluster, its history, and
 * the latest attempt. A snapshot, its history points and the attempt row are
 * written in one transaction, so a reader sees the old snapshot or the new
 * one, never half of it. A failed attempt only touches the attempt row: the
 * last good snapshot stays.
 */
export class SnapshotStore {
  readonly #db: Knex;
  /**
   * Parsed snapshots by cluster, with the `collected_at` they were read at.
   * Derived data: a read first asks the database for the current
   * `collected_at` of each cluster (a small query) and parses again only the
   * snapshots that changed, so it never serves an older snapshot than the
   * database holds. Readers must not mutate the snapshots they get.
   */
  readonly #parsed = new Map<
    string,
    { collectedAt: string; snapshot: ClusterSnapshot }
  >();
  readonly #current: CoalescedRead<void, StoredStates>;
  /** What the last read saw: every snapshot's `collected_at` and every attempt row. */
  #fingerprint = '';
  #generation = 0;
  readonly #histories: CoalescedRead<HistoryRequest, HistoryRow[]>;

  /** A store on the plugin's migrated client; open it with {@link openStores}. */
  constructor(db: Knex) {
    this.#db = db;
    this.#current = new CoalescedRead(() => this.#readCurrent());
    this.#histories = new CoalescedRead(requests =>
      this.#readHistoriesOnce(requests),
    );
  }

  async saveSnapshot(
    snapshot: ClusterSnapshot,
    history: HistoryPoint[],
  ): Promise<void> {
    const at = snapshot.collectedAt;
    await this.#db.transaction(async tx => {
      await tx(SNAPSHOTS)
        .insert({
          cluster: snapshot.cluster,
          collected_at: at,
          snapshot: JSON.stringify(snapshot),
        })
        .onConflict('cluster')
        .merge(['collected_at', 'snapshot']);
      // Plain inserts on the transaction: knex's batchInsert would open a
      // nested transaction (a savepoint) after a timer tick.
      const rows = history.map(p => ({
        cluster: snapshot.cluster,
        at,
        metric: p.metric,
        series_key: p.key,
        value: p.value,
      }));
      for (let i = 0; i < rows.length; i += HISTORY_CHUNK) {
        await tx(HISTORY).insert(rows.slice(i, i + HISTORY_CHUNK));
      }
      await tx(ATTEMPTS)
        .insert({
          cluster: snapshot.cluster,
          attempted_at: at,
          succeeded_at: at,
          error: null,
        })
        .onConflict('cluster')
        .merge(['attempted_at', 'succeeded_at', 'error']);
    });
  }

  /** Records a failed attempt; the last good snapshot is left as it is. */
  async saveFailure(cluster: string, error: CollectionError): Promise<void> {
    await this.#db(ATTEMPTS)
      .insert({
        cluster,
        attempted_at: error.at,
        succeeded_at: null,
        error: JSON.stringify(error),
      })
      .onConflict('cluster')
      .merge(['attempted_at', 'error']);
  }

  async getState(cluster: string): Promise<StoredClusterState> {
    const states = await this.listStates([cluster]);
    return states.get(cluster)!;
  }

  /**
   * The current state of each of `clusters`. Never older than what the
   * database held when called; concurrent callers share one read.
   */
  async listStates(
    clusters: string[],
  ): Promise<Map<string, StoredClusterState>> {
    const { states } = await this.readStates();
    return new Map(clusters.map(c => [c, states.get(c) ?? { cluster: c }]));
  }

  /**
   * Every stored cluster's state with its generation. Never older than what
   * the database held when called; concurrent callers share one read.
   * Readers must not mutate what they get.
   */
  readStates(): Promise<StoredStates> {
    return this.#current.read(undefined);
  }

  /**
   * History of one metric for several clusters, by cluster (clusters without
   * points are absent). Concurrent callers share one query.
   */
  async readHistories(
    request: HistoryRequest,
  ): Promise<Map<string, StoredHistoryPoint[]>> {
    const rows = await this.#histories.read(request);
    const wanted = new Set(request.clusters);
    const result = new Map<string, StoredHistoryPoint[]>();
    for (const row of rows) {
      if (
        row.metric !== request.metric ||
        !wanted.has(row.cluster) ||
        row.at < request.from ||
        row.at > request.to
      ) {
        continue;
      }
      const point: StoredHistoryPoint = {
        at: row.at,
        metric: row.metric,
        key: row.key,
        value: row.value,
      };
      const points = result.get(row.cluster);
      if (points) points.push(point);
      else result.set(row.cluster, [point]);
    }
    return result;
  }

  /**
   * Reads every cluster's snapshot version and latest attempt in one small
   * query, then reads and parses only the snapshots whose version changed.
   */
  async #readCurrent(): Promise<StoredStates> {
    const rows: VersionRow[] = await this.#db(SNAPSHOTS)
      .select(
        this.#db.raw("'snapshot' as kind"),
        'cluster',
        'collected_at as at',
        this.#db.raw('null as succeeded_at'),
        this.#db.raw('null as error'),
      )
      .unionAll(q =>
        q
          .from(ATTEMPTS)
          .select(
            this.#db.raw("'attempt' as kind"),
            'cluster',
            'attempted_at as at',
            'succeeded_at',
            'error',
          ),
      );
    const fingerprint = rows
      .map(
        r =>
          `${r.kind}\u0000${r.cluster}\u0000${r.at}\u0000${
            r.succeeded_at ?? ''
          }\u0000${r.error ?? ''}`,
      )
      .sort()
      .join('\u0001');
    if (fingerprint !== this.#fingerprint) {
      this.#fingerprint = fingerprint;
      this.#generation++;
    }
    const generation = this.#generation;
    const versions = new Map<string, string>();
    const attempts = new Map<string, AttemptRow>();
    for (const row of rows) {
      if (row.kind === 'snapshot') {
        versions.set(row.cluster, row.at);
      } else {
        attempts.set(row.cluster, {
          attempted_at: row.at,
          succeeded_at: row.succeeded_at,
          error: row.error,
        });
      }
    }
    const changed = [...versions.entries()]
      .filter(([c, at]) => this.#parsed.get(c)?.collectedAt !== at)
      .map(([c]) => c);
    if (changed.length > 0) {
      const fresh: {
        cluster: string;
        collected_at: string;
        snapshot: string;
      }[] = await this.#db(SNAPSHOTS)
        .whereIn('cluster', changed)
        .select('cluster', 'collected_at', 'snapshot');
      for (const row of fresh) {
        this.#parsed.set(row.cluster, {
          collectedAt: row.collected_at,
          snapshot: JSON.parse(row.snapshot) as ClusterSnapshot,
        });
      }
    }
    for (const c of [...this.#parsed.keys()]) {
      if (!versions.has(c)) this.#parsed.delete(c);
    }
    const clusters = new Set([...versions.keys(), ...attempts.keys()]);
    const states = new Map(
      [...clusters].map(c => {
        const version = versions.get(c);
        const entry = this.#parsed.get(c);
        // A snapshot newer than the version read is fine (written meanwhile).
        const current =
          version !== undefined && entry && entry.collectedAt >= version
            ? entry.snapshot
            : undefined;
        return [c, toState(c, current, attempts.get(c))];
      }),
    );
    return { generation, states };
  }

  /** One query for the history requests of several callers. */
  async #readHistoriesOnce(requests: HistoryRequest[]): Promise<HistoryRow[]> {
    const clusters = [...new Set(requests.flatMap(r => r.clusters))];
    if (clusters.length === 0) return [];
    const metrics = [...new Set(requests.map(r => r.metric))];
    const from = requests.map(r => r.from).reduce((a, b) => (a < b ? a : b));
    const to = requests.map(r => r.to).reduce((a, b) => (a > b ? a : b));
    const rows = await this.#db(HISTORY)
      .whereIn('cluster', clusters)
      .whereIn('metric', metrics)
      .andWhere('at', '>=', from)
      .andWhere('at', '<=', to)
      .orderBy([
        { column: 'cluster' },
        { column: 'series_key' },
        { column: 'at' },
      ])
      .select('cluster', 'at', 'metric', 'series_key', 'value');
    return rows.map(r => ({
      cluster: r.cluster,
      at: r.at,
      metric: r.metric,
      key: r.series_key,
      value: Number(r.value),
    }));
  }

  async readHistory(options: {
    cluster: string;
    metric: string;
    from: string;
    to: string;
  }): Promise<StoredHistoryPoint[]> {
    const rows = await this.#db(HISTORY)
      .where({ cluster: options.cluster, metric: options.metric })
      .andWhere('at', '>=', options.from)
      .andWhere('at', '<=', options.to)
      .orderBy([{ column: 'series_key' }, { column: 'at' }])
      .select('at', 'metric', 'series_key', 'value');
    return rows.map(r => ({
      at: r.at,
      metric: r.metric,
      key: r.series_key,
      value: Number(r.value),
    }));
  }

  /** Deletes history older than `before`; returns how many points went. */
  async pruneHistory(before: string): Promise<number> {
    return this.#db(HISTORY).where('at', '<', before).delete();
  }
}

type AttemptRow = {
  attempted_at: string;
  succeeded_at: string | null;
  error: string | null;
};

type VersionRow = {
  kind: 'snapshot' | 'attempt';
  cluster: string;
  at: string;
  succeeded_at: string | null;
  error: string | null;
};

function toState(
  cluster: string,
  snapshot: ClusterSnapshot | undefined,
  attemptRow: AttemptRow | undefined,
): StoredClusterState {
  return {
    cluster,
    ...(snapshot && { snapshot }),
    ...(attemptRow && { attemptedAt: attemptRow.attempted_at }),
    ...(attemptRow?.succeeded_at && { succeededAt: attemptRow.succeeded_at }),
    ...(attemptRow?.error && {
      lastError: JSON.parse(attemptRow.error) as CollectionError,
    }),
  };
}
