// The simulator must accept exactly the EKS tokens the collector sends: these
// tokens are made by createEksToken and checked by the simulator's verifier
// and by its Kubernetes API. The simulator's own checks of a token's form are
// in its package.
import { kubeGet, verifyEksToken } from '@eks-platform/fleet-simulator';
import { useDemoFleet } from '../__testUtils__/demoFleet';
import { createEksToken } from './eksToken';

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

describe("the simulator's verifyEksToken, with tokens from createEksToken", () => {
  const options = {
    clusterName: 'staging-eu-west-1',
    credentials: CREDENTIALS,
    now: Date.now(),
  };

  it('accepts a token made for this cluster', async () => {
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

  it('refuses a signed token moved to a host that is not STS', async () => {
    const url = decode(await tokenFor('staging-eu-west-1'));
    url.hostname = 'sts.example.com';

    expect(verifyEksToken(encode(url), options)).toEqual({
      ok: false,
      message: 'the token is not an STS GetCallerIdentity URL',
    });
  });
});

describe('the simulated Kubernetes API, with tokens from createEksToken', () => {
  const fleet = useDemoFleet();

  it('serves a request carrying an EKS token for the cluster, besides its static token', async () => {
    const staging = fleet.sim.cluster('staging-eu-west-1')!;
    const url = `${staging.url}/api/v1/nodes?limit=1`;
    const token = await tokenFor(staging.eksName);

    const withEksToken = await kubeGet(url, fleet.sim.caPem, token);
    const withStaticToken = await kubeGet(url, fleet.sim.caPem, staging.token);

    expect(withEksToken.status).toBe(200);
    expect(JSON.parse(withEksToken.body).kind).toBe('NodeList');
    expect(withStaticToken.status).toBe(200);
  });

  it('answers 401 to a tampered token and to a token for another cluster', async () => {
    const staging = fleet.sim.cluster('staging-eu-west-1')!;
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
        fleet.sim.caPem,
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
