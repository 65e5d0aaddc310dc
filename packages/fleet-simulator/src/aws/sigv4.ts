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
  const canonicalQuery = request.rawQuery
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
  const key = hmac(
    hmac(
      hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), region),
      service,
    ),
    'aws4_request',
  );
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
