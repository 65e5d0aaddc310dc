import { type SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { DiscoveryAccount } from '../types';
import { scheduleWithDefaults } from './readServiceSettings';
import { ACCOUNT_ID, readAssumeRole, REGION } from './readEksPlatformClusters';

const DISCOVERY_KEY = 'eksPlatform.discovery';

/** Default discovery schedule: every 30 minutes, from start-up. */
export const DEFAULT_DISCOVERY_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 30 },
    timeout: { minutes: 5 },
    scope: 'global',
  };

/** The `eksPlatform.discovery` block, read and validated. */
export type DiscoverySettings = {
  accounts: DiscoveryAccount[];
  schedule: SchedulerServiceTaskScheduleDefinition;
};

/**
 * Reads `eksPlatform.discovery`; `undefined` when it is absent. Values are not
 * echoed in error messages (role ARNs and external ids stay out of logs).
 *
 * @throws Error naming the config key when an account id is not 12 digits, a
 *   region or role ARN is malformed, an account has no region, an account is
 *   listed twice, or `externalId` is set without `assumeRole`.
 */
export function readDiscoveryConfig(
  config: Config,
): DiscoverySettings | undefined {
  const block = config.getOptionalConfig(DISCOVERY_KEY);
  if (!block) {
    return undefined;
  }
  const seen = new Map<string, string>();
  const accounts = block
    .getConfigArray('accounts')
    .map((entry, index): DiscoveryAccount => {
      const key = `${DISCOVERY_KEY}.accounts[${index}]`;
      const raw = entry.getOptional('accountId');
      const accountId =
        typeof raw === 'number' ? String(raw) : entry.getString('accountId');
      if (!ACCOUNT_ID.test(accountId)) {
        throw new Error(
          `Invalid AWS account id at '${key}.accountId': it must be exactly 12 digits; quote it in YAML ('012345678901') so leading zeros are kept`,
        );
      }
      const previous = seen.get(accountId);
      if (previous) {
        throw new Error(
          `Duplicate account at '${key}.accountId': already listed at '${previous}'; list all its regions in one entry`,
        );
      }
      seen.set(accountId, key);

      const regions = entry.getStringArray('regions');
      if (regions.length === 0) {
        throw new Error(`'${key}.regions' lists no region`);
      }
      regions.forEach((region, i) => {
        if (!REGION.test(region)) {
          throw new Error(
            `Invalid AWS region at '${key}.regions[${i}]': expected a region code such as 'eu-west-1'`,
          );
        }
      });

      const { assumeRole, externalId } = readAssumeRole(entry, key);
      return {
        accountId,
        regions: [...new Set(regions)],
        ...(assumeRole && { assumeRole }),
        ...(externalId && { externalId }),
      };
    });

  const scheduleConfig = block.getOptionalConfig('schedule');
  const schedule = scheduleWithDefaults(
    DEFAULT_DISCOVERY_SCHEDULE,
    scheduleConfig,
  );
  return { accounts, schedule };
}
