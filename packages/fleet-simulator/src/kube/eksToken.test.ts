// What the simulator checks before any signature: the token's form and the
// URL it holds. Tokens made by the backend's real generator are checked in the
// backend's package (collector/eksToken.simulator.test.ts).
import type { FleetSimulator } from '../FleetSimulator';
import { kubeGet, startTestFleet } from '../testUtils';
import { isEksToken, verifyEksToken } from './eksToken';

const options = {
  clusterName: 'staging-eu-west-1',
  credentials: {
    accessKeyId: 'AKIDFLEETSIMULATOR',
    secretAccessKey: 'fleet-simulator-secret',
  },
  now: Date.now(),
};

/** An unsigned token holding `url`, with the query an STS token has. */
function unsignedToken(origin: string, signedHeaders = 'host;x-k8s-aws-id') {
  const url = new URL(origin);
  url.searchParams.set('Action', 'GetCallerIdentity');
  url.searchParams.set('Version', '2011-06-15'); // date-literal: the STS API version
  url.searchParams.set('X-Amz-SignedHeaders', signedHeaders);
  return `k8s-aws-v1.${Buffer.from(url.toString()).toString('base64url')}`;
}

describe('verifyEksToken', () => {
  it('tells an EKS token from a static one', () => {
    expect(isEksToken('k8s-aws-v1.abc')).toBe(true);
    expect(isEksToken('a-static-token')).toBe(false);
    expect(verifyEksToken('a-static-token', options)).toEqual({
      ok: false,
      message: 'not an EKS token',
    });
  });

  it('refuses garbage and URLs that are not STS GetCallerIdentity', () => {
    expect(verifyEksToken('k8s-aws-v1.', options).ok).toBe(false);
    expect(verifyEksToken('k8s-aws-v1.!!!', options).ok).toBe(false);
    expect(
      verifyEksToken(
        `k8s-aws-v1.${Buffer.from('not a url').toString('base64url')}`,
        options,
      ).ok,
    ).toBe(false);
    expect(
      verifyEksToken(unsignedToken('https://sts.example.com/'), options),
    ).toEqual({
      ok: false,
      message: 'the token is not an STS GetCallerIdentity URL',
    });
  });

  it('refuses a token that does not sign the cluster name', () => {
    const token = unsignedToken('https://sts.eu-west-1.amazonaws.com/', 'host');

    expect(verifyEksToken(token, options)).toEqual({
      ok: false,
      message: 'the token does not sign x-k8s-aws-id',
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

  it('answers 401 to an EKS token it cannot verify, and serves the static token', async () => {
    const staging = sim.cluster('staging-eu-west-1')!;
    const url = `${staging.url}/api/v1/nodes?limit=1`;
    const unsigned = unsignedToken('https://sts.eu-west-1.amazonaws.com/');

    const withUnsigned = await kubeGet(url, sim.caPem, unsigned);
    const withStaticToken = await kubeGet(url, sim.caPem, staging.token);

    expect(withUnsigned.status).toBe(401);
    expect(JSON.parse(withUnsigned.body)).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
    });
    expect(withStaticToken.status).toBe(200);
  });
});
