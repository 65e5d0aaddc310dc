import { createHash } from 'node:crypto';

/** What a continue token remembers: where the next page starts, for which query, and when it was issued. */
export interface ContinueState {
  resourceVersion: string;
  start: number;
  query: string;
  issuedAt: number;
}

export class InvalidContinueError extends Error {}

export function queryFingerprint(parts: (string | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map(p => p ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 12);
}

export function encodeContinue(state: ContinueState): string {
  return Buffer.from(
    JSON.stringify({
      v: 'meta.k8s.io/v1',
      rv: state.resourceVersion,
      start: state.start,
      q: state.query,
      t: state.issuedAt,
    }),
  ).toString('base64url');
}

export function decodeContinue(token: string): ContinueState {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      parsed.v !== 'meta.k8s.io/v1' ||
      typeof parsed.start !== 'number' ||
      typeof parsed.t !== 'number'
    ) {
      throw new Error('bad shape');
    }
    return {
      resourceVersion: String(parsed.rv),
      start: parsed.start,
      query: String(parsed.q),
      issuedAt: parsed.t,
    };
  } catch {
    throw new InvalidContinueError(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}
