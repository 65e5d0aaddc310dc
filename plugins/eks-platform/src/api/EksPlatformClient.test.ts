import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { demoClustersResponse } from '../__fixtures__/clusters';
import { EksPlatformClient } from './EksPlatformClient';

const BASE_URL = 'https://backstage.example.com/api/eks-platform';

function jsonResponse(status: number, body: unknown, statusText = '') {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(respond: () => Response) {
  const requests: { url: string; init?: RequestInit }[] = [];
  const discoveryApi: DiscoveryApi = {
    getBaseUrl: jest.fn(async (pluginId: string) =>
      pluginId === 'eks-platform' ? BASE_URL : 'https://wrong.example.com',
    ),
  };
  const fetchApi: FetchApi = {
    fetch: async (input, init) => {
      requests.push({ url: String(input), init });
      return respond();
    },
  };
  return {
    client: new EksPlatformClient({ discoveryApi, fetchApi }),
    requests,
  };
}

describe('EksPlatformClient', () => {
  it('reads the cluster list from the eks-platform backend', async () => {
    const { client, requests } = setup(() =>
      jsonResponse(200, demoClustersResponse),
    );

    const response = await client.getClusters();

    expect(response).toEqual(demoClustersResponse);
    expect(response.items.map(c => c.name)).toContain('prod-eu-west-1');
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe(`${BASE_URL}/clusters`);
  });

  it('rejects with a ResponseError carrying the server message on 403', async () => {
    const { client } = setup(() =>
      jsonResponse(
        403,
        {
          error: {
            name: 'NotAllowedError',
            message: 'Missing permission eks-platform.cluster.read',
          },
          request: { method: 'GET', url: '/api/eks-platform/clusters' },
          response: { statusCode: 403 },
        },
        'Forbidden',
      ),
    );

    const error = await client.getClusters().catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.message).toBe('Request failed with 403 Forbidden');
    expect(error.cause.name).toBe('NotAllowedError');
    expect(error.cause.message).toBe(
      'Missing permission eks-platform.cluster.read',
    );
  });

  it('rejects with a ResponseError when the backend is unreachable behind a proxy', async () => {
    const { client } = setup(
      () =>
        new Response('<html>Bad Gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html' },
        }),
    );

    const error = await client.getClusters().catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });
});
