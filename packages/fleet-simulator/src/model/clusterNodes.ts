import { ScenarioNodeGroup } from '../scenario/schema';
import { KubeObject } from './ObjectCollection';
import {
  BuiltObjects,
  ClusterBuild,
  age,
  eniConfigIn,
  nodeSubnetIn,
  podSubnetIn,
} from './clusterBuild';
import { hexId } from './determinism';
import { PodBlock, hybridNode } from './hybridNodes';
import { getInstanceType, maxPodsFor } from './instanceTypes';
import { privateDnsName } from './kubeObjects';
import { awsNodeEnv } from './systemWorkloads';
import { envMap, ipamdSettings, replayWarmPool } from './warmPools';
import {
  buildDaemonSetPod,
  buildGroupNode,
  buildNodeDaemonSets,
  kubeletVersionFor,
} from './nodeObjects';

/** A node as the later steps place pods on it; `podCount` grows as they do. */
export interface NodeRecord {
  object: KubeObject;
  name: string;
  ip: string;
  zone: string;
  group: ScenarioNodeGroup;
  maxPods: number;
  podCount: number;
  /** Pods given an IPv4 address of a pod subnet (the warm pool is sized on these). */
  vpcPods: number;
  maxEnis: number;
  ipv4PerEni: number;
  /** A hybrid node's pod block (remote pod network); EC2 nodes have none. */
  podBlock?: PodBlock;
  /** Addresses of the node's /28 prefixes no pod has yet (prefix mode). */
  prefixAddresses: string[];
}

/** Auto Mode nodes: compute-type `auto` besides the Karpenter labels, and Auto Mode's NodeClass. */
function autoModeGroup(group: ScenarioNodeGroup): ScenarioNodeGroup {
  if (group.provisioner !== 'karpenter') {
    throw new Error(
      `Node group ${group.name} runs in an Auto Mode cluster: its provisioner must be karpenter`,
    );
  }
  return {
    ...group,
    labels: {
      'eks.amazonaws.com/compute-type': 'auto',
      'eks.amazonaws.com/nodeclass': 'default',
      ...group.labels,
    },
  };
}

/** Node `i` of a group: zones and instance types round robin, its address from the zone's node subnet. */
function groupNode(
  b: ClusterBuild,
  group: ScenarioNodeGroup,
  kubeletVersion: string,
  i: number,
): NodeRecord {
  const groupZones = group.zones ?? b.zones;
  const zone = groupZones[i % groupZones.length];
  const type = getInstanceType(
    group.instanceTypes[i % group.instanceTypes.length],
  );
  const subnet = nodeSubnetIn(b, zone);
  const allocator = b.allocators.get(subnet.id)!;
  const next = allocator.peek();
  if (!next)
    throw new Error(
      `Subnet ${subnet.id} has no room for node ${i} of ${group.name}`,
    );
  // The node is named after its address, and holds it as its ENI's primary.
  const name = privateDnsName(next, b.region);
  const ip = allocator.allocate(name)!;
  const maxPods = maxPodsFor(type, b.mode);
  const eniConfig = b.mode.customNetworking ? eniConfigIn(b, zone) : undefined;
  // Security groups for pods: the VPC resource controller attaches a trunk ENI to nodes of
  // trunking types, labels them and advertises their branch ENIs.
  const trunk =
    b.cluster.cni.env.ENABLE_POD_ENI === 'true' &&
    type.branchEnis !== undefined;
  const nodeGroup = b.autoMode ? autoModeGroup(group) : group;
  const object = buildGroupNode({
    group: trunk
      ? {
          ...nodeGroup,
          labels: {
            'vpc.amazonaws.com/has-trunk-attached': 'true',
            ...nodeGroup.labels,
          },
        }
      : nodeGroup,
    ...(trunk && {
      extendedResources: {
        'vpc.amazonaws.com/pod-eni': String(type.branchEnis),
      },
    }),
    indexInGroup: i,
    name,
    ip,
    zone,
    region: b.region,
    instanceType: type,
    maxPods,
    kubeletVersion,
    createdAt: age(b, 1, 40),
    instanceId: `i-0${hexId(`instance:${name}`, 16)}`,
    eniConfigName: eniConfig?.name,
  });
  const { ipv4PerEni, maxEnis } = type;
  return {
    object,
    name,
    ip,
    zone,
    group,
    maxPods,
    podCount: 0,
    vpcPods: 0,
    maxEnis,
    ipv4PerEni,
    prefixAddresses: [],
  };
}

/** Every node group's nodes, in scenario order; a cluster without nodes is a scenario error. */
export function buildNodes(b: ClusterBuild): NodeRecord[] {
  const nodes: NodeRecord[] = [];
  for (const group of b.cluster.nodeGroups) {
    const kubelet = kubeletVersionFor(
      group.kubeletVersion ?? b.cluster.eks.version,
      b.catalog,
      group.name,
    );
    const build = group.provisioner === 'hybrid' ? hybridNode : groupNode;
    for (let i = 0; i < group.nodes; i++) {
      nodes.push(build(b, group, kubelet, i));
    }
  }
  if (nodes.length === 0)
    throw new Error(`Cluster ${b.cluster.name} has no nodes`);
  return nodes;
}

/** The kube-system DaemonSets (aws-node, kube-proxy, ...) and their one hostNetwork pod per node. */
export function addNodeDaemonSets(
  b: ClusterBuild,
  nodes: NodeRecord[],
  objects: BuiltObjects,
) {
  // Auto Mode runs the CNI and kube-proxy on the node itself, not as DaemonSets.
  if (b.autoMode) return;
  for (const daemonSet of buildNodeDaemonSets({
    region: b.region,
    cni: { ...b.cluster.cni, ipv6: b.cluster.eks.ipFamily === 'ipv6' },
    kubernetesVersion: b.cluster.eks.version,
    nodes: nodes.length,
    // The VPC CNI's affinity keeps aws-node off hybrid nodes (they run Cilium or Calico).
    cniNodes: nodes.filter(n => !n.podBlock).length,
    createdAt: b.cluster.eks.createdAt,
    addonLabels: true,
  })) {
    objects.daemonSets.push(daemonSet.object);
    const isCni = daemonSet.object.metadata.name === 'aws-node';
    for (const node of nodes) {
      if (isCni && node.podBlock) continue;
      node.podCount += 1;
      const nodeCreated = Date.parse(
        node.object.metadata.creationTimestamp as string,
      );
      objects.pods.push(
        buildDaemonSetPod(daemonSet, node, new Date(nodeCreated + 20000)),
      );
    }
  }
}

/** A node given more pods than its max pods means the scenario needs more nodes. */
export function checkPodCapacity(nodes: NodeRecord[]) {
  for (const node of nodes) {
    if (node.podCount > node.maxPods) {
      throw new Error(
        `Node ${node.name} (${node.group.name}) would run ${node.podCount} pods but allows ${node.maxPods}; add nodes`,
      );
    }
  }
}

/**
 * Warm pools hold addresses whether pods use them or not: each node takes from its pod subnet
 * the addresses ipamd keeps beyond its pods' (replayWarmPool, sized by the aws-node env the
 * cluster shows) and the primary address of every ENI but the node's own.
 */
export function reserveWarmPools(b: ClusterBuild, nodes: NodeRecord[]) {
  // IPv6 pods take no IPv4 address, so no IPv4 warm pool either; Auto Mode's pool is not
  // published, so its nodes hold only the prefixes their pods fill.
  if (b.cluster.eks.ipFamily === 'ipv6' || b.autoMode) return;
  const settings = ipamdSettings(envMap(awsNodeEnv(b.cluster.cni)));
  for (const node of nodes) {
    if (node.podBlock) continue; // hybrid nodes take no VPC addresses
    const pool = replayWarmPool({ ...node, pods: node.vpcPods, settings });
    // With custom networking the primary ENI (the node's address) stays in the node subnet.
    const enisInPodSubnet = settings.customNetworking
      ? pool.podEnis
      : pool.enis - 1;
    const allocator = b.allocators.get(podSubnetIn(b, node.zone).id)!;
    // The node's ENIs are listed as one (its own), so every address is held by a named node.
    allocator.reserve(enisInPodSubnet, node.name);
    if (!settings.prefixDelegation) {
      allocator.reserve(pool.podAddresses - node.vpcPods, node.name);
      continue;
    }
    // Its pods' prefixes are already held (with their unused rest): add the pool's further ones.
    const held = node.vpcPods + node.prefixAddresses.length;
    const more = Math.ceil(Math.max(0, pool.podAddresses - held) / 16);
    for (let i = 0; i < more; i++) allocator.allocatePrefix(node.name);
  }
}
