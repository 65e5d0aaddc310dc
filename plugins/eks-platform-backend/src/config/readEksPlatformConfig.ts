import type { Config } from '@backstage/config';
import {
  type CollectorSettings,
  readCollectorSettings,
} from './readCollectorSettings';
import {
  type DiscoverySettings,
  readDiscoveryConfig,
} from './readDiscoveryConfig';
import {
  type RequestLimitSettings,
  readRequestLimits,
} from './readRequestLimits';
import {
  type AwsSettings,
  type CollectionScheduleSettings,
  readAwsSettings,
  readCollectionSchedule,
  readStaleAfterMs,
} from './readServiceSettings';

/**
 * The `eksPlatform` settings, read and validated. The clusters themselves (`eksPlatform.clusters`
 * over the Kubernetes plugin's cluster locators) are read by the registry, which joins the two.
 */
export type EksPlatformConfig = {
  discovery?: DiscoverySettings;
  collection: CollectorSettings;
  aws: AwsSettings;
  collectionSchedule: CollectionScheduleSettings;
  staleAfterMs: number;
  limits: RequestLimitSettings;
};

/**
 * Reads every `eksPlatform` setting through the one reader of each part, so the plugin fails
 * at start-up on the first invalid value, naming its key. Each service's `fromConfig` reads its
 * own part through the same readers.
 *
 * @throws Error naming the config key of an invalid value.
 */
export function readEksPlatformConfig(config: Config): EksPlatformConfig {
  const discovery = readDiscoveryConfig(config);
  return {
    ...(discovery && { discovery }),
    collection: readCollectorSettings(config),
    aws: readAwsSettings(config),
    collectionSchedule: readCollectionSchedule(config),
    staleAfterMs: readStaleAfterMs(config),
    limits: readRequestLimits(config),
  };
}
