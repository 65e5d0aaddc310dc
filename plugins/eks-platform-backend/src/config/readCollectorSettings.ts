import type { Config } from '@backstage/config';
import type {
  CapacityType,
  CapacityTypeRule,
} from '@eks-platform/plugin-eks-platform-common';

/** Tunables of a collection (`eksPlatform.collection`, `eksPlatform.capacityTypeRules`). */
export type CollectorSettings = {
  /** Pods (and other lists) per page; default 500. */
  pageSize: number;
  /** Per-request timeout for Kubernetes (AWS calls have their own, `eksPlatform.aws.requestTimeoutMs`). */
  requestTimeoutMs: number;
  /** Retries after 429 from Kubernetes. */
  maxRetries: number;
  capacityTypeRules?: CapacityTypeRule[];
};

const CAPACITY_TYPES: CapacityType[] = [
  'spot',
  'on-demand',
  'reserved',
  'capacity-block',
  'fargate',
  'unknown',
];

/**
 * Reads `eksPlatform.collection` (page size, per-request timeout, retries) and
 * `eksPlatform.capacityTypeRules` (replaces the default label rules).
 *
 * @throws Error naming the key for an invalid value.
 */
export function readCollectorSettings(config: Config): CollectorSettings {
  const pageSize =
    config.getOptionalNumber('eksPlatform.collection.pageSize') ?? 500;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 5000) {
    throw new Error(
      "Invalid 'eksPlatform.collection.pageSize': it must be an integer from 1 to 5000",
    );
  }
  const requestTimeoutMs =
    config.getOptionalNumber('eksPlatform.collection.requestTimeoutMs') ??
    30_000;
  if (!(requestTimeoutMs > 0)) {
    throw new Error(
      "Invalid 'eksPlatform.collection.requestTimeoutMs': it must be a positive number of milliseconds",
    );
  }
  const maxRetries =
    config.getOptionalNumber('eksPlatform.collection.maxRetries') ?? 3;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new Error(
      "Invalid 'eksPlatform.collection.maxRetries': it must be a whole number",
    );
  }
  const rulesConfig = config.getOptionalConfigArray(
    'eksPlatform.capacityTypeRules',
  );
  let capacityTypeRules: CapacityTypeRule[] | undefined;
  if (rulesConfig) {
    capacityTypeRules = rulesConfig.map((rule, index) => {
      const key = `eksPlatform.capacityTypeRules[${index}]`;
      const values = rule.get<Record<string, string>>('values');
      for (const [value, type] of Object.entries(values)) {
        if (!CAPACITY_TYPES.includes(type as CapacityType)) {
          throw new Error(
            `Invalid capacity type '${type}' for '${value}' at '${key}.values': expected one of ${CAPACITY_TYPES.join(
              ', ',
            )}`,
          );
        }
      }
      const description = rule.getOptionalString('description');
      return {
        label: rule.getString('label'),
        values: values as Record<string, CapacityType>,
        ...(description && { description }),
      };
    });
  }
  return {
    pageSize,
    requestTimeoutMs,
    maxRetries,
    ...(capacityTypeRules && { capacityTypeRules }),
  };
}
