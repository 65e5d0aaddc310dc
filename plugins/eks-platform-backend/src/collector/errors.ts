import type {
  CollectionError,
  CollectionErrorKind,
  DataSource,
} from '@eks-platform/plugin-eks-platform-common';

/**
 * A failure of one upstream call, already classified. Thrown by the
 * Kubernetes reader and the AWS reader; its message never contains tokens,
 * credentials or CA data.
 */
export class CollectionFailure extends Error {
  readonly kind: CollectionErrorKind;
  readonly source: DataSource;
  readonly status?: number;

  constructor(options: {
    kind: CollectionErrorKind;
    source: DataSource;
    message: string;
    status?: number;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'CollectionFailure';
    this.kind = options.kind;
    this.source = options.source;
    this.status = options.status;
  }

  toCollectionError(at: Date): CollectionError {
    return {
      kind: this.kind,
      source: this.source,
      message: this.message,
      at: at.toISOString(),
      ...(this.status !== undefined && { status: this.status }),
    };
  }
}

/** The error kind of an HTTP status. */
export function kindOfStatus(status: number): CollectionErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server-error';
  return 'unknown';
}

const NETWORK_CODES: Record<string, CollectionErrorKind> = {
  ECONNREFUSED: 'unreachable',
  ENOTFOUND: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EAI_AGAIN: 'unreachable',
  ECONNRESET: 'bad-response',
  EPIPE: 'bad-response',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'unreachable',
  SELF_SIGNED_CERT_IN_CHAIN: 'unreachable',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unreachable',
  ERR_TLS_CERT_ALTNAME_INVALID: 'unreachable',
};

const AWS_KINDS: Array<[RegExp, CollectionErrorKind]> = [
  [/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i, 'throttled'],
  [/TimeoutError|RequestTimeout/i, 'timeout'],
  [/AccessDenied|UnauthorizedOperation|Forbidden/i, 'forbidden'],
  [
    /InvalidSignature|AuthFailure|UnrecognizedClient|InvalidClientTokenId|ExpiredToken|MissingAuthenticationToken|CredentialsProviderError/i,
    'unauthorized',
  ],
  [/NotFound|NoSuch/i, 'not-found'],
  [
    /ServiceUnavailable|InternalError|InternalFailure|ServerException|Unavailable/i,
    'server-error',
  ],
  [
    /Deserializ|SyntaxError|Unexpected end|Unexpected token|XML|Expected/i,
    'bad-response',
  ],
];

type ErrorLike = {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
};

const NETWORK_CODE_IN_MESSAGE = new RegExp(
  `\\b(${Object.keys(NETWORK_CODES).join('|')})\\b`,
);

function networkKind(error: ErrorLike): CollectionErrorKind | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const { code, message } = current as ErrorLike;
    if (code && NETWORK_CODES[code]) return NETWORK_CODES[code];
    const inMessage = message ? NETWORK_CODE_IN_MESSAGE.exec(message) : null;
    if (inMessage) return NETWORK_CODES[inMessage[1]];
    current = (current as ErrorLike).cause;
  }
  return undefined;
}

/**
 * Classifies any error from an upstream call into a {@link CollectionFailure}:
 * AWS SDK errors by their exception name and HTTP status, Node network errors
 * by their code, JSON parse errors as bad responses. Messages are kept short
 * and never include request headers or bodies.
 */
export function classifyError(
  error: unknown,
  source: DataSource,
  what: string,
): CollectionFailure {
  if (error instanceof CollectionFailure) {
    return error;
  }
  const e = (error ?? {}) as ErrorLike;
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const name = e.name ?? '';
  let kind: CollectionErrorKind | undefined = networkKind(e);
  if (!kind && (name === 'AbortError' || name === 'TimeoutError')) {
    kind = 'timeout';
  }
  if (!kind && error instanceof SyntaxError) {
    kind = 'bad-response';
  }
  if (!kind) {
    kind = AWS_KINDS.find(([pattern]) => pattern.test(name))?.[1];
  }
  if (!kind && status !== undefined && status > 0) {
    kind = kindOfStatus(status);
  }
  if (!kind) {
    kind = AWS_KINDS.find(([pattern]) => pattern.test(e.message ?? ''))?.[1];
  }
  const detail = name && name !== 'Error' ? `${name}: ` : '';
  return new CollectionFailure({
    kind: kind ?? 'unknown',
    source,
    status: status && status > 0 ? status : undefined,
    message: `${what} failed: ${detail}${
      firstLine(e.message) ?? 'unknown error'
    }`,
    cause: error,
  });
}

function firstLine(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const line = message.split('\n')[0];
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
}
