import { ScenarioNodeGroup } from '../scenario/schema';
import { KubeObject } from './ObjectCollection';
import {
  BuiltObjects,
  ClusterBuild,
  age,
  eniConfigIn,
  nodeSubnetIn,
} from './clusterBuild';
import { hexId } from './determinism';
import { getInstanceType, maxPodsFor } from './instanceTypes';
import { privateDnsName } from './kubeObjects';
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
  ipv4PerEni: number;
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
  const object = buildGroupNode({
    group: b.autoMode ? autoModeGroup(group) : group,
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
  const { ipv4PerEni } = type;
  return {
    object,
    name,
    ip,
    zone,
    group,
    maxPods,
    podCount: 0,
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
    for (let i = 0; i < group.nodes; i++) {
      nodes.push(groupNode(b, group, kubelet, i));
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
    createdAt: b.cluster.eks.createdAt,
    addonLabels: true,
  })) {
    objects.daemonSets.push(daemonSet.object);
    for (const node of nodes) {
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
 * Warm pools hold addresses whether pods use them or not (approximation of ipamd's behaviour): a
 * spare ENI's worth, or with prefix delegation the rest of the last /28 plus one more.
 */
export function reserveWarmPools(b: ClusterBuild, nodes: NodeRecord[]) {
  // IPv6 pods take no IPv4 address, so no IPv4 warm pool either; Auto Mode's pool is not
  // published, so its nodes hold only the prefixes their pods fill.
  if (b.mode.customNetworking || b.cluster.eks.ipFamily === 'ipv6') return;
  if (b.autoMode) return;
  for (const node of nodes) {
    const allocator = b.allocators.get(nodeSubnetIn(b, node.zone).id)!;
    if (b.mode.prefixDelegation) {
      // The rest of the last prefix is already held: WARM_PREFIX_TARGET=1 adds one more.
      allocator.allocatePrefix(node.name);
    } else {
      allocator.reserve(node.ipv4PerEni, node.name);
    }
  }
}
