import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';

export interface SignedRequest {
  method: string;
  /** The path as sent on the wire (still percent-encoded). */
  rawPath: string;
  /** The query string as sent (no `?`). */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SigV4Result =
  | { ok: true; accessKeyId: string; region: string; service: string }
  | {
      ok: false;
      reason: 'missing' | 'malformed' | 'unknown-key' | 'mismatch';
      message: string;
      service?: string;
    };

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\s*,\s*SignedHeaders=([a-z0-9;\-]+)\s*,\s*Signature=([0-9a-f]{64})$/;

/** RFC 3986 encoding as SigV4 wants it. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The canonical query string: every parameter but the signature, encoded and sorted. */
function canonicalQueryString(rawQuery: string): string {
  return rawQuery
    .split('&')
    .filter(p => p !== '')
    .map(p => {
      const i = p.indexOf('=');
      const key = safeDecode(i < 0 ? p : p.slice(0, i));
      const value = safeDecode(i < 0 ? '' : p.slice(i + 1));
      return [escapeUri(key), escapeUri(value)] as const;
    })
    .filter(([k]) => k !== 'X-Amz-Signature')
    .sort((a, b) => compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function signingKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
): Buffer {
  return hmac(
    hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service),
    'aws4_request',
  );
}

/** The service a request was signed for (`eks`, `ec2`), from its credential scope, without verifying it. */
export function signedService(
  authorization: string | undefined,
): string | undefined {
  return authorization?.match(AUTH_PATTERN)?.[4];
}

/**
 * Verifies an AWS Signature Version 4 `Authorization` header against the simulator's one set of
 * dummy credentials: canonical request, string to sign, derived key, constant-time compare.
 */
export function verifySigV4(
  request: SignedRequest,
  credentials: { accessKeyId: string; secretAccessKey: string },
): SigV4Result {
  const header = request.headers.authorization;
  if (!header) {
    return {
      ok: false,
      reason: 'missing',
      message: 'Missing Authentication Token',
    };
  }
  const m = header.match(AUTH_PATTERN);
  if (!m) {
    return {
      ok: false,
      reason: 'malformed',
      message:
        'Authorization header requires AWS4-HMAC-SHA256 Credential, SignedHeaders and Signature.',
    };
  }
  const [, accessKeyId, date, region, service, signedHeaders, signature] = m;
  if (accessKeyId !== credentials.accessKeyId) {
    return {
      ok: false,
      reason: 'unknown-key',
      message: 'The security token included in the request is invalid.',
      service,
    };
  }
  const amzDate = (request.headers['x-amz-date'] as string | undefined) ?? '';
  if (!amzDate.startsWith(date)) {
    return {
      ok: false,
      reason: 'malformed',
      message:
        'X-Amz-Date is missing or does not match the credential scope date.',
      service,
    };
  }

  const canonicalPath = escapeUri(request.rawPath || '/').replace(/%2F/g, '/');
  const canonicalQuery = canonicalQueryString(request.rawQuery);
  const headerNames = signedHeaders.split(';');
  const canonicalHeaders = headerNames
    .map(name => {
      const raw = request.headers[name];
      const value = Array.isArray(raw) ? raw.join(',') : raw ?? '';
      return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  // The signature covers the body through its hash; a declared hash must be the hash of what arrived.
  const declaredHash = request.headers['x-amz-content-sha256'] as
    | string
    | undefined;
  const bodyHash = sha256Hex(request.body);
  if (
    declaredHash &&
    declaredHash !== 'UNSIGNED-PAYLOAD' &&
    declaredHash !== bodyHash
  ) {
    return {
      ok: false,
      reason: 'mismatch',
      message:
        'The provided x-amz-content-sha256 header does not match what was computed.',
      service,
    };
  }
  const payloadHash = declaredHash ?? bodyHash;
  const canonicalRequest = [
    request.method,
    canonicalPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const key = signingKey(credentials.secretAccessKey, date, region, service);
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      reason: 'mismatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      service,
    };
  }
  return { ok: true, accessKeyId, region, service };
}

/** The SHA-256 of an empty body, which presigned GET requests sign. */
const EMPTY_BODY_HASH =
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const AMZ_DATE = /^(\d{8})T\d{6}Z$/;
const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

export type PresignedResult =
  | {
      ok: true;
      accessKeyId: string;
      region: string;
      service: string;
      /** `X-Amz-Date` in milliseconds since the epoch. */
      signedAt: number;
      /** `X-Amz-Expires` in seconds. */
      expiresIn: number;
    }
  | { ok: false; message: string };

/**
 * Verifies a SigV4 presigned URL (query-string authentication): the canonical
 * request is made of the query without `X-Amz-Signature`, the headers named
 * in `X-Amz-SignedHeaders` with the values given here (the ones the holder of
 * the URL sends with it), and the hash of an empty body or
 * `UNSIGNED-PAYLOAD`. Time is not checked here: the caller gets the signing
 * time and expiry to judge.
 */
export function verifyPresignedUrl(
  request: {
    method: string;
    url: URL;
    /** Header values sent with the URL, by lower-case name; `host` defaults to the URL's. */
    headers: Record<string, string>;
  },
  credentials: { accessKeyId: string; secretAccessKey: string },
): PresignedResult {
  const { url } = request;
  const param = (name: string) => url.searchParams.get(name) ?? '';
  if (param('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    return { ok: false, message: 'X-Amz-Algorithm is not AWS4-HMAC-SHA256' };
  }
  const credential = CREDENTIAL.exec(param('X-Amz-Credential'));
  const amzDate = AMZ_DATE.exec(param('X-Amz-Date'));
  const signature = param('X-Amz-Signature');
  const expiresIn = Number(param('X-Amz-Expires'));
  const signedHeaders = param('X-Amz-SignedHeaders');
  if (
    !credential ||
    !amzDate ||
    !/^[0-9a-f]{64}$/.test(signature) ||
    !Number.isInteger(expiresIn) ||
    !/^[a-z0-9-]+(;[a-z0-9-]+)*$/.test(signedHeaders)
  ) {
    return {
      ok: false,
      message:
        'X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders or X-Amz-Signature is missing or malformed',
    };
  }
  const [, accessKeyId, date, region, service] = credential;
  if (accessKeyId !== credentials.accessKeyId) {
    return {
      ok: false,
      message: 'The security token included in the request is invalid.',
    };
  }
  if (amzDate[1] !== date) {
    return {
      ok: false,
      message: 'X-Amz-Date does not match the credential scope date.',
    };
  }
  const headers: Record<string, string> = {
    host: url.host,
    ...request.headers,
  };
  const canonicalHeaders = signedHeaders
    .split(';')
    .map(
      name => `${name}:${(headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalPath = escapeUri(safeDecode(url.pathname) || '/').replace(
    /%2F/g,
    '/',
  );
  const canonicalQuery = canonicalQueryString(url.search.replace(/^\?/, ''));
  const key = signingKey(credentials.secretAccessKey, date, region, service);
  const scope = `${date}/${region}/${service}/aws4_request`;
  const given = Buffer.from(signature, 'hex');
  const matches = [EMPTY_BODY_HASH, 'UNSIGNED-PAYLOAD'].some(payloadHash => {
    const canonicalRequest = [
      request.method,
      canonicalPath,
      canonicalQuery,
      canonicalHeaders,
      signedHeaders,
      payloadHash,
    ].join('\n');
    const stringToSign = [
      'AWS4-HMAC-SHA256',
      amzDate[0],
      scope,
      sha256Hex(canonicalRequest),
    ].join('\n');
    const expected = createHmac('sha256', key).update(stringToSign).digest();
    return timingSafeEqual(given, expected);
  });
  if (!matches) {
    return {
      ok: false,
      message:
        'The request signature we calculated does not match the signature you provided.',
    };
  }
  const [, y, mo, d, h, mi, sec] =
    /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate[0])!;
  return {
    ok: true,
    accessKeyId,
    region,
    service,
    signedAt: Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec),
    expiresIn,
  };
}
