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
};

/** Reads `eksPlatform.aws` (endpoint, maxAttempts; default 3 attempts). */
export function readAwsSettings(config: Config): AwsSettings {
  const endpoint = config.getOptionalString('eksPlatform.aws.endpoint');
  return {
    ...(endpoint !== undefined && { endpoint }),
    maxAttempts: config.getOptionalNumber('eksPlatform.aws.maxAttempts') ?? 3,
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
  const retentionDays =
    config.getOptionalNumber('eksPlatform.retention.days') ??
    DEFAULT_RETENTION_DAYS;
  if (!(retentionDays > 0)) {
    throw new Error(
      "Invalid 'eksPlatform.retention.days': it must be a positive number of days",
    );
  }
  return { schedule, retentionDays };
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
