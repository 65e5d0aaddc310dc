import {
  type SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** Default collection schedule: every 5 minutes, 2 minutes at most, first run after 5 s, one replica per cluster. */
export const DEFAULT_COLLECTION_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 5 },
    timeout: { minutes: 2 },
    initialDelay: { seconds: 5 },
    scope: 'global',
  };

/** Default days of history kept. */
export const DEFAULT_RETENTION_DAYS = 30;

/** Default age after which a snapshot is stale: 15 minutes (three default periods). */
export const DEFAULT_STALE_AFTER_MINUTES = 15;

/** How AWS is called: `eksPlatform.aws`. */
export type AwsSettings = {
  /** Replaces the EKS and EC2 endpoints (the fleet simulator in development). */
  endpoint?: string;
  /** SDK attempts per call, retries of throttling and 5xx included. */
  maxAttempts: number;
  /** Timeout of each attempt of an EKS or EC2 call, in milliseconds. */
  requestTimeoutMs: number;
};

/**
 * Default per-attempt timeout of AWS calls: 10 s. EKS and EC2 answer in well under a second;
 * with 3 attempts a hung endpoint costs a collection about 30 s, not the 90 s of the
 * Kubernetes timeout, so the Kubernetes figures are still stored within the task's timeout.
 */
export const DEFAULT_AWS_REQUEST_TIMEOUT_MS = 10_000;

/** Reads `eksPlatform.aws` (endpoint, maxAttempts: default 3, requestTimeoutMs: default 10 s). */
export function readAwsSettings(config: Config): AwsSettings {
  const endpoint = config.getOptionalString('eksPlatform.aws.endpoint');
  const requestTimeoutMs = readPositive(
    config,
    'eksPlatform.aws.requestTimeoutMs',
    DEFAULT_AWS_REQUEST_TIMEOUT_MS,
    'milliseconds',
  );
  return {
    ...(endpoint !== undefined && { endpoint }),
    maxAttempts: config.getOptionalNumber('eksPlatform.aws.maxAttempts') ?? 3,
    requestTimeoutMs,
  };
}

/** How collections are scheduled and how long their history is kept. */
export type CollectionScheduleSettings = {
  schedule: SchedulerServiceTaskScheduleDefinition;
  retentionDays: number;
};

/**
 * Reads `eksPlatform.schedule` (over the default schedule) and `eksPlatform.retention.days`.
 *
 * @throws Error naming the key for a retention that is not a positive number of days.
 */
export function readCollectionSchedule(
  config: Config,
): CollectionScheduleSettings {
  const schedule = scheduleWithDefaults(
    DEFAULT_COLLECTION_SCHEDULE,
    config.getOptionalConfig('eksPlatform.schedule'),
  );
  const retentionDays = readPositive(
    config,
    'eksPlatform.retention.days',
    DEFAULT_RETENTION_DAYS,
    'days',
  );
  return { schedule, retentionDays };
}

/** A positive number at `key`, or `fallback` when unset; `unit` names it in the error. */
function readPositive(
  config: Config,
  key: string,
  fallback: number,
  unit: string,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(
      `Invalid '${key}': it must be a positive number of ${unit}`,
    );
  }
  return value;
}

/** Reads `eksPlatform.staleAfterMinutes`: the age after which the views call a snapshot stale. */
export function readStaleAfterMs(config: Config): number {
  const minutes =
    config.getOptionalNumber('eksPlatform.staleAfterMinutes') ??
    DEFAULT_STALE_AFTER_MINUTES;
  return minutes * 60_000;
}

/**
 * A schedule block over its defaults: keys the block leaves out keep their default (Backstage's
 * reader returns them as undefined, which would otherwise wipe the default out).
 */
export function scheduleWithDefaults(
  defaults: SchedulerServiceTaskScheduleDefinition,
  block: Config | undefined,
): SchedulerServiceTaskScheduleDefinition {
  if (!block) return defaults;
  const read = readSchedulerServiceTaskScheduleDefinitionFromConfig(block);
  return {
    ...defaults,
    ...Object.fromEntries(
      Object.entries(read).filter(([, v]) => v !== undefined),
    ),
  };
}
