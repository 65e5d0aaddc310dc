import type { DatabaseService } from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { CollectionError } from '@eks-platform/plugin-eks-platform-common';
import type { Knex } from 'knex';
import type { ClusterSnapshot, HistoryPoint } from '../collector/types';

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

/**
 * The plugin's database: one current snapshot per cluster, its history, and
 * the latest attempt. A snapshot, its history points and the attempt row are
 * written in one transaction, so a reader sees the old snapshot or the new
 * one, never half of it. A failed attempt only touches the attempt row: the
 * last good snapshot stays.
 */
export class SnapshotStore {
  readonly #db: Knex;

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<SnapshotStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await db.migrate.latest({
        directory: resolvePackagePath(
          '@eks-platform/plugin-eks-platform-backend',
          'migrations',
        ),
      });
    }
    return new SnapshotStore(db);
  }

  private constructor(db: Knex) {
    this.#db = db;
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
    const [snapshotRow, attemptRow] = await Promise.all([
      this.#db(SNAPSHOTS).where({ cluster }).first(),
      this.#db(ATTEMPTS).where({ cluster }).first(),
    ]);
    return toState(cluster, snapshotRow, attemptRow);
  }

  async listStates(
    clusters: string[],
  ): Promise<Map<string, StoredClusterState>> {
    const [snapshotRows, attemptRows] = await Promise.all([
      this.#db(SNAPSHOTS).whereIn('cluster', clusters),
      this.#db(ATTEMPTS).whereIn('cluster', clusters),
    ]);
    const snapshots = new Map(snapshotRows.map(r => [r.cluster, r]));
    const attempts = new Map(attemptRows.map(r => [r.cluster, r]));
    return new Map(
      clusters.map(c => [c, toState(c, snapshots.get(c), attempts.get(c))]),
    );
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

function toState(
  cluster: string,
  snapshotRow: { snapshot: string } | undefined,
  attemptRow:
    | {
        attempted_at: string;
        succeeded_at: string | null;
        error: string | null;
      }
    | undefined,
): StoredClusterState {
  return {
    cluster,
    ...(snapshotRow && {
      snapshot: JSON.parse(snapshotRow.snapshot) as ClusterSnapshot,
    }),
    ...(attemptRow && { attemptedAt: attemptRow.attempted_at }),
    ...(attemptRow?.succeeded_at && { succeededAt: attemptRow.succeeded_at }),
    ...(attemptRow?.error && {
      lastError: JSON.parse(attemptRow.error) as CollectionError,
    }),
  };
}
