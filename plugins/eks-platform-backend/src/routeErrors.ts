import type { LoggerService } from '@backstage/backend-plugin-api';
import { CustomErrorBase, isError } from '@backstage/errors';
import type express from 'express';
import { randomBytes } from 'node:crypto';
import { TooManyRequestsError } from './limits/TooManyRequestsError';

/** HTTP 405: the path exists, the method does not; `Allow` lists the methods it has. */
export class MethodNotAllowedError extends CustomErrorBase {
  name = 'MethodNotAllowedError' as const;
  readonly statusCode = 405;
}

/**
 * Answers 405 with `Allow` for any other method on each path (registered after the
 * path's own handlers), instead of the router's 404.
 */
export function allowOnly(
  router: express.Router,
  allowByPath: Record<string, string>,
): void {
  for (const [path, allow] of Object.entries(allowByPath)) {
    router.all(path, (req, res) => {
      res.set('Allow', allow);
      throw new MethodNotAllowedError(
        `${req.method} is not supported here; use ${allow}`,
      );
    });
  }
}

/** Errors whose messages are written for the caller: they reach the body as they are. */
const FOR_CALLERS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'NotModifiedError',
  'ConflictError',
  'ServiceUnavailableError',
  'NotImplementedError',
  'TooManyRequestsError',
  'MethodNotAllowedError',
]);

/** Errors express or its body parsers raise with a 4xx status (e.g. a malformed percent-encoding). */
function isClientError(error: Error): boolean {
  const { status, statusCode } = error as {
    status?: unknown;
    statusCode?: unknown;
  };
  const code = typeof statusCode === 'number' ? statusCode : status;
  return typeof code === 'number' && code >= 400 && code < 500;
}

/**
 * Passes errors on to the framework's error handler (which maps them to a status and a body,
 * stack traces only in development), after two touches: a 429 gets its `Retry-After`, and an
 * unexpected error (a bug, a database or file-system error, whose message can hold paths or
 * SQL) is logged with an id and replaced by a message that only names that id.
 */
export function errorsForCallers(
  logger: LoggerService,
): express.ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (error instanceof TooManyRequestsError) {
      res.set('Retry-After', String(error.retryAfterSeconds));
    }
    if (
      isError(error) &&
      (FOR_CALLERS.has(error.name) || isClientError(error))
    ) {
      next(error);
      return;
    }
    const logId = randomBytes(8).toString('hex');
    logger.error(
      `Request failed with an internal error, logId=${logId}`,
      isError(error) ? error : new Error(String(error)),
    );
    const replaced = new Error(
      `An internal error occurred in eks-platform; the backend log has it under logId=${logId}`,
    );
    delete replaced.stack;
    next(replaced);
  };
}
