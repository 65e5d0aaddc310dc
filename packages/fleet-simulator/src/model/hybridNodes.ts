import { ScenarioCluster, ScenarioNodeGroup } from '../scenario/schema';
import { type ClusterBuild, age } from './clusterBuild';
import type { NodeRecord } from './clusterNodes';
import { hexId } from './determinism';
import { getInstanceType } from './instanceTypes';
import { Cidr, formatIpv4, parseCidr } from './ipv4';
import { SubnetAllocator } from './subnetAllocator';
import { buildNode } from './kubeObjects';

// EKS Hybrid Nodes: on-premises machines joined to the cluster. They run Cilium (or Calico), not
// the VPC CNI, take their own address from a remote node network, and give their pods addresses
// from a per-node block of a remote pod network (Cilium's cluster-pool IPAM).

/** A hybrid node's pod block and the next address it hands out. */
export interface PodBlock {
  cidr: string;
  base: number;
  size: number;
  next: number;
}

/** The remote networks' allocators: node addresses in order, then one pod block per node. */
export class HybridPools {
  readonly #nodes: SubnetAllocator;
  readonly #pools: Cidr[];
  readonly #blockSize: number;
  readonly #prefixLength: number;
  #nextBlock = 0;

  constructor(remote: NonNullable<ScenarioCluster['eks']['remoteNetwork']>) {
    this.#nodes = new SubnetAllocator(remote.nodeCidrs[0]);
    this.#pools = remote.podCidrs.map(parseCidr);
    this.#prefixLength = remote.podBlockPrefixLength;
    this.#blockSize = 2 ** (32 - remote.podBlockPrefixLength);
  }

  nodeAddress(): string | undefined {
    return this.#nodes.allocate();
  }

  /** The next free block of the pod CIDRs, filling them in order. */
  podBlock(): PodBlock | undefined {
    let index = this.#nextBlock++;
    for (const pool of this.#pools) {
      const blocks = Math.floor(pool.size / this.#blockSize);
      if (index < blocks) {
        const base = pool.base + index * this.#blockSize;
        // The block's first address is its network address and the next the CNI's router.
        return {
          cidr: `${formatIpv4(base)}/${this.#prefixLength}`,
          base,
          size: this.#blockSize,
          next: 2,
        };
      }
      index -= blocks;
    }
    return undefined;
  }
}

/** The next pod address of a hybrid node's block, or undefined when it is full. */
export function hybridPodAddress(block: PodBlock): string | undefined {
  if (block.next >= block.size - 1) return undefined;
  return formatIpv4(block.base + block.next++);
}

/** The Node object of a hybrid node: no instance type, zone or EC2 provider ID; its pod block. */
function hybridNodeObject(
  b: ClusterBuild,
  group: ScenarioNodeGroup,
  input: { name: string; ip: string; kubeletVersion: string; maxPods: number },
  block: PodBlock,
) {
  const object = buildNode({
    ...input,
    zone: 'on-premises',
    region: b.region,
    instanceType: getInstanceType(group.instanceTypes[0]),
    labels: {
      'eks.amazonaws.com/compute-type': 'hybrid',
      'eks.amazonaws.com/hybrid-credential-provider': 'ssm',
      ...group.labels,
    },
    taints: group.taints ?? [],
    createdAt: age(b, 1, 40),
    instanceId: input.name,
    osImage: 'Ubuntu 24.04.2 LTS',
  });
  const labels = object.metadata.labels as Record<string, string>;
  for (const key of [
    'node.kubernetes.io/instance-type',
    'beta.kubernetes.io/instance-type',
    'topology.kubernetes.io/region',
    'topology.kubernetes.io/zone',
    'topology.k8s.aws/zone-id',
  ]) {
    delete labels[key];
  }
  const spec = { ...(object.spec as Record<string, unknown>) };
  delete spec.providerID;
  if (group.reportPodCidrs !== false) {
    spec.podCIDR = block.cidr;
    spec.podCIDRs = [block.cidr];
  }
  return { ...object, spec };
}

/** Node `i` of a hybrid group: named like an SSM managed instance, addressed from the remote networks. */
export function hybridNode(
  b: ClusterBuild,
  group: ScenarioNodeGroup,
  kubeletVersion: string,
  i: number,
): NodeRecord {
  const remote = b.cluster.eks.remoteNetwork;
  if (!remote) {
    throw new Error(
      `Cluster ${b.cluster.name} has hybrid node group ${group.name} but no eks.remoteNetwork`,
    );
  }
  const pools = (b.hybrid ??= new HybridPools(remote));
  const ip = pools.nodeAddress();
  const block = pools.podBlock();
  if (!ip || !block) {
    throw new Error(
      `The remote networks of ${b.cluster.name} have no room for node ${i} of ${group.name}`,
    );
  }
  const name = `mi-0${hexId(
    `hybrid:${b.cluster.name}:${group.name}:${i}`,
    16,
  )}`;
  const maxPods = group.maxPods ?? 110;
  const object = hybridNodeObject(
    b,
    group,
    { name, ip, kubeletVersion, maxPods },
    block,
  );
  return {
    object,
    name,
    ip,
    zone: 'on-premises',
    group,
    maxPods,
    podCount: 0,
    ipv4PerEni: 0,
    vpcPods: 0,
    prefixAddresses: [],
    maxEnis: 0,
    podBlock: block,
  };
}
