import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { EksPlatformClusterClient } from './EksPlatformClusterClient';

const BASE_URL = 'http://backstage.internal/api/eks-platform';

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** The client with the global fetch answering every request with `respond`. */
function setup(respond: () => Response) {
  const fetch = jest
    .spyOn(globalThis, 'fetch')
    .mockImplementation(async () => respond());
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async () => BASE_URL,
  });
  const client = EksPlatformClusterClient.create({
    discovery,
    auth: mockServices.auth(),
  });
  return { client, fetch };
}

describe('EksPlatformClusterClient', () => {
  afterEach(() => jest.restoreAllMocks());

  it('reads the cluster list with a service token for eks-platform', async () => {
    const { client, fetch } = setup(() =>
      answer(200, { items: [{ name: 'prod-eu-west-1' }] }),
    );

    expect(await client.listClusters()).toEqual([{ name: 'prod-eu-west-1' }]);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE_URL}/clusters`);
    expect((init?.headers as Record<string, string>).Authorization).toMatch(
      /^Bearer .*eks-platform/,
    );
  });

  it('answers undefined for a cluster the backend does not know', async () => {
    const { client } = setup(() =>
      answer(404, { error: { name: 'NotFoundError', message: 'No cluster' } }),
    );

    expect(await client.getCluster('nope')).toBeUndefined();
  });

  it('rejects with the backend reason for a failed namespace check, and a ResponseError elsewhere', async () => {
    const reason =
      'Could not ask cluster prod whether namespace payments exists: Reading the namespace timed out after 10000 ms';
    const { client, fetch } = setup(() =>
      answer(503, {
        error: { name: 'ServiceUnavailableError', message: reason },
        response: { statusCode: 503 },
      }),
    );

    const error = await client.checkNamespace('prod', 'payments').catch(e => e);

    expect(error.message).toBe(reason);
    expect(error.cause).toBeInstanceOf(ResponseError);
    expect(error.cause.statusCode).toBe(503);
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE_URL}/clusters/prod/namespaces/payments`,
    );
    await expect(client.getCluster('prod')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 503,
    });
  });
});
