import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialProvider } from '@backstage/integration-aws-node';

type CredentialIdentityProvider =
  AwsCredentialProvider['sdkCredentialProvider'];

const TOKEN_PREFIX = 'k8s-aws-v1.';
const CLUSTER_ID_HEADER = 'x-k8s-aws-id';

/**
 * An EKS bearer token, made the way the Kubernetes plugin's AWS auth and
 * `aws eks get-token` make it: `k8s-aws-v1.` + base64url (no padding) of an STS
 * `GetCallerIdentity` URL presigned for 60 seconds, with the EKS cluster name
 * signed in the `x-k8s-aws-id` header. The API server's authenticator calls
 * that URL to learn who we are.
 *
 * Source: kubernetes-sigs/aws-iam-authenticator (token format); EKS user guide
 * "Grant IAM users access to Kubernetes".
 */
export async function createEksToken(options: {
  clusterName: string;
  region: string;
  credentials: CredentialIdentityProvider;
  /** STS host; default the regional endpoint `sts.<region>.amazonaws.com`. */
  stsHostname?: string;
}): Promise<string> {
  const hostname = options.stsHostname ?? `sts.${options.region}.amazonaws.com`;
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: 'sts',
    sha256: Sha256,
  });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname,
    path: '/',
    headers: { host: hostname, [CLUSTER_ID_HEADER]: options.clusterName },
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
  });
  const signed = await signer.presign(request, {
    expiresIn: 60,
    signableHeaders: new Set(['host', CLUSTER_ID_HEADER]),
  });
  const query = Object.entries(signed.query ?? {})
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`,
    )
    .join('&');
  const url = `https://${hostname}/?${query}`;
  return `${TOKEN_PREFIX}${Buffer.from(url, 'utf8').toString('base64url')}`;
}
