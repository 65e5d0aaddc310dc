/** An AWS validation error (400) raised by a handler. */
export class AwsApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** Pages a list the way AWS list APIs do: `maxResults` + an opaque `nextToken` bound to the operation. */
export function paginate<T>(
  items: T[],
  operation: string,
  maxResults: number | undefined,
  nextToken: string | undefined,
  limits: { default: number; max: number; min?: number; code?: string },
): { page: T[]; nextToken?: string } {
  const code = limits.code ?? 'InvalidParameterException';
  const size = maxResults ?? limits.default;
  if (
    !Number.isInteger(size) ||
    size < (limits.min ?? 1) ||
    size > limits.max
  ) {
    throw new AwsApiError(
      400,
      code,
      `maxResults must be between ${limits.min ?? 1} and ${limits.max}.`,
    );
  }
  let offset = 0;
  if (nextToken) {
    try {
      const parsed = JSON.parse(
        Buffer.from(nextToken, 'base64url').toString('utf8'),
      );
      if (
        parsed.op !== operation ||
        !Number.isInteger(parsed.o) ||
        parsed.o < 0
      )
        throw new Error('bad token');
      offset = parsed.o;
    } catch {
      throw new AwsApiError(400, code, 'The pagination token is invalid.');
    }
  }
  const page = items.slice(offset, offset + size);
  const next =
    offset + size < items.length
      ? Buffer.from(
          JSON.stringify({ op: operation, o: offset + size }),
        ).toString('base64url')
      : undefined;
  return { page, nextToken: next };
}
