import type { Knex } from 'knex';
import type { DiscoveredCluster } from '../types';

const TABLE = 'eks_platform_discovered_clusters';

type Row = {
  name: string;
  account_id: string;
  region: string;
  eks_name: string;
  endpoint: string;
  ca_data: string | null;
  discovered_at: string;
};

/**
 * The EKS clusters found by discovery, in the plugin's database so that every
 * backend replica lists the same clusters, whichever replica ran discovery.
 */
export class DiscoveredClusterStore {
  readonly #db: Knex;

  /** A store on the plugin's migrated client; open it with {@link openStores}. */
  constructor(db: Knex) {
    this.#db = db;
  }

  /** Every discovered cluster, by name. */
  async list(): Promise<DiscoveredCluster[]> {
    const rows: Row[] = await this.#db(TABLE).orderBy('name');
    return rows.map(row => ({
      name: row.name,
      accountId: row.account_id,
      region: row.region,
      eksName: row.eks_name,
      endpoint: row.endpoint,
      ...(row.ca_data && { caData: row.ca_data }),
      discoveredAt: row.discovered_at,
    }));
  }

  /**
   * Replaces what one account and region hold, in one transaction: the given
   * clusters are written, the others of that account and region deleted,
   * except those named in `keep` (clusters listed but not described this
   * time). Other accounts and regions are left as they are.
   */
  async replaceScope(
    scope: { accountId: string; region: string },
    clusters: DiscoveredCluster[],
    keep: string[] = [],
  ): Promise<void> {
    const names = clusters.map(c => c.name);
    await this.#db.transaction(async tx => {
      await tx(TABLE)
        .where({ account_id: scope.accountId, region: scope.region })
        .whereNotIn('name', [...names, ...keep])
        .delete();
      for (const cluster of clusters) {
        await tx(TABLE)
          .insert({
            name: cluster.name,
            account_id: cluster.accountId,
            region: cluster.region,
            eks_name: cluster.eksName,
            endpoint: cluster.endpoint,
            ca_data: cluster.caData ?? null,
            discovered_at: cluster.discoveredAt,
          })
          .onConflict('name')
          .merge();
      }
    });
  }
}
