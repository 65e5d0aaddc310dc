import {
  type CapacityTypeRule,
  type CollectionError,
  type DataSource,
  type PodAggregates,
  assessSpotRisk,
  autoModeOf,
  clusterAdditionalPods,
  expandPodAggregates,
  ipAssignmentFailures,
  ipHeadroom,
  isHybridNode,
  remotePodNetworkHeadroom,
  summariseCapacity,
  subnetDiscoveryEnabled,
  CNI_ROLE_TAG,
  type PodSubnetSelection,
} from '@eks-platform/plugin-eks-platform-common';
import type { Ec2Facts } from '../aws/readEc2';
import type { EksFacts } from '../aws/readEks';
import type { KubernetesFacts } from './readKubernetes';
import { kubeletNode } from './slimObjects';
import type { ClusterSnapshot, HistoryPoint } from '../store/types';

/** Everything one collection read, with what failed on the way. */
export type CollectedFacts = {
  cluster: string;
  collectedAt: string;
  partial: DataSource[];
  sourceErrors: CollectionError[];
  kubernetes: KubernetesFacts;
  /** With the EKS cluster's name, when EKS could be read. */
  eks?: EksFacts & { clusterName: string };
  ec2?: Ec2Facts;
};

/**
 * The snapshot of one collection, computed from what was read with the pure calculations of
 * `-common`: capacity, IP headroom, spot risk and IP-assignment failures. No I/O, so the same
 * facts always give the same snapshot.
 */
export function buildSnapshot(
  facts: CollectedFacts,
  settings: { capacityTypeRules?: CapacityTypeRule[] },
): ClusterSnapshot {
  const { kubernetes: kube, ec2, eks } = facts;
  const rules = settings.capacityTypeRules;
  const aggregates = kube.pods;
  const standIns = expandPodAggregates(aggregates);
  const autoMode = autoModeOf(eks?.computeConfig, kube.nodes);
  const ip = ipHeadroom(kube.nodes, standIns, ec2?.subnets ?? [], {
    settings: kube.awsNode.settings,
    // EKS says; without it, aws-node's ENABLE_IPv6 does.
    ipFamily:
      eks?.ipFamily ?? (kube.awsNode.settings.ipv6 ? 'ipv6' : undefined),
    instanceTypes: Object.fromEntries(
      (ec2?.instanceTypes ?? []).map(t => [t.InstanceType ?? '', t]),
    ),
    eniConfigs: kube.eniConfigs,
    capacityTypeRules: rules,
    networkInterfaces: ec2?.networkInterfaces,
    cidrReservations: ec2?.cidrReservations,
    autoMode,
    subnetSelection: ec2 ? subnetSelectionOf(facts) : undefined,
  });
  const discovery = subnetDiscoveryEnabled(
    kube.awsNode.settings,
    kube.awsNode.image,
  );
  if (ec2 && kube.awsNode.found && !discovery.known) {
    ip.notes.push(
      'VPC CNI version unknown: enhanced subnet discovery is taken as on (the default from 1.18.0)',
    );
  }
  if (!ec2) {
    ip.notes.push('EC2 could not be read: subnet addresses are unknown');
  }
  for (const error of ec2?.addressErrors ?? []) {
    ip.notes.push(
      `EC2 ${error}: free /28 blocks may be missing or count reserved blocks as free`,
    );
  }
  const remote = eks?.remoteNetworkConfig;
  if (remote?.remotePodNetworks?.length || kube.nodes.some(isHybridNode)) {
    ip.remoteNetworks = remotePodNetworkHeadroom(
      remote ?? {},
      kube.nodes,
      aggregates.podIpsByNode ?? {},
      Object.fromEntries(ip.nodes.map(n => [n.nodeName, n.pods])),
    );
    if (!eks) {
      // Without DescribeCluster the remote networks are unknown, not absent.
      ip.remoteNetworks.notes = [
        'EKS could not be read: the remote pod networks are unknown',
        ...ip.remoteNetworks.notes.filter(
          n => !/no remote pod networks/.test(n),
        ),
      ];
    }
  }
  const failures = ipAssignmentFailures(
    kube.ipEvents,
    aggregates.podsOfInterest,
  );
  return {
    format: 1,
    cluster: facts.cluster,
    collectedAt: facts.collectedAt,
    partial: facts.partial,
    sourceErrors: facts.sourceErrors,
    kubernetes: {
      serverVersion: kube.serverVersion,
      nodes: kube.nodes.length,
      podsListed: aggregates.podsListed,
      podPages: kube.podPages,
      podListRestarts: kube.podListRestarts,
      capacity: summariseCapacity(kube.nodes, standIns, {
        capacityTypeRules: rules,
      }),
      workloads: assessSpotRisk({
        nodes: kube.nodes,
        pods: standIns,
        pdbs: kube.pdbs,
        replicaSetOwners: kube.replicaSetOwners,
        capacityTypeRules: rules,
      }),
      workloadLabels: aggregates.workloadLabels,
      ipFailures: failures,
      ipFailureLabels: labelsOfFailingPods(aggregates, failures),
      awsNode: kube.awsNode,
      eniConfigs: kube.eniConfigs,
      kubeletNodes: kube.nodes.map(kubeletNode),
      ...(kube.namespaces && { namespaces: kube.namespaces }),
    },
    ip,
    ...(eks && { eks }),
    ...(ec2 && {
      ec2: {
        subnets: ec2.subnets,
        instanceTypes: ec2.instanceTypes.map(t => t.InstanceType ?? ''),
        ...(ec2.networkInterfaces && {
          networkInterfaces: ec2.networkInterfaces.length,
        }),
      },
    }),
  };
}

/**
 * The cluster's subnets as DescribeCluster names them (else those EC2 gave without a
 * `kubernetes.io/role/cni` tag), its VPC and name, and whether the CNI discovers subnets.
 */
function subnetSelectionOf(facts: CollectedFacts): PodSubnetSelection {
  const { kubernetes: kube, eks, ec2 } = facts;
  const { settings, image } = kube.awsNode;
  return {
    clusterName: eks?.clusterName,
    vpcId: eks?.vpcId,
    clusterSubnetIds:
      eks?.subnetIds ??
      (ec2?.subnets ?? [])
        .filter(s => !s.Tags?.some(t => t.Key === CNI_ROLE_TAG))
        .map(s => s.SubnetId ?? ''),
    eniConfigSubnetIds: settings.customNetworking
      ? kube.eniConfigs.map(c => c.spec?.subnet ?? '').filter(Boolean)
      : undefined,
    discovery: subnetDiscoveryEnabled(settings, image).enabled,
  };
}

function labelsOfFailingPods(
  aggregates: PodAggregates,
  failures: Array<{ namespace: string; podName: string }>,
): Record<string, Record<string, string>> {
  const failingKeys = new Set(failures.map(f => `${f.namespace}/${f.podName}`));
  const labels: Record<string, Record<string, string>> = {};
  for (const pod of aggregates.podsOfInterest) {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (failingKeys.has(key)) labels[key] = pod.metadata.labels ?? {};
  }
  return labels;
}

/** The time series written with each snapshot: cluster CPU, and with EC2 free IPs and pods that fit. */
export function historyPointsOf(snapshot: ClusterSnapshot): HistoryPoint[] {
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
      value: clusterAdditionalPods(snapshot.ip.zones).value,
    });
  }
  return points;
}
