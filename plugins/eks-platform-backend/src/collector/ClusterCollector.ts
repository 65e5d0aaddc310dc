import {
  DescribeInstanceTypesCommand,
  type EC2Client,
  paginateDescribeSubnets,
} from '@aws-sdk/client-ec2';
import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  type EKSClient,
  paginateDescribeAddonVersions,
  paginateDescribeClusterVersions,
  paginateListAddons,
  paginateListInsights,
  paginateListNodegroups,
} from '@aws-sdk/client-eks';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type CapacityTypeRule,
  type CollectionError,
  type DataSource,
  type Ec2InstanceTypeInfo,
  type Ec2Subnet,
  type EksAddonInfo,
  type EksClusterVersionInfo,
  type EksInsightSummary,
  type EksInstalledAddon,
  type EksNodegroupInfo,
  type EniConfig,
  type KubeEvent,
  type KubeNode,
  type KubePod,
  type KubePodDisruptionBudget,
  PodAccumulator,
  assessSpotRisk,
  classifyIpFailure,
  expandPodAggregates,
  instanceTypeOf,
  ipAssignmentFailures,
  ipHeadroom,
  parseAwsNodeSettings,
  summariseCapacity,
} from '@eks-platform/plugin-eks-platform-common';
import type { ClusterTarget } from '../types';
import { type AwsAccess, type AwsClients, closeAwsClients } from './AwsAccess';
import { createEksToken } from './eksToken';
import { CollectionFailure, classifyError } from './errors';
import { KubernetesReader } from './KubernetesReader';
import type { ClusterSnapshot, CollectionResult, HistoryPoint } from './types';

/** Tunables of a collection. */
export type CollectorSettings = {
  /** Pods (and other lists) per page; default 500. */
  pageSize: number;
  /** Per-request timeout for Kubernetes and AWS. */
  requestTimeoutMs: number;
  /** Retries after 429 from Kubernetes. */
  maxRetries: number;
  capacityTypeRules?: CapacityTypeRule[];
};

type ReplicaSetItem = {
  metadata?: {
    name?: string;
    namespace?: string;
    ownerReferences?: Array<{
      kind: string;
      name: string;
      controller?: boolean;
    }>;
  };
};

type DaemonSetItem = {
  spec?: {
    template?: {
      spec?: {
        containers?: Array<{
          name: string;
          image?: string;
          env?: Array<{ name: string; value?: string }>;
        }>;
      };
    };
  };
};

const NODE_GROUP_LABELS = [
  'eks.amazonaws.com/nodegroup',
  'karpenter.sh/nodepool',
  'alpha.eksctl.io/nodegroup-name',
  'eks.amazonaws.com/compute-type',
];

/** A node without what no calculation reads (images, conditions' messages, ...). */
function slimNode(node: KubeNode): KubeNode {
  return {
    metadata: {
      name: node.metadata.name,
      labels: node.metadata.labels,
      annotations: node.metadata.annotations?.['k8s.amazonaws.com/eniConfig']
        ? {
            'k8s.amazonaws.com/eniConfig':
              node.metadata.annotations['k8s.amazonaws.com/eniConfig'],
          }
        : undefined,
    },
    spec: {
      unschedulable: node.spec?.unschedulable,
      taints: node.spec?.taints,
    },
    status: {
      allocatable: node.status?.allocatable,
      nodeInfo: { kubeletVersion: node.status?.nodeInfo?.kubeletVersion },
    },
  };
}

function kubeletNode(node: KubeNode): KubeNode {
  const labels: Record<string, string> = {};
  for (const key of NODE_GROUP_LABELS) {
    const value = node.metadata.labels?.[key];
    if (value !== undefined) labels[key] = value;
  }
  return {
    metadata: { name: node.metadata.name, labels },
    status: {
      nodeInfo: { kubeletVersion: node.status?.nodeInfo?.kubeletVersion },
    },
  };
}

/**
 * Collects one cluster: the Kubernetes API (nodes, ReplicaSets, IP-failure
 * events, PDBs, aws-node, ENIConfigs, then pods page by page, reduced at once
 * by {@link PodAccumulator}), EKS (cluster, versions, insights, node groups,
 * add-ons) and EC2 (subnets, instance types), and computes the figures with
 * the pure calculations of `@eks-platform/plugin-eks-platform-common`.
 *
 * A Kubernetes failure fails the collection; an EKS or EC2 failure makes the
 * snapshot partial (`partial: ['ec2']`) with the error recorded.
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
    const region = eksIdentity?.region;
    const sourceErrors: CollectionError[] = [];
    const partial = new Set<DataSource>();
    const fail = (failure: CollectionFailure) => {
      partial.add(failure.source);
      sourceErrors.push(failure.toCollectionError(now()));
      this.#logger.warn(
        `Collecting ${name}: ${failure.source} ${failure.kind}: ${failure.message}`,
      );
    };

    let clients: AwsClients | undefined;
    if (region) {
      try {
        clients = await this.#clientsFor(target, region);
      } catch (error) {
        fail(classifyError(error, 'eks', 'Getting AWS credentials'));
      }
    } else {
      for (const source of ['eks', 'ec2'] as const) {
        fail(
          new CollectionFailure({
            kind: 'configuration',
            source,
            message: `No AWS region for ${name}: add it to eksPlatform.clusters`,
          }),
        );
      }
    }

    const reader = await this.#kubernetesReader(
      target,
      clients,
      options.signal,
    ).catch(error => {
      closeAwsClients(clients);
      throw error;
    });

    // EKS runs while Kubernetes is listed; EC2 needs both.
    const eksPromise =
      clients && eksIdentity
        ? this.#collectEks(
            clients.eks,
            eksIdentity.clusterName,
            options.signal,
          ).catch(error => {
            fail(classifyError(error, 'eks', 'Reading EKS'));
            return undefined;
          })
        : Promise.resolve(undefined);
    let kube: Awaited<ReturnType<ClusterCollector['collectKubernetes']>>;
    try {
      kube = await this.collectKubernetes(reader, name);
    } catch (error) {
      await eksPromise;
      closeAwsClients(clients);
      throw classifyError(error, 'kubernetes', 'Reading Kubernetes');
    } finally {
      reader.close();
    }
    const eks = await eksPromise;

    let ec2:
      | { subnets: Ec2Subnet[]; instanceTypes: Ec2InstanceTypeInfo[] }
      | undefined;
    if (clients) {
      try {
        ec2 = await this.#collectEc2(clients.ec2, options.signal, {
          subnetIds: [
            ...new Set([
              ...(eks?.subnetIds ?? []),
              ...kube.eniConfigs
                .map(c => c.spec?.subnet)
                .filter((s): s is string => !!s),
            ]),
          ],
          eksClusterName: eksIdentity?.clusterName,
          instanceTypes: [
            ...new Set(
              kube.nodes
                .map(n => instanceTypeOf(n))
                .filter((t): t is string => !!t),
            ),
          ].sort(),
        });
      } catch (error) {
        fail(classifyError(error, 'ec2', 'Reading EC2'));
      }
    }
    // Each collection makes its own clients: free their sockets now, not when the server drops them.
    closeAwsClients(clients);

    const rules = this.#settings.capacityTypeRules;
    const aggregates = kube.pods;
    const standIns = expandPodAggregates(aggregates);
    const capacity = summariseCapacity(kube.nodes, standIns, {
      capacityTypeRules: rules,
    });
    const ip = ipHeadroom(kube.nodes, standIns, ec2?.subnets ?? [], {
      settings: kube.awsNode.settings,
      instanceTypes: Object.fromEntries(
        (ec2?.instanceTypes ?? []).map(t => [t.InstanceType ?? '', t]),
      ),
      eniConfigs: kube.eniConfigs,
      capacityTypeRules: rules,
    });
    if (!ec2) {
      ip.notes.push('EC2 could not be read: subnet addresses are unknown');
    }
    const workloads = assessSpotRisk({
      nodes: kube.nodes,
      pods: standIns,
      pdbs: kube.pdbs,
      replicaSetOwners: kube.replicaSetOwners,
      capacityTypeRules: rules,
    });
    const failures = ipAssignmentFailures(
      kube.ipEvents,
      aggregates.podsOfInterest,
    );
    const failingKeys = new Set(
      failures.map(f => `${f.namespace}/${f.podName}`),
    );
    const ipFailureLabels: Record<string, Record<string, string>> = {};
    for (const pod of aggregates.podsOfInterest) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (failingKeys.has(key))
        ipFailureLabels[key] = pod.metadata.labels ?? {};
    }

    const snapshot: ClusterSnapshot = {
      format: 1,
      cluster: name,
      collectedAt: now().toISOString(),
      partial: [...partial].sort(),
      sourceErrors,
      kubernetes: {
        serverVersion: kube.serverVersion,
        nodes: kube.nodes.length,
        podsListed: aggregates.podsListed,
        podPages: kube.podPages,
        podListRestarts: kube.podListRestarts,
        capacity,
        workloads,
        workloadLabels: aggregates.workloadLabels,
        ipFailures: failures,
        ipFailureLabels,
        awsNode: kube.awsNode,
        eniConfigs: kube.eniConfigs,
        kubeletNodes: kube.nodes.map(kubeletNode),
        ...(kube.namespaces && { namespaces: kube.namespaces }),
      },
      ip,
      ...(eks &&
        eksIdentity && {
          eks: { clusterName: eksIdentity.clusterName, ...eks },
        }),
      ...(ec2 && {
        ec2: {
          subnets: ec2.subnets,
          instanceTypes: ec2.instanceTypes.map(t => t.InstanceType ?? ''),
        },
      }),
    };
    return { snapshot, history: historyOf(snapshot) };
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
    const reader = await this.#kubernetesReader(
      target,
      clients,
      options.signal,
    ).finally(() => closeAwsClients(clients));
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

  /** AWS clients for the cluster's account (its assume-role, if any) in `region`. */
  #clientsFor(target: ClusterTarget, region: string): Promise<AwsClients> {
    return this.#aws.clientsFor({
      region,
      accountId: target.summary.eks?.accountId,
      aws: target.aws,
    });
  }

  async #kubernetesReader(
    target: ClusterTarget,
    clients: AwsClients | undefined,
    signal: AbortSignal | undefined,
  ): Promise<KubernetesReader> {
    const { connection } = target;
    let token = connection.serviceAccountToken;
    if (target.summary.authProvider === 'aws') {
      const eks = target.summary.eks;
      if (!clients || !eks?.region) {
        throw new CollectionFailure({
          kind: 'configuration',
          source: 'kubernetes',
          message: `Cluster ${target.summary.name} uses AWS auth but has no region or AWS credentials: add it to eksPlatform.clusters`,
        });
      }
      try {
        token = await createEksToken({
          clusterName: eks.clusterName,
          region: eks.region,
          credentials: clients.credentials,
        });
      } catch (error) {
        throw classifyError(error, 'kubernetes', 'Making an EKS token');
      }
    } else if (target.summary.authProvider !== 'serviceAccount') {
      throw new CollectionFailure({
        kind: 'configuration',
        source: 'kubernetes',
        message: `Cluster ${target.summary.name} uses the '${target.summary.authProvider}' auth provider; eks-platform collects with 'serviceAccount' or 'aws'`,
      });
    }
    return KubernetesReader.create({
      server: connection.url,
      token,
      caData: connection.caData,
      caFile: connection.caFile,
      skipTLSVerify: connection.skipTLSVerify,
      timeoutMs: this.#settings.requestTimeoutMs,
      maxRetries: this.#settings.maxRetries,
      signal,
    });
  }

  /** Lists what the views need from Kubernetes; pods are reduced page by page. */
  async collectKubernetes(reader: KubernetesReader, cluster: string) {
    const limit = this.#settings.pageSize;
    const version = await reader.get<{ gitVersion?: string }>('/version');
    const namespaces = await this.#listNamespaces(reader, cluster);

    let nodes: KubeNode[] = [];
    await reader.list<KubeNode>('/api/v1/nodes', {
      limit,
      onPage: items => nodes.push(...items.map(slimNode)),
      onRestart: () => {
        nodes = [];
      },
    });

    let replicaSetOwners: Record<string, string> = {};
    await reader.list<ReplicaSetItem>('/apis/apps/v1/replicasets', {
      limit,
      onPage: items => {
        for (const rs of items) {
          const owner = rs.metadata?.ownerReferences?.find(
            r => r.controller && r.kind === 'Deployment',
          );
          if (owner && rs.metadata?.name) {
            replicaSetOwners[`${rs.metadata.namespace}/${rs.metadata.name}`] =
              owner.name;
          }
        }
      },
      onRestart: () => {
        replicaSetOwners = {};
      },
    });

    let ipEvents: KubeEvent[] = [];
    await reader.list<KubeEvent>('/api/v1/events', {
      limit,
      fieldSelector: 'involvedObject.kind=Pod,type=Warning',
      onPage: items =>
        ipEvents.push(
          ...items
            .filter(e => classifyIpFailure(e.message) !== undefined)
            .map(e => ({
              involvedObject: e.involvedObject,
              type: e.type,
              reason: e.reason,
              message: e.message,
              count: e.count,
              firstTimestamp: e.firstTimestamp,
              lastTimestamp: e.lastTimestamp,
              eventTime: e.eventTime,
              metadata: { namespace: e.metadata?.namespace },
            })),
        ),
      onRestart: () => {
        ipEvents = [];
      },
    });

    let pdbs: KubePodDisruptionBudget[] = [];
    await reader.list<KubePodDisruptionBudget>(
      '/apis/policy/v1/poddisruptionbudgets',
      {
        limit,
        onPage: items =>
          pdbs.push(
            ...items.map(p => ({
              metadata: {
                name: p.metadata.name,
                namespace: p.metadata.namespace,
              },
              spec: p.spec,
            })),
          ),
        onRestart: () => {
          pdbs = [];
        },
      },
    );

    const daemonSet = await reader.get<DaemonSetItem>(
      '/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node',
    );
    const container = daemonSet?.spec?.template?.spec?.containers?.find(
      c => c.name === 'aws-node',
    );
    const awsNode = {
      settings: parseAwsNodeSettings(container?.env),
      ...(container?.image && { image: container.image }),
      found: !!daemonSet,
    };

    let eniConfigs: EniConfig[] = [];
    await reader.list<EniConfig>(
      '/apis/crd.k8s.amazonaws.com/v1alpha1/eniconfigs',
      {
        limit,
        optional: true,
        onPage: items =>
          eniConfigs.push(
            ...items.map(c => ({
              metadata: { name: c.metadata.name },
              spec: c.spec,
            })),
          ),
        onRestart: () => {
          eniConfigs = [];
        },
      },
    );

    const pods = new PodAccumulator({
      replicaSetOwners,
      podsOfInterest: ipEvents.map(
        e =>
          `${
            e.involvedObject?.namespace ?? e.metadata?.namespace ?? 'default'
          }/${e.involvedObject?.name}`,
      ),
    });
    const podList = await reader.list<KubePod>('/api/v1/pods', {
      limit,
      onPage: items => pods.addPage(items),
      onRestart: () => pods.reset(),
    });

    return {
      serverVersion: version?.gitVersion,
      namespaces,
      nodes,
      replicaSetOwners,
      ipEvents,
      pdbs,
      awsNode,
      eniConfigs,
      pods: pods.result(),
      podPages: podList.pages,
      podListRestarts: podList.restarts,
    };
  }

  /**
   * Every namespace's name, sorted. A collector whose role predates namespace
   * listing (403) still collects everything else: the names are then absent
   * and the scaffolder's preflight says it could not check them.
   */
  async #listNamespaces(
    reader: KubernetesReader,
    cluster: string,
  ): Promise<string[] | undefined> {
    let names: string[] = [];
    try {
      await reader.list<{ metadata?: { name?: string } }>(
        '/api/v1/namespaces',
        {
          limit: this.#settings.pageSize,
          onPage: items => {
            for (const item of items) {
              if (item.metadata?.name) names.push(item.metadata.name);
            }
          },
          onRestart: () => {
            names = [];
          },
        },
      );
    } catch (error) {
      if (error instanceof CollectionFailure && error.status === 403) {
        this.#logger.warn(
          `Collecting ${cluster}: listing namespaces is forbidden (${error.message}); grant 'list namespaces' as in deploy/kubernetes/eks-platform-reader.yaml so the scaffolder can check that a new namespace does not exist yet`,
        );
        return undefined;
      }
      throw error;
    }
    return names.sort();
  }

  async #collectEks(
    eks: EKSClient,
    clusterName: string,
    signal: AbortSignal | undefined,
  ) {
    // The scheduler's timeout cancels AWS calls too.
    const send = { abortSignal: signal };
    const { cluster } = await eks.send(
      new DescribeClusterCommand({ name: clusterName }),
      send,
    );
    const clusterVersions: EksClusterVersionInfo[] = [];
    for await (const page of paginateDescribeClusterVersions(
      { client: eks },
      { clusterType: 'eks', includeAll: true },
      send,
    )) {
      clusterVersions.push(...(page.clusterVersions ?? []));
    }
    const insights: EksInsightSummary[] = [];
    for await (const page of paginateListInsights(
      { client: eks },
      { clusterName },
      send,
    )) {
      insights.push(...(page.insights ?? []));
    }
    const nodegroups: EksNodegroupInfo[] = [];
    for await (const page of paginateListNodegroups(
      { client: eks },
      { clusterName },
      send,
    )) {
      for (const nodegroupName of page.nodegroups ?? []) {
        const { nodegroup } = await eks.send(
          new DescribeNodegroupCommand({ clusterName, nodegroupName }),
          send,
        );
        if (nodegroup) {
          nodegroups.push({
            nodegroupName: nodegroup.nodegroupName,
            version: nodegroup.version,
            releaseVersion: nodegroup.releaseVersion,
            amiType: nodegroup.amiType,
            capacityType: nodegroup.capacityType,
            status: nodegroup.status,
          });
        }
      }
    }
    const addons: EksInstalledAddon[] = [];
    const addonVersions: EksAddonInfo[] = [];
    for await (const page of paginateListAddons(
      { client: eks },
      { clusterName },
      send,
    )) {
      for (const addonName of page.addons ?? []) {
        const { addon } = await eks.send(
          new DescribeAddonCommand({ clusterName, addonName }),
          send,
        );
        if (addon) {
          addons.push({
            addonName: addon.addonName,
            addonVersion: addon.addonVersion,
            status: addon.status,
          });
        }
        for await (const versions of paginateDescribeAddonVersions(
          { client: eks },
          { addonName },
          send,
        )) {
          addonVersions.push(
            ...(versions.addons ?? []).map(a => ({
              addonName: a.addonName,
              type: a.type,
              addonVersions: a.addonVersions?.map(v => ({
                addonVersion: v.addonVersion,
                compatibilities: v.compatibilities?.map(c => ({
                  clusterVersion: c.clusterVersion,
                  defaultVersion: c.defaultVersion,
                })),
              })),
            })),
          );
        }
      }
    }
    const supportType = cluster?.upgradePolicy?.supportType;
    return {
      version: cluster?.version,
      platformVersion: cluster?.platformVersion,
      status: cluster?.status,
      upgradePolicy:
        supportType === 'STANDARD' || supportType === 'EXTENDED'
          ? supportType
          : undefined,
      subnetIds: cluster?.resourcesVpcConfig?.subnetIds ?? [],
      clusterVersions: clusterVersions.map(v => ({
        clusterVersion: v.clusterVersion,
        clusterType: v.clusterType,
        defaultVersion: v.defaultVersion,
        releaseDate: iso(v.releaseDate),
        endOfStandardSupportDate: iso(v.endOfStandardSupportDate),
        endOfExtendedSupportDate: iso(v.endOfExtendedSupportDate),
        versionStatus: v.versionStatus,
        status: v.status,
        kubernetesPatchVersion: v.kubernetesPatchVersion,
      })),
      insights: insights.map(i => ({
        id: i.id,
        name: i.name,
        category: i.category,
        kubernetesVersion: i.kubernetesVersion,
        lastRefreshTime: iso(i.lastRefreshTime),
        lastTransitionTime: iso(i.lastTransitionTime),
        description: i.description,
        insightStatus: i.insightStatus,
      })),
      nodegroups,
      addons,
      addonVersions,
    };
  }

  async #collectEc2(
    ec2: EC2Client,
    signal: AbortSignal | undefined,
    input: {
      subnetIds: string[];
      eksClusterName?: string;
      instanceTypes: string[];
    },
  ) {
    const subnets: Ec2Subnet[] = [];
    let request:
      | { SubnetIds: string[] }
      | { Filters: Array<{ Name: string; Values: string[] }> }
      | undefined;
    if (input.subnetIds.length > 0) {
      request = { SubnetIds: input.subnetIds };
    } else if (input.eksClusterName) {
      // Without DescribeCluster, the subnets tagged for the cluster.
      request = {
        Filters: [
          {
            Name: 'tag-key',
            Values: [`kubernetes.io/cluster/${input.eksClusterName}`],
          },
        ],
      };
    }
    if (request) {
      for await (const page of paginateDescribeSubnets(
        { client: ec2 },
        request,
        { abortSignal: signal },
      )) {
        subnets.push(
          ...(page.Subnets ?? []).map(s => ({
            SubnetId: s.SubnetId,
            VpcId: s.VpcId,
            CidrBlock: s.CidrBlock,
            AvailabilityZone: s.AvailabilityZone,
            AvailabilityZoneId: s.AvailabilityZoneId,
            AvailableIpAddressCount: s.AvailableIpAddressCount,
          })),
        );
      }
    }
    const instanceTypes: Ec2InstanceTypeInfo[] = [];
    for (let i = 0; i < input.instanceTypes.length; i += 100) {
      const { InstanceTypes } = await ec2.send(
        new DescribeInstanceTypesCommand({
          InstanceTypes: input.instanceTypes.slice(i, i + 100) as never,
        }),
        { abortSignal: signal },
      );
      instanceTypes.push(
        ...(InstanceTypes ?? []).map(t => ({
          InstanceType: t.InstanceType,
          Hypervisor: t.Hypervisor,
          BareMetal: t.BareMetal,
          VCpuInfo: { DefaultVCpus: t.VCpuInfo?.DefaultVCpus },
          NetworkInfo: {
            MaximumNetworkInterfaces: t.NetworkInfo?.MaximumNetworkInterfaces,
            Ipv4AddressesPerInterface: t.NetworkInfo?.Ipv4AddressesPerInterface,
            MaximumNetworkCards: t.NetworkInfo?.MaximumNetworkCards,
            DefaultNetworkCardIndex: t.NetworkInfo?.DefaultNetworkCardIndex,
            NetworkCards: t.NetworkInfo?.NetworkCards?.map(c => ({
              NetworkCardIndex: c.NetworkCardIndex,
              MaximumNetworkInterfaces: c.MaximumNetworkInterfaces,
            })),
          },
        })),
      );
    }
    return { subnets, instanceTypes };
  }
}

/** The time series written with each snapshot. */
export function historyOf(snapshot: ClusterSnapshot): HistoryPoint[] {
  const { capacity } = snapshot.kubernetes;
  const points: HistoryPoint[] = [
    { metric: 'spot-cpu-share', key: 'cluster', value: capacity.spotCpuShare },
    {
      metric: 'requested-cpu',
      key: 'cluster',
      value: capacity.total.requestedCpuMillis,
    },
    {
      metric: 'allocatable-cpu',
      key: 'cluster',
      value: capacity.total.allocatableCpuMillis,
    },
  ];
  if (snapshot.ec2) {
    for (const subnet of snapshot.ip.subnets) {
      if (subnet.subnetId) {
        points.push({
          metric: 'free-ips',
          key: subnet.subnetId,
          value: subnet.freeAddresses,
        });
      }
    }
    points.push({
      metric: 'additional-pods',
      key: 'cluster',
      value: snapshot.ip.zones.reduce((s, z) => s + z.additionalPods, 0),
    });
  }
  return points;
}

function iso(value: string | number | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
}
