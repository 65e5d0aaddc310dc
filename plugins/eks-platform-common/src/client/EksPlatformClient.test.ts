import { ResponseError } from '@backstage/errors';
import { EksPlatformClient } from './EksPlatformClient';

const BASE_URL = 'https://backstage.example.com/api/eks-platform';

function jsonResponse(status: number, body: unknown, statusText = '') {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** A client whose fetch records each request and answers with `respond`. */
function setup(respond: () => Response = () => jsonResponse(200, {})) {
  const requests: { url: string; init?: RequestInit }[] = [];
  const discoveryApi = {
    getBaseUrl: async (pluginId: string) =>
      pluginId === 'eks-platform' ? BASE_URL : 'https://wrong.example.com',
  };
  const fetchApi = {
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push({ url: String(input), init });
      return respond();
    }) as typeof fetch,
  };
  return {
    client: new EksPlatformClient({ discoveryApi, fetchApi }),
    requests,
  };
}

describe('EksPlatformClient', () => {
  it('calls each route with its method, escaping path and query values', async () => {
    const { client, requests } = setup();
    await client.listClusters();
    await client.getCluster('a/b c');
    await client.checkNamespace('prod-eu-west-1', 'payments-prod');
    await client.getHistory('staging', 'free-ips', { from: 'f', to: 't' });
    await client.getHistory('staging', 'requested-cpu');
    await client.getEntityView('component:default/payments-grpc');
    await client.refreshCluster('staging');

    expect(requests.map(r => `${r.init?.method} ${r.url}`)).toEqual([
      `GET ${BASE_URL}/clusters`,
      `GET ${BASE_URL}/clusters/a%2Fb%20c`,
      `GET ${BASE_URL}/clusters/prod-eu-west-1/namespaces/payments-prod`,
      `GET ${BASE_URL}/clusters/staging/history?metric=free-ips&from=f&to=t`,
      `GET ${BASE_URL}/clusters/staging/history?metric=requested-cpu`,
      `GET ${BASE_URL}/entity?entityRef=component%3Adefault%2Fpayments-grpc`,
      `POST ${BASE_URL}/clusters/staging/refresh`,
    ]);
  });

  it('returns the JSON body, and sends a bearer token only when given one', async () => {
    const body = { cluster: 'staging', status: 'scheduled' };
    const { client, requests } = setup(() => jsonResponse(202, body));

    expect(await client.refreshCluster('staging', { token: 'abc' })).toEqual(
      body,
    );
    await client.refreshCluster('staging');

    expect(requests.map(r => r.init?.headers)).toEqual([
      { Accept: 'application/json', Authorization: 'Bearer abc' },
      { Accept: 'application/json' },
    ]);
  });

  it('rejects with a ResponseError carrying the backend error', async () => {
    const { client } = setup(() =>
      jsonResponse(
        404,
        {
          error: { name: 'NotFoundError', message: "No cluster named 'nope'" },
          request: { method: 'GET', url: '/api/eks-platform/clusters/nope' },
          response: { statusCode: 404 },
        },
        'Not Found',
      ),
    );

    const error = await client.getCluster('nope').catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe('Request failed with 404 Not Found');
    expect(error.cause.name).toBe('NotFoundError');
  });

  it('uses the global fetch when no fetchApi is given', async () => {
    const globalFetch = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(jsonResponse(200, { items: [] }));
    try {
      const client = new EksPlatformClient({
        discoveryApi: { getBaseUrl: async () => BASE_URL },
      });
      expect(await client.listClusters()).toEqual({ items: [] });
      expect(globalFetch).toHaveBeenCalledWith(
        `${BASE_URL}/clusters`,
        expect.objectContaining({ method: 'GET' }),
      );
    } finally {
      globalFetch.mockRestore();
    }
  });
});
