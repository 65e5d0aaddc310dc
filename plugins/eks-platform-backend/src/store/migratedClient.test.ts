import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { migratedClient } from './migratedClient';

jest.setTimeout(60_000);

describe('migratedClient', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('lets replicas that start together migrate a fresh PostgreSQL database, one after another', async () => {
    const first = await databases.init('POSTGRES_15');
    // One client per replica, each with its own pool, as separate processes would have.
    const replicas: Knex[] = Array.from({ length: 4 }, () =>
      knexFactory({
        client: 'pg',
        connection: first.client.config.connection,
        pool: { min: 0, max: 3 },
      }),
    );
    try {
      await Promise.all(
        replicas.map(knex =>
          migratedClient({ database: mockServices.database({ knex }) }),
        ),
      );
      // One lock row, free: later starts can still migrate.
      expect(await first('knex_migrations_lock').select('is_locked')).toEqual([
        { is_locked: 0 },
      ]);
      const applied = await first('knex_migrations').select('name');
      expect(applied.map(m => m.name).sort()).toEqual([
        '20261120120000_init.js',
        '20261201120000_discovered_clusters.js',
      ]);
      await expect(
        migratedClient({ database: mockServices.database({ knex: first }) }),
      ).resolves.toBe(first);
    } finally {
      await Promise.all(replicas.map(knex => knex.destroy()));
    }
  });
});
