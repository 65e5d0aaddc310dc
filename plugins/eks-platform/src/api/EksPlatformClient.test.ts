import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  END_OF_EXTENDED_1_31,
  fleetHistory,
  fleetOverviewResponse,
  isoFrom,
  legacyDetail,
  paymentsEntityView,
} from '../testUtils';
import { EksPlatformClient } from './EksPlatformClient';

const BASE_URL = 'https://backstage.example.com/api/eks-platform';

function jsonResponse(status: number, body: unknown, statusText = '') {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(respond: (url: string, init?: RequestInit) => Response) {
  const requests: { url: string; init?: RequestInit }[] = [];
  const discoveryApi: DiscoveryApi = {
    getBaseUrl: jest.fn(async (pluginId: string) =>
      pluginId === 'eks-platform' ? BASE_URL : 'https://wrong.example.com',
    ),
  };
  const fetchApi: FetchApi = {
    fetch: async (input, init) => {
      requests.push({ url: String(input), init });
      return respond(String(input), init);
    },
  };
  return {
    client: new EksPlatformClient({ discoveryApi, fetchApi }),
    requests,
  };
}

describe('EksPlatformClient (the frontend API on the common REST client)', () => {
  it('rejects with a ResponseError when the backend is unreachable behind a proxy', async () => {
    const { client } = setup(
      () =>
        new Response('<html>Bad Gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html' },
        }),
    );

    const error = await client.getClusterOverviews().catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });

  it('reads the fleet overview from GET /clusters', async () => {
    const { client, requests } = setup(() =>
      jsonResponse(200, fleetOverviewResponse),
    );

    const response = await client.getClusterOverviews();

    expect(response.items.map(c => c.name)).toContain('staging-eu-west-1');
    expect(
      response.items.find(c => c.name === 'staging-eu-west-1')?.ip
        ?.leastFreeSubnet?.freeAddresses,
    ).toBe(3);
    expect(requests[0].url).toBe(`${BASE_URL}/clusters`);
    expect(requests[0].init?.method).toBe('GET');
  });

  it('reads one cluster, escaping its name in the path', async () => {
    const { client, requests } = setup(() => jsonResponse(200, legacyDetail));

    const detail = await client.getCluster('legacy-eu-west-1');
    expect(detail.version?.status.endOfExtendedSupport).toBe('2026-11-26');
    expect(requests[0].url).toBe(`${BASE_URL}/clusters/legacy-eu-west-1`);

    await client.getCluster('a/b c');
    expect(requests[1].url).toBe(`${BASE_URL}/clusters/a%2Fb%20c`);
  });

  it('asks for a metric history with its time range', async () => {
    const history = fleetHistory('staging-eu-west-1', 'free-ips');
    const { client, requests } = setup(() => jsonResponse(200, history));

    const response = await client.getHistory('staging-eu-west-1', 'free-ips', {
      from: isoFrom(END_OF_EXTENDED_1_31, -12, '23:42:00.000'),
      to: isoFrom(END_OF_EXTENDED_1_31, -5, '23:42:00.000'),
    });

    expect(response.series).toHaveLength(3);
    const url = new URL(requests[0].url);
    expect(url.pathname).toBe(
      '/api/eks-platform/clusters/staging-eu-west-1/history',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      metric: 'free-ips',
      from: isoFrom(END_OF_EXTENDED_1_31, -12, '23:42:00.000'),
      to: isoFrom(END_OF_EXTENDED_1_31, -5, '23:42:00.000'),
    });

    await client.getHistory('staging-eu-west-1', 'requested-cpu');
    expect(requests[1].url).toBe(
      `${BASE_URL}/clusters/staging-eu-west-1/history?metric=requested-cpu`,
    );
  });

  it('reads an entity view by entity ref, encoded as a query parameter', async () => {
    const { client, requests } = setup(() =>
      jsonResponse(200, paymentsEntityView),
    );

    const view = await client.getEntityView('component:default/payments-grpc');

    expect(view.clusters.map(c => c.cluster.name)).toEqual([
      'prod-eu-west-1',
      'staging-eu-west-1',
    ]);
    expect(requests[0].url).toBe(
      `${BASE_URL}/entity?entityRef=component%3Adefault%2Fpayments-grpc`,
    );
  });

  it('asks for a refresh with a POST and accepts the 202', async () => {
    const { client, requests } = setup(() =>
      jsonResponse(202, { cluster: 'staging-eu-west-1', status: 'scheduled' }),
    );

    const response = await client.refreshCluster('staging-eu-west-1');

    expect(response).toEqual({
      cluster: 'staging-eu-west-1',
      status: 'scheduled',
    });
    expect(requests[0].url).toBe(
      `${BASE_URL}/clusters/staging-eu-west-1/refresh`,
    );
    expect(requests[0].init?.method).toBe('POST');
  });
});
