import { CustomErrorBase } from '@backstage/errors';

/**
 * HTTP 429: the caller asked too often. The framework's error handler takes
 * the status from `statusCode`; the router sends `Retry-After` from
 * `retryAfterSeconds`.
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
}
