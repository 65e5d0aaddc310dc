import { mockCredentials } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { useDemoFleet } from '../../__testUtils__/demoFleet';
import { startDemoBackend } from '../../__testUtils__/demoBackend';

jest.setTimeout(60_000);

const CLUSTER = 'staging-eu-west-1';
const REFRESH = `/api/eks-platform/clusters/${CLUSTER}/refresh`;

/**
 * Manual refresh through the real router, on the simulated fleet. The test
 * backend's scheduler runs a triggered task at once and answers when it ends.
 */
describe('POST /clusters/:name/refresh is limited per cluster and per user', () => {
  const fleet = useDemoFleet();

  const start = (extra: JsonObject) => startDemoBackend(fleet.sim, extra);

  /** Collections of the cluster, as the simulator saw them: each reads `/version` once. */
  function collections(): number {
    return fleet.sim.requestLog.count({
      cluster: CLUSTER,
      api: 'kubernetes',
      path: '/version',
    });
  }

  beforeEach(() => fleet.sim.requestLog.reset());

  it('collects once for 30 refreshes inside the default 60 s cooldown, answering the others 429 with Retry-After', async () => {
    const server = await start({ refresh: { perUserPerMinute: 100 } });
    const answers = [];
    for (let i = 0; i < 30; i++) {
      answers.push(await request(server).post(REFRESH));
    }

    expect(collections()).toBe(1);
    expect(answers[0].status).toBe(202);
    expect(answers[0].body).toMatchObject({ status: 'scheduled' });
    for (const answer of answers.slice(1)) {
      expect(answer.status).toBe(429);
      expect(answer.body.error.name).toBe('TooManyRequestsError');
      expect(answer.body.error.message).toMatch(
        /^staging-eu-west-1 was collected less than 60 s ago; its next manual refresh is possible in \d+ s$/,
      );
      const retryAfter = Number(answer.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
  });

  it('lets concurrent refreshes join the one collection under way', async () => {
    const server = await start({ refresh: { perUserPerMinute: 100 } });
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => request(server).post(REFRESH)),
    );

    expect(collections()).toBe(1);
    const statuses = answers.map(a =>
      a.status === 202 ? a.body.status : a.status,
    );
    expect(statuses.filter(s => s === 'scheduled')).toHaveLength(1);
    // Each other refresh joined the running collection or came after it ended.
    expect(statuses.every(s => ['scheduled', 'joined', 429].includes(s))).toBe(
      true,
    );
    const joined = answers.find(a => a.body.status === 'joined');
    expect(joined?.body.message).toBe(
      'A collection of staging-eu-west-1 is already under way; this refresh joined it',
    );
  });

  it('keeps sustained refresh to the cooldown rate: 30 requests over about 3 s with a 1 s cooldown', async () => {
    const server = await start({
      refresh: { cooldown: { seconds: 1 }, perUserPerMinute: 100 },
    });
    const started = Date.now();
    const accepted: number[] = [];
    for (let i = 0; i < 30; i++) {
      const answer = await request(server).post(REFRESH);
      expect([202, 429]).toContain(answer.status);
      if (answer.status === 202) accepted.push(Date.now());
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    const elapsedS = (Date.now() - started) / 1000;

    // One collection at the start, then at most one per cooldown.
    expect(collections()).toBeLessThanOrEqual(Math.floor(elapsedS) + 1);
    expect(collections()).toBeGreaterThanOrEqual(2);
    expect(collections()).toBe(accepted.length);
    for (let i = 1; i < accepted.length; i++) {
      expect(accepted[i] - accepted[i - 1]).toBeGreaterThanOrEqual(900);
    }
  });

  it('answers 429 with Retry-After past the per-user limit, while another user may still refresh', async () => {
    const server = await start({
      refresh: { cooldown: 'PT0S', perUserPerMinute: 3 },
    });
    const alice = mockCredentials.user.header('user:default/alice');
    const bob = mockCredentials.user.header('user:default/bob');
    for (let i = 0; i < 3; i++) {
      const answer = await request(server)
        .post(REFRESH)
        .set('Authorization', alice);
      expect(answer.status).toBe(202);
    }
    const limited = await request(server)
      .post(REFRESH)
      .set('Authorization', alice);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      name: 'TooManyRequestsError',
      message: 'Too many refreshes: at most 3 per minute per user',
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);

    const other = await request(server).post(REFRESH).set('Authorization', bob);
    expect(other.status).toBe(202);
    expect(collections()).toBe(4);
  });

  it('refuses an invalid cooldown at start-up, naming the key', async () => {
    await expect(start({ refresh: { cooldown: 'soon' } })).rejects.toThrow(
      /Invalid 'eksPlatform.refresh.cooldown'/,
    );
  });
});
