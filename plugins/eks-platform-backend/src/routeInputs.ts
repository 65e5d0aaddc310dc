import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { HistoryMetric } from '@eks-platform/plugin-eks-platform-common';
import { z } from 'zod';
import { CLUSTER_NAME_PATTERN } from './config/clusterNames';

export const clusterNameSchema = z.string().regex(CLUSTER_NAME_PATTERN);

/** A Kubernetes namespace name: an RFC 1123 label. */
export const namespaceSchema = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 date or date-time naming a day that exists: `Date.parse` rolls
 * an impossible day over (February 30 becomes March 2), so the calendar
 * fields are checked against the day they parse to.
 */
export function isIsoDateTime(value: string): boolean {
  const match = ISO_DATE_TIME.exec(value);
  if (!match || !Number.isFinite(Date.parse(value))) return false;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number);
  // setUTCFullYear, unlike Date.UTC, reads years 0-99 as they are.
  const parsed = new Date(0);
  parsed.setUTCFullYear(year, month - 1, day);
  const sameDay =
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === day;
  const hours = match[5] === undefined ? 0 : Number(match[5]);
  const minutes = match[6] === undefined ? 0 : Number(match[6]);
  return sameDay && hours <= 23 && minutes <= 59;
}

const isoDateTime = z.string().refine(isIsoDateTime, {
  message: 'must be an ISO 8601 date or date-time',
});

export const HISTORY_METRICS = [
  'spot-cpu-share',
  'requested-cpu',
  'allocatable-cpu',
  'free-ips',
  'additional-pods',
] as const satisfies readonly HistoryMetric[];

export const historyQuerySchema = z.object({
  metric: z.enum(HISTORY_METRICS),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

export const entityQuerySchema = z.object({
  entityRef: z.string().min(1).max(1000),
});

/** The first problem zod found, as `path: message`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || 'input'}: ${issue.message}`;
}

/** Who is asking, for per-user limits: the user entity ref, or the calling service. */
export function callerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return `${principal.type ?? 'unknown'}:${principal.subject ?? ''}`;
}
