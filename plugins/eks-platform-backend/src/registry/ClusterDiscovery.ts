import {
  DescribeClusterCommand,
  type EKSClient,
  paginateListClusters,
} from '@aws-sdk/client-eks';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { AwsAccess } from '../aws/AwsAccess';
import type { DiscoveredClusterStore } from '../store/DiscoveredClusterStore';
import type {
  ClusterAwsAccess,
  DiscoveredCluster,
  DiscoveryAccount,
} from '../types';
import { isValidClusterName } from '../config/clusterNames';
import {
  type DiscoverySettings,
  readDiscoveryConfig,
} from '../config/readDiscoveryConfig';

/** What one discovery run found, per account and region. */
export type DiscoveryResult = {
  /** `<accountId>/<region>` -> names found there; absent when listing failed. */
  found: Map<string, string[]>;
  /** `<accountId>/<region>` of the scopes whose listing failed. */
  failed: string[];
};

/**
 * Optional EKS discovery (`eksPlatform.discovery`): for each configured
 * account and region, `ListClusters` (every page) and `DescribeCluster` for
 * each cluster, with the account's credentials from
 * `@backstage/integration-aws-node` and its role when one is set. What is
 * found replaces what was stored for that account and region in the plugin's
 * database, which every backend replica reads through the cluster registry.
 *
 * A failed `ListClusters` keeps what was found there before (with a warning);
 * a failed `DescribeCluster` keeps that cluster's previous row. A cluster
 * without an endpoint yet (being created) is left out, and so is a cluster
 * whose ARN names another account: the credentials used were not the
 * account's own, and its identity would be wrong.
 */
export class ClusterDiscovery {
  readonly #settings: DiscoverySettings;
  readonly #aws: Pick<AwsAccess, 'clientsFor'>;
  readonly #store: DiscoveredClusterStore;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #accounts: Map<string, DiscoveryAccount>;

  /**
   * `undefined` when `eksPlatform.discovery` is not configured.
   *
   * @throws Error naming the config key when the block is invalid.
   */
  static fromConfig(
    config: Config,
    options: {
      aws: Pick<AwsAccess, 'clientsFor'>;
      store: DiscoveredClusterStore;
      logger: LoggerService;
      now?: () => Date;
    },
  ): ClusterDiscovery | undefined {
    const settings = readDiscoveryConfig(config);
    return settings
      ? new ClusterDiscovery({ ...options, settings })
      : undefined;
  }

  private constructor(options: {
    settings: DiscoverySettings;
    aws: Pick<AwsAccess, 'clientsFor'>;
    store: DiscoveredClusterStore;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.#settings = options.settings;
    this.#aws = options.aws;
    this.#store = options.store;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#accounts = new Map(
      options.settings.accounts.map(a => [a.accountId, a]),
    );
  }

  /** The discovery task's schedule. */
  get schedule() {
    return this.#settings.schedule;
  }

  /** The discovered clusters, from the database. */
  async list(): Promise<DiscoveredCluster[]> {
    return this.#store.list();
  }

  /** The role to assume for a discovered cluster's account, if any (server-side only). */
  accessFor(accountId: string): ClusterAwsAccess | undefined {
    const account = this.#accounts.get(accountId);
    if (!account?.assumeRole) {
      return undefined;
    }
    return {
      assumeRole: account.assumeRole,
      ...(account.externalId && { externalId: account.externalId }),
    };
  }

  /** Runs discovery over every configured account and region. Never throws for an AWS failure. */
  async discover(
    options: { signal?: AbortSignal } = {},
  ): Promise<DiscoveryResult> {
    const result: DiscoveryResult = { found: new Map(), failed: [] };
    // Names are unique in the registry: the first account and region (in
    // config order) to find a name keeps it.
    const previous = await this.#store.list();
    const owner = new Map<string, string>();
    for (const account of this.#settings.accounts) {
      for (const region of account.regions) {
        if (options.signal?.aborted) {
          return result;
        }
        const scope = `${account.accountId}/${region}`;
        const found = await this.#discoverScope(
          account,
          region,
          options.signal,
        );
        if (!found) {
          result.failed.push(scope);
          for (const row of previous) {
            if (`${row.accountId}/${row.region}` === scope) {
              owner.set(row.name, scope);
            }
          }
          continue;
        }
        const clusters = found.clusters.filter(cluster => {
          const taken = owner.get(cluster.name);
          if (taken) {
            this.#logger.warn(
              `EKS discovery: ignoring cluster '${cluster.name}' in ${scope}: a cluster of that name was already found in ${taken}`,
            );
            return false;
          }
          owner.set(cluster.name, scope);
          return true;
        });
        await this.#store.replaceScope(
          { accountId: account.accountId, region },
          clusters,
          found.keep,
        );
        result.found.set(
          scope,
          clusters.map(c => c.name),
        );
      }
    }
    return result;
  }

  /** `undefined` when the clusters of that account and region could not be listed. */
  async #discoverScope(
    account: DiscoveryAccount,
    region: string,
    signal: AbortSignal | undefined,
  ): Promise<{ clusters: DiscoveredCluster[]; keep: string[] } | undefined> {
    const where = `account ${account.accountId}, region ${region}`;
    let eks: EKSClient;
    let names: string[];
    try {
      ({ eks } = await this.#aws.clientsFor({
        region,
        accountId: account.accountId,
        aws: this.accessFor(account.accountId),
      }));
      names = [];
      for await (const page of paginateListClusters({ client: eks }, {})) {
        names.push(...(page.clusters ?? []));
      }
    } catch (error) {
      this.#logger.warn(
        `EKS discovery could not list the clusters of ${where}; keeping those found there before: ${describe(
          error,
        )}`,
      );
      return undefined;
    }

    const clusters: DiscoveredCluster[] = [];
    const keep: string[] = [];
    let otherAccount = 0;
    const discoveredAt = this.#now().toISOString();
    for (const name of names) {
      if (!isValidClusterName(name)) {
        this.#logger.warn(
          `EKS discovery: ignoring a cluster of ${where} whose name is not usable as a cluster name`,
        );
        continue;
      }
      try {
        const { cluster } = await eks.send(
          new DescribeClusterCommand({ name }),
          { abortSignal: signal },
        );
        if (!cluster?.endpoint) {
          this.#logger.info(
            `EKS discovery: skipping ${name} in ${where}: it has no API server endpoint yet (status ${
              cluster?.status ?? 'unknown'
            })`,
          );
          continue;
        }
        if (arnAccount(cluster.arn) !== account.accountId) {
          otherAccount += 1;
          continue;
        }
        clusters.push({
          name,
          accountId: account.accountId,
          region,
          eksName: name,
          endpoint: cluster.endpoint,
          ...(cluster.certificateAuthority?.data && {
            caData: cluster.certificateAuthority.data,
          }),
          discoveredAt,
        });
      } catch (error) {
        keep.push(name);
        this.#logger.warn(
          `EKS discovery could not describe ${name} in ${where}; keeping what was found before: ${describe(
            error,
          )}`,
        );
      }
    }
    if (otherAccount > 0) {
      this.#logger.warn(
        `EKS discovery: ignoring ${otherAccount} cluster(s) listed in ${where} whose ARN is in another account; check the credentials configured for ${account.accountId}`,
      );
    }
    this.#logger.info(
      `EKS discovery found ${clusters.length} cluster(s) in ${where}`,
    );
    return { clusters, keep };
  }
}

/** The account id of an EKS cluster ARN (`arn:aws:eks:<region>:<account>:cluster/<name>`). */
function arnAccount(arn: string | undefined): string | undefined {
  return arn?.split(':')[4];
}

/** An AWS error's name and message; never the request (it may carry signatures). */
function describe(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
}
