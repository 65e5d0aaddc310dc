import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type CollectionError,
  type DataSource,
  instanceTypeOf,
} from '@eks-platform/plugin-eks-platform-common';
import {
  type AwsAccess,
  type AwsClients,
  closeAwsClients,
} from '../aws/AwsAccess';
import { type Ec2Facts, readEc2 } from '../aws/readEc2';
import { readEks } from '../aws/readEks';
import type { CollectorSettings } from '../config/readCollectorSettings';
import type { ClusterTarget } from '../types';
import { buildSnapshot, historyPointsOf } from './buildSnapshot';
import { CollectionFailure, classifyError } from './errors';
import { openKubernetesReader } from './kubernetesConnection';
import { type KubernetesFacts, readKubernetes } from './readKubernetes';
import type { CollectionResult } from '../store/types';

/** The failures of one collection: each marks its source partial and is logged. */
class SourceFailures {
  readonly partial = new Set<DataSource>();
  readonly errors: CollectionError[] = [];

  constructor(
    private readonly cluster: string,
    private readonly logger: LoggerService,
    private readonly now: () => Date,
  ) {}

  add(failure: CollectionFailure) {
    this.partial.add(failure.source);
    this.errors.push(failure.toCollectionError(this.now()));
    this.logger.warn(
      `Collecting ${this.cluster}: ${failure.source} ${failure.kind}: ${failure.message}`,
    );
  }
}

/**
 * Collects one cluster: reads Kubernetes (`readKubernetes`), EKS while Kubernetes is listed
 * (`readEks`) and then EC2 (`readEc2`), and hands what it read to the pure `buildSnapshot`.
 * A Kubernetes failure fails the collection; an EKS or EC2 failure makes the snapshot partial
 * (`partial: ['ec2']`) with the error recorded.
 */
export class ClusterCollector {
  readonly #aws: AwsAccess;
  readonly #settings: CollectorSettings;
  readonly #logger: LoggerService;

  static create(options: {
    aws: AwsAccess;
    settings: CollectorSettings;
    logger: LoggerService;
  }): ClusterCollector {
    return new ClusterCollector(options.aws, options.settings, options.logger);
  }

  private constructor(
    aws: AwsAccess,
    settings: CollectorSettings,
    logger: LoggerService,
  ) {
    this.#aws = aws;
    this.#settings = settings;
    this.#logger = logger;
  }

  /**
   * @throws CollectionFailure when the Kubernetes API cannot be read, or the
   *   cluster cannot be reached with its configuration.
   */
  async collect(
    target: ClusterTarget,
    options: { signal?: AbortSignal; now?: () => Date } = {},
  ): Promise<CollectionResult> {
    const now = options.now ?? (() => new Date());
    const name = target.summary.name;
    const eksIdentity = target.summary.eks;
    const failures = new SourceFailures(name, this.#logger, now);
    const clients = await this.#clientsOrFailures(target, failures);
    const reader = await this.#reader(target, clients, options.signal).catch(
      error => {
        closeAwsClients(clients);
        throw error;
      },
    );

    // EKS runs while Kubernetes is listed; EC2 needs both.
    const eksPromise =
      clients && eksIdentity
        ? readEks(clients.eks, eksIdentity.clusterName, options.signal).catch(
            error => {
              failures.add(classifyError(error, 'eks', 'Reading EKS'));
              return undefined;
            },
          )
        : Promise.resolve(undefined);
    let kube: KubernetesFacts;
    try {
      kube = await readKubernetes(reader, {
        cluster: name,
        pageSize: this.#settings.pageSize,
        logger: this.#logger,
      });
    } catch (error) {
      await eksPromise;
      closeAwsClients(clients);
      throw classifyError(error, 'kubernetes', 'Reading Kubernetes');
    } finally {
      reader.close();
    }
    const eks = await eksPromise;

    let ec2: Ec2Facts | undefined;
    if (clients) {
      try {
        ec2 = await readEc2(clients.ec2, options.signal, {
          subnetIds: [
            ...new Set([
              ...(eks?.subnetIds ?? []),
              ...kube.eniConfigs
                .map(c => c.spec?.subnet)
                .filter((s): s is string => !!s),
            ]),
          ],
          eksClusterName: eksIdentity?.clusterName,
          vpcId: eks?.vpcId,
          instanceTypes: [
            ...new Set(
              kube.nodes
                .map(n => instanceTypeOf(n))
                .filter((t): t is string => !!t),
            ),
          ].sort(),
        });
      } catch (error) {
        failures.add(classifyError(error, 'ec2', 'Reading EC2'));
      }
    }
    // Each collection makes its own clients: free their sockets now, not when the server drops them.
    closeAwsClients(clients);

    const snapshot = buildSnapshot(
      {
        cluster: name,
        collectedAt: now().toISOString(),
        partial: [...failures.partial].sort(),
        sourceErrors: failures.errors,
        kubernetes: kube,
        ...(eks &&
          eksIdentity && {
            eks: { clusterName: eksIdentity.clusterName, ...eks },
          }),
        ...(ec2 && { ec2 }),
      },
      this.#settings,
    );
    return { snapshot, history: historyPointsOf(snapshot) };
  }

  /**
   * Asks the cluster now whether a namespace exists (`GET /api/v1/namespaces/:name`, 404 = no), with the
   * collector's credentials. For the scaffolder's preflight, which must not rely on a snapshot minutes old.
   *
   * @throws CollectionFailure when the cluster cannot be asked.
   */
  async namespaceExists(
    target: ClusterTarget,
    namespace: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<boolean> {
    const eks = target.summary.eks;
    let clients: AwsClients | undefined;
    if (target.summary.authProvider === 'aws' && eks?.region) {
      try {
        clients = await this.#clientsFor(target, eks.region);
      } catch (error) {
        throw classifyError(error, 'kubernetes', 'Getting AWS credentials');
      }
    }
    // The clients were only needed for the EKS token.
    const reader = await this.#reader(target, clients, options.signal).finally(
      () => closeAwsClients(clients),
    );
    try {
      const found = await reader.get<{ kind?: string }>(
        `/api/v1/namespaces/${encodeURIComponent(namespace)}`,
      );
      return found !== undefined;
    } catch (error) {
      throw classifyError(error, 'kubernetes', 'Reading the namespace');
    } finally {
      reader.close();
    }
  }

  /** The cluster's AWS clients, or the failures that say why there are none (EKS and EC2 then partial). */
  async #clientsOrFailures(
    target: ClusterTarget,
    failures: SourceFailures,
  ): Promise<AwsClients | undefined> {
    const region = target.summary.eks?.region;
    if (!region) {
      for (const source of ['eks', 'ec2'] as const) {
        failures.add(
          new CollectionFailure({
            kind: 'configuration',
            source,
            message: `No AWS region for ${target.summary.name}: add it to eksPlatform.clusters`,
          }),
        );
      }
      return undefined;
    }
    try {
      return await this.#clientsFor(target, region);
    } catch (error) {
      failures.add(classifyError(error, 'eks', 'Getting AWS credentials'));
      return undefined;
    }
  }

  /** AWS clients for the cluster's account (its assume-role, if any) in `region`. */
  #clientsFor(target: ClusterTarget, region: string): Promise<AwsClients> {
    return this.#aws.clientsFor({
      region,
      accountId: target.summary.eks?.accountId,
      aws: target.aws,
    });
  }

  #reader(
    target: ClusterTarget,
    clients: AwsClients | undefined,
    signal: AbortSignal | undefined,
  ) {
    return openKubernetesReader(target, clients, {
      requestTimeoutMs: this.#settings.requestTimeoutMs,
      maxRetries: this.#settings.maxRetries,
      signal,
    });
  }
}
