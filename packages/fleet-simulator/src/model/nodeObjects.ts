import { EksCatalog, ScenarioNodeGroup } from '../scenario/schema';
import { NodeGroupFacts } from './ClusterModel';
import { KubeObject } from './ObjectCollection';
import { hexId, nameSuffix } from './determinism';
import { getInstanceType } from './instanceTypes';
import {
  ContainerInput,
  NodeInput,
  Taint,
  buildDaemonSet,
  buildNode,
  buildPod,
  ownerRefOf,
} from './kubeObjects';
import {
  CniSettings,
  awsNodeContainers,
  kubeProxyContainers,
} from './systemWorkloads';

// What a node group puts in a cluster: its Node objects, the kube-system DaemonSet pod on every
// node, and the facts DescribeNodegroup reports. Shared by the scenario builder (buildCluster)
// and the large-cluster generator (generateCluster).

/** `1.33` -> `v1.33.5-eks-<hash>` using the catalog's patch release; full versions pass through. */
export function kubeletVersionFor(
  version: string,
  catalog: EksCatalog,
  salt: string,
): string {
  if (version.startsWith('v')) return version;
  const known = catalog.versions.find(v => v.version === version);
  const patch = known?.patch ?? `${version}.0`;
  return `v${patch}-eks-${hexId(`kubelet:${patch}:${salt}`, 7)}`;
}

export function osImageFor(amiType: string | undefined): string {
  if (amiType?.startsWith('AL2_')) return 'Amazon Linux 2';
  if (amiType?.startsWith('BOTTLEROCKET'))
    return 'Bottlerocket OS 1.44.0 (aws-k8s)';
  return 'Amazon Linux 2023.8.20250915';
}

/** The labels each provisioner (managed group, Karpenter, Ocean, eksctl) puts on its nodes. */
export function capacityLabels(
  group: ScenarioNodeGroup,
): Record<string, string> {
  const spot = group.capacityType === 'spot';
  switch (group.provisioner) {
    case 'managed':
      return {
        'eks.amazonaws.com/nodegroup': group.name,
        'eks.amazonaws.com/capacityType': spot ? 'SPOT' : 'ON_DEMAND',
        'eks.amazonaws.com/nodegroup-image': `ami-${hexId(
          `ami:${group.name}`,
          17,
        )}`,
      };
    case 'karpenter':
      return {
        'karpenter.sh/capacity-type': spot ? 'spot' : 'on-demand',
        'karpenter.sh/nodepool': group.nodePool ?? group.name,
        'karpenter.sh/initialized': 'true',
        'karpenter.sh/registered': 'true',
        'karpenter.k8s.aws/ec2nodeclass': 'default',
      };
    case 'ocean':
      // `od` is documented by Spot; `spot` is the value seen on spot nodes (UNVERIFIED upstream).
      return {
        'spotinst.io/node-lifecycle': spot ? 'spot' : 'od',
        'spotinst.io/ocean-vng': group.name,
      };
    default:
      return {
        'node.kubernetes.io/lifecycle': spot ? 'spot' : 'normal',
        'alpha.eksctl.io/nodegroup-name': group.name,
      };
  }
}

/**
 * The group's own taints, plus the one marking a node as being disrupted by Karpenter (the group's
 * first `disrupted` nodes) or interrupted by a spot notice (the `interrupted` nodes after them).
 */
function nodeTaints(
  group: ScenarioNodeGroup,
  indexInGroup: number,
  nodeName: string,
): Taint[] {
  const taints: Taint[] = [...(group.taints ?? [])];
  const disrupted = group.disrupted ?? 0;
  if (indexInGroup < disrupted) {
    taints.push({ key: 'karpenter.sh/disrupted', effect: 'NoSchedule' });
  } else if (indexInGroup < disrupted + (group.interrupted ?? 0)) {
    taints.push({
      key: 'aws-node-termination-handler/spot-itn',
      value: hexId(nodeName, 10),
      effect: 'NoSchedule',
    });
  }
  return taints;
}

/**
 * One node of a node group, placed and named by the caller; its labels, taints and OS image come
 * from the group.
 */
export interface GroupNodeInput
  extends Omit<NodeInput, 'labels' | 'annotations' | 'taints' | 'osImage'> {
  group: ScenarioNodeGroup;
  /** The node's position in its group (decides its disruption taints). */
  indexInGroup: number;
  /** With custom networking: the ENIConfig the node takes its pod addresses from. */
  eniConfigName?: string;
}

/** The Node object of one node of a group: provisioner labels, taints, OS image. */
export function buildGroupNode(input: GroupNodeInput): KubeObject {
  const { group, indexInGroup, eniConfigName, ...node } = input;
  return buildNode({
    ...node,
    labels: {
      ...capacityLabels(group),
      ...(eniConfigName
        ? { 'k8s.amazonaws.com/eniConfig': eniConfigName }
        : {}),
      ...group.labels,
    },
    annotations: eniConfigName
      ? { 'k8s.amazonaws.com/eniConfig': eniConfigName }
      : undefined,
    taints: nodeTaints(group, indexInGroup, node.name),
    osImage: osImageFor(group.amiType),
  });
}

/** A kube-system DaemonSet that runs one host-network pod on every node. */
export interface NodeDaemonSet {
  object: KubeObject;
  labels: Record<string, string>;
  containers: ContainerInput[];
  initContainers?: ContainerInput[];
}

/**
 * The aws-node (VPC CNI) and kube-proxy DaemonSets. `addonLabels` adds the labels the EKS add-ons
 * carry besides `k8s-app`.
 */
export function buildNodeDaemonSets(options: {
  region: string;
  cni: CniSettings;
  kubernetesVersion: string;
  nodes: number;
  /** Nodes aws-node runs on, when not all (hybrid nodes run another CNI). */
  cniNodes?: number;
  createdAt: Date;
  addonLabels: boolean;
}): NodeDaemonSet[] {
  const awsNode = awsNodeContainers(options.region, options.cni);
  const specs = [
    {
      name: 'aws-node',
      labels: {
        'k8s-app': 'aws-node',
        ...(options.addonLabels
          ? {
              'app.kubernetes.io/name': 'aws-node',
              'app.kubernetes.io/instance': 'aws-vpc-cni',
            }
          : {}),
      },
      containers: awsNode.containers,
      initContainers: awsNode.initContainers,
    },
    {
      name: 'kube-proxy',
      labels: {
        'k8s-app': 'kube-proxy',
        ...(options.addonLabels
          ? { 'eks.amazonaws.com/component': 'kube-proxy' }
          : {}),
      },
      containers: kubeProxyContainers(
        options.region,
        options.kubernetesVersion,
      ),
      initContainers: undefined,
    },
  ];
  return specs.map(spec => ({
    labels: spec.labels,
    containers: spec.containers,
    initContainers: spec.initContainers,
    object: buildDaemonSet({
      name: spec.name,
      namespace: 'kube-system',
      labels: spec.labels,
      nodes:
        spec.name === 'aws-node'
          ? options.cniNodes ?? options.nodes
          : options.nodes,
      containers: spec.containers,
      initContainers: spec.initContainers,
      hostNetwork: true,
      createdAt: options.createdAt,
    }),
  }));
}

/** The pod a node DaemonSet runs on one node. */
export function buildDaemonSetPod(
  daemonSet: NodeDaemonSet,
  node: { name: string; ip: string },
  createdAt: Date,
): KubeObject {
  const name = daemonSet.object.metadata.name;
  return buildPod({
    name: `${name}-${nameSuffix(`${name}/${node.name}`, 5)}`,
    namespace: 'kube-system',
    labels: {
      ...daemonSet.labels,
      'controller-revision-hash': hexId(`${name}-rev`, 10),
      'pod-template-generation': '2',
    },
    owner: ownerRefOf(daemonSet.object),
    nodeName: node.name,
    hostIp: node.ip,
    hostNetwork: true,
    containers: daemonSet.containers,
    initContainers: daemonSet.initContainers,
    phase: 'Running',
    createdAt,
    serviceAccountName: name,
    priorityClassName: 'system-node-critical',
    tolerateEverything: true,
  });
}

/** A managed node group as DescribeNodegroup reports it; `version` is the group's `major.minor`. */
export function managedNodeGroupFacts(
  group: ScenarioNodeGroup,
  options: {
    version: string;
    subnets: string[];
    createdAt: Date;
    catalog: EksCatalog;
  },
): NodeGroupFacts {
  const { version, catalog } = options;
  return {
    name: group.name,
    capacityType: group.capacityType === 'spot' ? 'SPOT' : 'ON_DEMAND',
    instanceTypes: group.instanceTypes,
    desiredSize: group.nodes,
    version,
    releaseVersion:
      group.releaseVersion ??
      `${
        catalog.versions.find(v => v.version === version)?.patch ??
        `${version}.0`
      }-20250915`,
    amiType:
      group.amiType ??
      (getInstanceType(group.instanceTypes[0]).architecture === 'arm64'
        ? 'AL2023_ARM_64_STANDARD'
        : 'AL2023_x86_64_STANDARD'),
    subnets: options.subnets,
    labels: group.labels ?? {},
    taints: group.taints ?? [],
    status: group.status ?? 'ACTIVE',
    health: group.health ?? [],
    createdAt: options.createdAt,
  };
}
