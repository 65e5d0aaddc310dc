import type { DatabaseService } from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** Advisory lock name: the database may be shared with other plugins (schema division). */
const MIGRATION_LOCK = 'eks-platform-backend:migrations';

/**
 * The plugin's database client with its knex migrations applied (unless the caller or the
 * framework's `migrations.skip` says not to). Every store opens the database through this.
 *
 * On PostgreSQL, replicas that start together take turns: knex creates its migration tables
 * with a check-then-create and inserts its lock row the same way, so two processes migrating a
 * fresh database at once can fail on a duplicate table or be left with two lock rows (after
 * which knex reports "Migration table is already locked" forever). A transaction-scoped
 * advisory lock serialises the whole `migrate.latest` instead.
 */
export async function migratedClient(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<Knex> {
  const db = await options.database.getClient();
  if (!options.skipMigrations && !options.database.migrations?.skip) {
    const migrate = () =>
      db.migrate.latest({
        directory: resolvePackagePath(
          '@eks-platform/plugin-eks-platform-backend',
          'migrations',
        ),
      });
    // The lock needs a second connection for the migrations themselves.
    if (isPostgres(db) && (db.client.config.pool?.max ?? 10) >= 2) {
      await db.transaction(async tx => {
        await tx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
          MIGRATION_LOCK,
        ]);
        // Runs on other connections of the pool while this one holds the lock.
        await migrate();
      });
    } else {
      await migrate();
    }
  }
  return db;
}

function isPostgres(db: Knex): boolean {
  const client = db.client.config.client;
  return typeof client === 'string' && /^(pg|postgres)/.test(client);
}
