import { TestDatabases } from '@backstage/backend-test-utils';
import { demoServices, useDemoFleet } from '../../__testUtils__/demoFleet';
import { isoAt } from '../../__testUtils__/clock';

jest.setTimeout(60_000);

const CLUSTER = 'staging-eu-west-1';

describe('the refresh cooldown across two replicas sharing one database', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const fleet = useDemoFleet();

  it.each(databases.eachSupportedId())(
    'holds on a replica that did not collect (%s): it reads the last collection from the database',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = new Date(isoAt(0, '12:00:00.000'));
      const replica = () =>
        demoServices({
          sim: fleet.sim,
          knex,
          now: () => now,
          extra: { refresh: { cooldown: { seconds: 60 } } },
        });
      const a = await replica();
      const b = await replica();
      await a.collection.scheduleClusters();
      await b.collection.scheduleClusters();

      // Replica A collects (its scheduled run); B is asked to refresh 20 s later.
      expect(await a.collection.collect(CLUSTER)).toEqual({ ok: true });
      now = new Date(isoAt(0, '12:00:20.000'));
      const refused = await b.collection.trigger(CLUSTER).catch(e => e);
      expect(refused).toMatchObject({
        name: 'TooManyRequestsError',
        statusCode: 429,
        retryAfterSeconds: 40,
      });

      // After the cooldown B triggers its task.
      now = new Date(isoAt(0, '12:01:00.000'));
      await expect(b.collection.trigger(CLUSTER)).resolves.toBe('scheduled');
    },
  );
});
