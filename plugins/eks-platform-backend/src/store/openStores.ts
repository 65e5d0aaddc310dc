import type { DatabaseService } from '@backstage/backend-plugin-api';
import { DiscoveredClusterStore } from './DiscoveredClusterStore';
import { migratedClient } from './migratedClient';
import { SnapshotStore } from './SnapshotStore';

/** The plugin's persistence: every store on one database client, migrated once. */
export type EksPlatformStores = {
  snapshots: SnapshotStore;
  discoveredClusters: DiscoveredClusterStore;
};

/**
 * Opens the plugin's database once, applies its migrations (unless `skipMigrations` or the
 * framework's `migrations.skip` says not to) and builds every store on that one client, so no
 * store depends on another having been created first.
 */
export async function openStores(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<EksPlatformStores> {
  const db = await migratedClient(options);
  return {
    snapshots: new SnapshotStore(db),
    discoveredClusters: new DiscoveredClusterStore(db),
  };
}
