import { mockCredentials } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { useDemoFleet } from '../../__testUtils__/demoFleet';
import { startDemoBackend } from '../../__testUtils__/demoBackend';

jest.setTimeout(60_000);

const CLUSTER = 'prod-eu-west-1';
const check = (namespace: string) =>
  `/api/eks-platform/clusters/${CLUSTER}/namespaces/${namespace}`;

describe('GET /clusters/:name/namespaces/:namespace is coalesced, cached and bounded per user', () => {
  const fleet = useDemoFleet();

  const start = (extra: JsonObject = {}) => startDemoBackend(fleet.sim, extra);

  /** Calls the simulated cluster received for one namespace. */
  function upstreamCalls(namespace: string): number {
    return fleet.sim.requestLog.count({
      cluster: CLUSTER,
      api: 'kubernetes',
      path: `/api/v1/namespaces/${namespace}`,
    });
  }

  beforeEach(() => fleet.sim.requestLog.reset());

  it('makes one upstream call for 200 concurrent checks of the same namespace', async () => {
    const server = await start();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        request(server).get(check('payments-prod')),
      ),
    );

    expect(answers.map(a => a.status)).toEqual(Array(200).fill(200));
    expect(new Set(answers.map(a => a.body.exists))).toEqual(new Set([true]));
    // Every caller got the same check, with the time the cluster was asked.
    expect(new Set(answers.map(a => a.body.checkedAt)).size).toBe(1);
    expect(upstreamCalls('payments-prod')).toBe(1);
  });

  it('reuses an answer for the cache time, then asks again', async () => {
    const server = await start({
      namespaceCheck: { cacheFor: { milliseconds: 500 } },
    });
    for (let i = 0; i < 200; i++) {
      const answer = await request(server).get(check('checkout-api-dev'));
      expect(answer.body).toMatchObject({ exists: false });
    }
    // 200 sequential checks take well under the minute, at most a few cache periods.
    expect(upstreamCalls('checkout-api-dev')).toBeLessThanOrEqual(5);

    await new Promise(resolve => setTimeout(resolve, 600));
    await request(server).get(check('checkout-api-dev'));
    expect(upstreamCalls('checkout-api-dev')).toBeGreaterThanOrEqual(2);
  });

  it('answers 429 with Retry-After when a user starts more calls than allowed, but still serves cached answers', async () => {
    const server = await start({ namespaceCheck: { perUserPerMinute: 2 } });
    const carol = mockCredentials.user.header('user:default/carol');
    const dave = mockCredentials.user.header('user:default/dave');
    const ask = (namespace: string, who: string) =>
      request(server).get(check(namespace)).set('Authorization', who);

    expect((await ask('team-a', carol)).status).toBe(200);
    expect((await ask('team-b', carol)).status).toBe(200);
    const limited = await ask('team-c', carol);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      name: 'TooManyRequestsError',
      message:
        'Too many namespace checks that call a cluster: at most 2 per minute per user',
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(upstreamCalls('team-c')).toBe(0);

    // A cached answer costs the cluster nothing, so it is served.
    expect((await ask('team-a', carol)).status).toBe(200);
    // Another user has a limit of their own.
    expect((await ask('team-c', dave)).status).toBe(200);
  });
});
