import { type Config, readDurationFromConfig } from '@backstage/config';
import { type HumanDuration, durationToMilliseconds } from '@backstage/types';

/** Default cooldown between two collections of a cluster asked for by `POST /refresh`: 60 s. */
export const DEFAULT_REFRESH_COOLDOWN: HumanDuration = { seconds: 60 };
/** Default manual refreshes per user and minute. */
export const DEFAULT_REFRESHES_PER_USER_PER_MINUTE = 10;
/** Default time a namespace check's answer is reused: 5 s. */
export const DEFAULT_NAMESPACE_CHECK_CACHE: HumanDuration = { seconds: 5 };
/** Default live namespace checks per user and minute. */
export const DEFAULT_NAMESPACE_CHECKS_PER_USER_PER_MINUTE = 30;

/** How often callers may make the backend call a cluster (`eksPlatform.refresh`, `eksPlatform.namespaceCheck`). */
export type RequestLimitSettings = {
  refresh: { cooldownMs: number; perUserPerMinute: number };
  namespaceCheck: { cacheMs: number; perUserPerMinute: number };
};

/**
 * Reads `eksPlatform.refresh` (cooldown, perUserPerMinute) and `eksPlatform.namespaceCheck`
 * (cacheFor, perUserPerMinute).
 *
 * @throws Error naming the key of an invalid value.
 */
export function readRequestLimits(config: Config): RequestLimitSettings {
  return {
    refresh: {
      cooldownMs: readDurationMs(
        config,
        'eksPlatform.refresh.cooldown',
        DEFAULT_REFRESH_COOLDOWN,
      ),
      perUserPerMinute: readPerMinute(
        config,
        'eksPlatform.refresh.perUserPerMinute',
        DEFAULT_REFRESHES_PER_USER_PER_MINUTE,
      ),
    },
    namespaceCheck: {
      cacheMs: readDurationMs(
        config,
        'eksPlatform.namespaceCheck.cacheFor',
        DEFAULT_NAMESPACE_CHECK_CACHE,
      ),
      perUserPerMinute: readPerMinute(
        config,
        'eksPlatform.namespaceCheck.perUserPerMinute',
        DEFAULT_NAMESPACE_CHECKS_PER_USER_PER_MINUTE,
      ),
    },
  };
}

/** A duration key: an ISO 8601 duration, a string such as `'60s'`, or a HumanDuration object. */
export function readDurationMs(
  config: Config,
  key: string,
  fallback: HumanDuration,
): number {
  if (!config.has(key)) return durationToMilliseconds(fallback);
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw new Error(`Invalid '${key}': ${(error as Error).message}`);
  }
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`Invalid '${key}': it must be a duration of zero or more`);
  }
  return ms;
}

function readPerMinute(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Invalid '${key}': it must be a whole number of 1 or more`);
  }
  return value;
}
