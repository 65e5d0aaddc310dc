import type { Config } from '@backstage/config';
import type { EksPlatformClusterConfig } from '../types';
import { CLUSTER_NAME_RULE, isValidClusterName } from './clusterNames';

const CLUSTERS_KEY = 'eksPlatform.clusters';

export const ACCOUNT_ID = /^\d{12}$/;
// Commercial, GovCloud, China and ISO partitions: eu-west-1, us-gov-west-1,
// cn-north-1, us-isob-east-1, ap-southeast-7.
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
// EKS: 1-100 characters, alphanumeric first, then alphanumerics, '-' and '_'.
const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/**
 * Reads the optional `eksPlatform.clusters` block: the EKS identity (and,
 * server-side only, the role to assume) of clusters known to the Kubernetes
 * plugin.
 *
 * Values are never echoed in error messages: the key is enough to find them,
 * and some (role ARNs, external ids) should not end up in logs.
 *
 * @throws Error naming the config key when an entry is missing `name`,
 *   `region` or `accountId`, has a malformed value, or repeats a name.
 */
export function readEksPlatformClusters(
  config: Config,
): EksPlatformClusterConfig[] {
  const entries = config.getOptionalConfigArray(CLUSTERS_KEY) ?? [];
  const keyByName = new Map<string, string>();

  return entries.map((entry, index) => {
    const key = `${CLUSTERS_KEY}[${index}]`;

    const name = entry.getString('name');
    if (!isValidClusterName(name)) {
      throw new Error(
        `Invalid cluster name at '${key}.name': it must be ${CLUSTER_NAME_RULE}`,
      );
    }
    const previousKey = keyByName.get(name);
    if (previousKey) {
      throw new Error(
        `Duplicate cluster name '${name}' at '${key}.name': already used at '${previousKey}.name'`,
      );
    }
    keyByName.set(name, key);

    const clusterName = entry.getOptionalString('clusterName');
    if (clusterName !== undefined && !EKS_CLUSTER_NAME.test(clusterName)) {
      throw new Error(
        `Invalid EKS cluster name at '${key}.clusterName': it must be 1-100 characters of A-Z, a-z, 0-9, '-' or '_', starting with a letter or digit`,
      );
    }

    const region = entry.getString('region');
    if (!REGION.test(region)) {
      throw new Error(
        `Invalid AWS region at '${key}.region': expected a region code such as 'eu-west-1'`,
      );
    }

    const accountId = readAccountId(entry, key);

    const { assumeRole, externalId } = readAssumeRole(entry, key);

    return {
      name,
      ...(clusterName && { clusterName }),
      region,
      accountId,
      ...(assumeRole && { assumeRole }),
      ...(externalId && { externalId }),
      configKey: key,
    };
  });
}

/**
 * Reads `accountId`. YAML turns an unquoted `123456789012` into a number and
 * drops leading zeros, so a number is accepted only if it still has 12 digits.
 */
function readAccountId(entry: Config, key: string): string {
  const raw = entry.getOptional('accountId');
  if (raw === undefined) {
    // Let the Config API produce its standard "missing" message.
    return entry.getString('accountId');
  }
  const value = typeof raw === 'number' ? String(raw) : raw;
  if (typeof value !== 'string' || !ACCOUNT_ID.test(value)) {
    throw new Error(
      `Invalid AWS account id at '${key}.accountId': it must be exactly 12 digits; quote it in YAML ('012345678901') so leading zeros are kept`,
    );
  }
  return value;
}

/**
 * Reads and checks an optional `assumeRole` (IAM role ARN) and `externalId` under `key`; an external
 * id without a role is refused.
 */
export function readAssumeRole(
  entry: Config,
  key: string,
): { assumeRole?: string; externalId?: string } {
  const assumeRole = entry.getOptionalString('assumeRole');
  if (assumeRole !== undefined && !ROLE_ARN.test(assumeRole)) {
    throw new Error(
      `Invalid IAM role ARN at '${key}.assumeRole': expected 'arn:aws:iam::<12-digit account>:role/<name>'`,
    );
  }
  const externalId = entry.getOptionalString('externalId');
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
    throw new Error(
      `Invalid external id at '${key}.externalId': expected 2-1224 characters of letters, digits and +=,.@:/-_`,
    );
  }
  if (externalId !== undefined && assumeRole === undefined) {
    throw new Error(
      `'${key}.externalId' is set without '${key}.assumeRole': an external id is only used when assuming a role`,
    );
  }
  return { assumeRole, externalId };
}
