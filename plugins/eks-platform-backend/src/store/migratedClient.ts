import type { DatabaseService } from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * The plugin's database client with its knex migrations applied (unless the caller or the
 * framework's `migrations.skip` says not to). Every store opens the database through this.
 */
export async function migratedClient(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<Knex> {
  const db = await options.database.getClient();
  if (!options.skipMigrations && !options.database.migrations?.skip) {
    await db.migrate.latest({
      directory: resolvePackagePath(
        '@eks-platform/plugin-eks-platform-backend',
        'migrations',
      ),
    });
  }
  return db;
}
