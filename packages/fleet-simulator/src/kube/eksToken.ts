import { verifyPresignedUrl } from '../aws/sigv4';

const TOKEN_PREFIX = 'k8s-aws-v1.';
const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** How far `X-Amz-Date` may be from now, as aws-iam-authenticator allows. */
const MAX_AGE_MS = 15 * 60_000;
const STS_HOST = /^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;

export type EksTokenResult = { ok: true } | { ok: false; message: string };

/** Whether a bearer token has the EKS form, `k8s-aws-v1.<base64url>`. */
export function isEksToken(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX);
}

/**
 * Verifies an EKS bearer token offline, as the cluster's authenticator would
 * by calling STS with it: the token is `k8s-aws-v1.` + base64url of an STS
 * `GetCallerIdentity` URL presigned with SigV4 (query-string form), whose
 * signed headers are `host` and `x-k8s-aws-id`. The URL is verified with
 * `x-k8s-aws-id` set to this cluster's EKS name, so a token made for another
 * cluster fails; the access key must be the scenario's and `X-Amz-Date`
 * within 15 minutes of now.
 */
export function verifyEksToken(
  token: string,
  options: {
    clusterName: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    now: number;
  },
): EksTokenResult {
  if (!isEksToken(token)) {
    return { ok: false, message: 'not an EKS token' };
  }
  const encoded = token.slice(TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) {
    return { ok: false, message: 'the token is not base64url' };
  }
  let url: URL;
  try {
    url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, message: 'the token does not hold a URL' };
  }
  if (
    url.protocol !== 'https:' ||
    !STS_HOST.test(url.hostname) ||
    url.pathname !== '/' ||
    url.searchParams.get('Action') !== 'GetCallerIdentity' ||
    url.searchParams.get('Version') !== '2011-06-15'
  ) {
    return {
      ok: false,
      message: 'the token is not an STS GetCallerIdentity URL',
    };
  }
  const signedHeaders = (url.searchParams.get('X-Amz-SignedHeaders') ?? '')
    .split(';')
    .filter(Boolean);
  if (!signedHeaders.includes(CLUSTER_ID_HEADER)) {
    return {
      ok: false,
      message: `the token does not sign ${CLUSTER_ID_HEADER}`,
    };
  }
  const verified = verifyPresignedUrl(
    {
      method: 'GET',
      url,
      headers: { [CLUSTER_ID_HEADER]: options.clusterName },
    },
    options.credentials,
  );
  if (!verified.ok) {
    return verified;
  }
  if (verified.service !== 'sts') {
    return { ok: false, message: 'the token is not signed for STS' };
  }
  if (Math.abs(options.now - verified.signedAt) > MAX_AGE_MS) {
    return { ok: false, message: 'the token has expired' };
  }
  return { ok: true };
}
