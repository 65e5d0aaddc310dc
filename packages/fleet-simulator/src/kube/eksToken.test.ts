// The token is made by the backend's real code, as the collector makes it:
// the simulator must accept exactly what the product sends.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { createEksToken } from '../../../../plugins/eks-platform-backend/src/aws/eksToken';
import type { FleetSimulator } from '../FleetSimulator';
import { kubeGet, startTestFleet } from '../testUtils';
import { verifyEksToken } from './eksToken';

const CREDENTIALS = {
  accessKeyId: 'AKIDFLEETSIMULATOR',
  secretAccessKey: 'fleet-simulator-secret',
};

function tokenFor(
  clusterName: string,
  credentials = CREDENTIALS,
  region = 'eu-west-1',
) {
  return createEksToken({
    clusterName,
    region,
    credentials: async () => credentials,
  });
}

function decode(token: string): URL {
  return new URL(
    Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString(),
  );
}

function encode(url: URL): string {
  return `k8s-aws-v1.${Buffer.from(url.toString()).toString('base64url')}`;
}

describe('verifyEksToken', () => {
  const options = {
    clusterName: 'staging-eu-west-1',
    credentials: CREDENTIALS,
    now: Date.now(),
  };

  it('accepts a token made by the backend for this cluster', async () => {
    const token = await tokenFor('staging-eu-west-1');

    expect(verifyEksToken(token, options)).toEqual({ ok: true });
  });

  it('refuses a token made for another cluster', async () => {
    const token = await tokenFor('prod-eu-west-1');

    expect(verifyEksToken(token, options)).toMatchObject({ ok: false });
  });

  it('refuses a tampered token', async () => {
    const url = decode(await tokenFor('staging-eu-west-1'));
    url.searchParams.set('X-Amz-Expires', '900');

    expect(verifyEksToken(encode(url), options)).toMatchObject({
      ok: false,
      message: expect.stringContaining('signature'),
    });
  });

  it('refuses a token signed with another secret key or access key', async () => {
    const wrongSecret = await tokenFor('staging-eu-west-1', {
      ...CREDENTIALS,
      secretAccessKey: 'not-the-secret',
    });
    const wrongKey = await tokenFor('staging-eu-west-1', {
      ...CREDENTIALS,
      accessKeyId: 'AKIDSOMEONEELSE',
    });

    expect(verifyEksToken(wrongSecret, options)).toMatchObject({ ok: false });
    expect(verifyEksToken(wrongKey, options)).toMatchObject({
      ok: false,
      message: expect.stringContaining('security token'),
    });
  });

  it('refuses a token older or newer than 15 minutes', async () => {
    const token = await tokenFor('staging-eu-west-1');

    expect(
      verifyEksToken(token, { ...options, now: Date.now() + 16 * 60_000 }),
    ).toEqual({ ok: false, message: 'the token has expired' });
    expect(
      verifyEksToken(token, { ...options, now: Date.now() - 16 * 60_000 }),
    ).toEqual({ ok: false, message: 'the token has expired' });
    expect(
      verifyEksToken(token, { ...options, now: Date.now() + 14 * 60_000 }),
    ).toEqual({ ok: true });
  });

  it('refuses garbage and URLs that are not STS GetCallerIdentity', async () => {
    const url = decode(await tokenFor('staging-eu-west-1'));
    url.hostname = 'sts.example.com';

    expect(verifyEksToken('k8s-aws-v1.', options).ok).toBe(false);
    expect(verifyEksToken('k8s-aws-v1.!!!', options).ok).toBe(false);
    expect(
      verifyEksToken(
        `k8s-aws-v1.${Buffer.from('not a url').toString('base64url')}`,
        options,
      ).ok,
    ).toBe(false);
    expect(verifyEksToken(encode(url), options)).toEqual({
      ok: false,
      message: 'the token is not an STS GetCallerIdentity URL',
    });
  });
});

describe('the simulated Kubernetes API with EKS tokens', () => {
  let sim: FleetSimulator;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ sim, cleanup } = await startTestFleet());
  });

  afterAll(async () => {
    await cleanup();
  });

  it('serves a request carrying an EKS token for the cluster, besides its static token', async () => {
    const staging = sim.cluster('staging-eu-west-1')!;
    const token = await tokenFor(staging.eksName);

    const withEksToken = await kubeGet(
      `${staging.url}/api/v1/nodes?limit=1`,
      sim.caPem,
      token,
    );
    const withStaticToken = await kubeGet(
      `${staging.url}/api/v1/nodes?limit=1`,
      sim.caPem,
      staging.token,
    );

    expect(withEksToken.status).toBe(200);
    expect(JSON.parse(withEksToken.body).kind).toBe('NodeList');
    expect(withStaticToken.status).toBe(200);
  });

  it('answers 401 to a tampered token and to a token for another cluster', async () => {
    const staging = sim.cluster('staging-eu-west-1')!;
    const url = decode(await tokenFor(staging.eksName));
    url.searchParams.set(
      'X-Amz-Date',
      url.searchParams.get('X-Amz-Date')!.replace(/\d{2}Z$/, '00Z'),
    );
    const signature = url.searchParams.get('X-Amz-Signature')!;
    url.searchParams.set(
      'X-Amz-Signature',
      `${signature[0] === '0' ? '1' : '0'}${signature.slice(1)}`,
    );
    const forProd = await tokenFor('prod-eu-west-1');

    for (const token of [encode(url), forProd]) {
      const response = await kubeGet(
        `${staging.url}/api/v1/nodes`,
        sim.caPem,
        token,
      );
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toMatchObject({
        kind: 'Status',
        reason: 'Unauthorized',
      });
    }
  });
});
