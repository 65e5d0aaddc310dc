import { ScenarioWorkload } from '../scenario/schema';
import { KubeObject } from './ObjectCollection';
import { BuiltObjects, ClusterBuild, age, podSubnetIn } from './clusterBuild';
import { NodeRecord } from './clusterNodes';
import { SubnetAllocator } from './subnetAllocator';
import { hexId } from './determinism';
import { hybridPodAddress } from './hybridNodes';
import { formatIpv4, parseCidr } from './ipv4';
import { WorkloadInput, buildEvent, buildPod, ownerRefOf } from './kubeObjects';

/** A scenario workload, or CoreDNS (`system`), which is labelled and named the way EKS installs it. */
export type Workload = ScenarioWorkload & { system: boolean };

/** The controller that owns a workload's pods and how it names them. */
export interface PodOwner {
  owner: KubeObject;
  podName(i: number): string;
  extraPodLabels: Record<string, string>;
}

/** One workload on its way to pods: its controller input and the nodes its replicas may run on. */
interface PodPlan {
  w: Workload;
  input: WorkloadInput;
  owner: PodOwner;
  eligible: NodeRecord[];
}

function workloadPod(
  b: ClusterBuild,
  { w, input, owner }: PodPlan,
  i: number,
  node: NodeRecord,
  podIp: string | undefined,
): KubeObject {
  const isPending = i >= w.replicas;
  const name = owner.podName(i);
  return buildPod({
    name,
    namespace: w.namespace,
    labels: {
      ...input.labels,
      ...owner.extraPodLabels,
      ...(w.kind === 'StatefulSet'
        ? { 'statefulset.kubernetes.io/pod-name': name }
        : {}),
    } as Record<string, string>,
    owner: ownerRefOf(owner.owner),
    nodeName: node.name,
    hostIp: node.ip,
    podIp,
    containers: [input.container],
    initContainers: input.initContainer ? [input.initContainer] : undefined,
    phase: isPending ? 'Pending' : 'Running',
    waitingReason: isPending ? 'ContainerCreating' : undefined,
    createdAt: isPending
      ? new Date(b.now.getTime() - b.rng.int(20, 90) * 60000)
      : age(b, 0.1, 6),
    serviceAccountName: w.system ? 'coredns' : w.name,
    priorityClassName: w.system ? 'system-cluster-critical' : undefined,
    restarts: !isPending && b.rng.next() < 0.1 ? b.rng.int(1, 4) : 0,
  });
}

/** What a pod the CNI could not give an address shows: scheduled, then sandbox creation failing. */
function pendingPodEvents(
  b: ClusterBuild,
  namespace: string,
  pod: KubeObject,
  node: NodeRecord,
): KubeObject[] {
  const first = new Date(
    Date.parse(pod.metadata.creationTimestamp as string) + 2000,
  );
  const sandbox = hexId(`sandbox:${pod.metadata.name}`, 64);
  return [
    buildEvent({
      namespace,
      involved: pod,
      reason: 'Scheduled',
      message: `Successfully assigned ${namespace}/${pod.metadata.name} to ${node.name}`,
      type: 'Normal',
      component: 'default-scheduler',
      count: 1,
      first,
      last: first,
    }),
    buildEvent({
      namespace,
      involved: pod,
      reason: 'FailedCreatePodSandBox',
      message: `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sandbox}": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container`,
      type: 'Warning',
      component: 'kubelet',
      host: node.name,
      count: b.rng.int(30, 140),
      first,
      last: new Date(b.now.getTime() - b.rng.int(5, 50) * 1000),
    }),
  ];
}

/**
 * A running pod's address: the next of its zone's pod subnet, or in an IPv6 cluster the next of
 * its node's /80 prefix (which takes nothing from the subnets).
 */
function podAddress(b: ClusterBuild, node: NodeRecord): string | undefined {
  if (node.podBlock) return hybridPodAddress(node.podBlock);
  if (b.cluster.eks.ipFamily !== 'ipv6') {
    const allocator = b.allocators.get(podSubnetIn(b, node.zone).id)!;
    if (!b.mode.prefixDelegation) return allocator.allocate(node.name);
    return prefixAddress(b, node, allocator);
  }
  const prefix = hexId(`prefix:${b.cluster.name}:${node.name}`, 12);
  return `2600:1f18:${prefix.slice(0, 4)}:${prefix.slice(4, 8)}:${prefix.slice(
    8,
    12,
  )}::${(node.podCount + 1).toString(16)}`;
}

/**
 * The next address of the node's /28 prefixes, taking a new prefix when they are full. With no
 * free /28 left, Auto Mode falls back to a single secondary address; the VPC CNI's prefix mode
 * has no such fallback (InsufficientCidrBlocks), so there the pod gets none.
 */
function prefixAddress(
  b: ClusterBuild,
  node: NodeRecord,
  allocator: SubnetAllocator,
): string | undefined {
  if (node.prefixAddresses.length === 0) {
    const prefix = allocator.allocatePrefix(node.name);
    if (prefix) {
      const { base, size } = parseCidr(prefix);
      for (let i = 0; i < size; i++)
        node.prefixAddresses.push(formatIpv4(base + i));
    }
  }
  const fromPrefix = node.prefixAddresses.shift();
  if (fromPrefix) return fromPrefix;
  return b.autoMode ? allocator.allocate(node.name) : undefined;
}

/**
 * The workload's pods, round robin over its eligible nodes from a random one. Replicas get an
 * address from their zone's pod subnet; the `pendingNoIp` extras stay Pending with events saying why.
 */
export function addWorkloadPods(
  b: ClusterBuild,
  objects: BuiltObjects,
  plan: PodPlan,
) {
  const { w, eligible } = plan;
  const total = w.replicas + (w.pendingNoIp ?? 0);
  const offset = b.rng.int(0, eligible.length - 1);
  for (let i = 0; i < total; i++) {
    const node = eligible[(offset + i) % eligible.length];
    const isPending = i >= w.replicas;
    const podIp = isPending ? undefined : podAddress(b, node);
    if (!isPending && !podIp) {
      throw new Error(
        node.podBlock
          ? `Pod block ${node.podBlock.cidr} of hybrid node ${node.name} in ${b.cluster.name} is full; lower replicas or widen eks.remoteNetwork.podBlockPrefixLength`
          : `Pod subnet of ${node.zone} in ${b.cluster.name} is full; lower replicas or mark them pendingNoIp`,
      );
    }
    node.podCount += 1;
    if (podIp && b.cluster.eks.ipFamily !== 'ipv6') node.vpcPods += 1;
    const pod = workloadPod(b, plan, i, node, podIp);
    objects.pods.push(pod);
    if (isPending) {
      objects.events.push(...pendingPodEvents(b, w.namespace, pod, node));
    }
  }
}
