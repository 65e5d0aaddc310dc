import {
  type Ipv4Cidr,
  cidrContains,
  cidrWithin,
  parseIpv4Address,
  parseIpv4Cidr,
} from './ipv4Cidr';
import { tryParseQuantity } from './quantities';
import type { EksRemoteNetworkConfig, KubeNode } from './types';

/**
 * One hybrid node's pod address block (`spec.podCIDRs`) in a remote pod network.
 *
 * @public
 */
export type HybridNodeBlock = {
  nodeName: string;
  podCidr: string;
  /** 2^(32 - prefix length). */
  addresses: number;
  /** Pods on the node whose address is in the block. */
  pods: number;
  /** addresses - pods: an upper bound, as the CNI keeps a few addresses of a block. */
  freeAddresses: number;
  /** Kubelet max pods (`status.allocatable.pods`). */
  maxPods?: number;
  /** maxPods - the node's active pods (hostNetwork ones included), not below 0. */
  freePodSlots?: number;
};

/**
 * Address headroom of one remote pod network CIDR.
 *
 * @public
 */
export type RemotePodNetworkHeadroom = {
  cidr: string;
  totalAddresses: number;
  /** Pods on hybrid nodes whose address falls in the CIDR. */
  pods: number;
  /** totalAddresses - pods. */
  freeAddresses: number;
  /** Hybrid nodes' blocks (`spec.podCIDRs`) inside the CIDR. */
  nodeBlocks: HybridNodeBlock[];
  /** totalAddresses - the addresses of the node blocks. */
  unallocatedAddresses: number;
  /** The node blocks' prefix length (the most common one when they differ). */
  blockPrefixLength?: number;
  /** Aligned blocks of that length no node holds yet: how many more hybrid nodes fit. */
  freeBlocks?: number;
};

/**
 * The remote networks of a cluster with hybrid nodes.
 *
 * @public
 */
export type RemoteNetworks = {
  nodeNetworks: Array<{ cidr: string; totalAddresses: number }>;
  podNetworks: RemotePodNetworkHeadroom[];
  hybridNodes: number;
  notes: string[];
};

function cidrsOf(networks: Array<{ cidrs?: string[] }> | undefined) {
  return (networks ?? []).flatMap(n => n.cidrs ?? []);
}

function nodeBlocksOf(node: KubeNode): string[] {
  const blocks = node.spec?.podCIDRs ?? [];
  if (blocks.length > 0) return blocks;
  return node.spec?.podCIDR ? [node.spec.podCIDR] : [];
}

/** Aligned blocks of `prefixLength` in `cidr` that overlap none of `taken`. */
function freeAlignedBlocks(
  cidr: Ipv4Cidr,
  prefixLength: number,
  taken: Ipv4Cidr[],
): number {
  const size = 2 ** (32 - prefixLength);
  const occupied = new Set<number>();
  for (const block of taken) {
    const first = Math.floor((block.base - cidr.base) / size);
    const last = Math.floor((block.base + block.size - 1 - cidr.base) / size);
    for (let slot = first; slot <= last; slot++) occupied.add(slot);
  }
  return Math.max(0, Math.floor(cidr.size / size) - occupied.size);
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
}

type HybridNode = {
  name: string;
  maxPods?: number;
  ips: number[];
  /** Active pods on the node, hostNetwork ones included (kubelet max pods counts them). */
  pods: number;
};

function hybridNodeBlock(
  node: HybridNode,
  text: string,
  block: Ipv4Cidr,
): HybridNodeBlock {
  const pods = node.ips.filter(ip => cidrContains(block, ip)).length;
  return {
    nodeName: node.name,
    podCidr: text,
    addresses: block.size,
    pods,
    freeAddresses: Math.max(0, block.size - pods),
    ...(node.maxPods !== undefined && {
      maxPods: node.maxPods,
      freePodSlots: Math.max(0, node.maxPods - node.pods),
    }),
  };
}

function podNetworkHeadroom(
  text: string,
  cidr: Ipv4Cidr,
  nodes: Array<HybridNode & { blocks: Array<[string, Ipv4Cidr]> }>,
): RemotePodNetworkHeadroom {
  const pods = nodes.reduce(
    (s, n) => s + n.ips.filter(ip => cidrContains(cidr, ip)).length,
    0,
  );
  const inside = nodes.flatMap(n =>
    n.blocks
      .filter(([, b]) => cidrWithin(b, cidr))
      .map(([t, b]) => ({ block: b, figure: hybridNodeBlock(n, t, b) })),
  );
  const held = inside.reduce((s, b) => s + b.block.size, 0);
  const prefixLength = mostCommon(inside.map(b => b.block.prefixLength));
  return {
    cidr: text,
    totalAddresses: cidr.size,
    pods,
    freeAddresses: Math.max(0, cidr.size - pods),
    nodeBlocks: inside.map(b => b.figure),
    unallocatedAddresses: Math.max(0, cidr.size - held),
    ...(prefixLength !== undefined && {
      blockPrefixLength: prefixLength,
      freeBlocks: freeAlignedBlocks(
        cidr,
        prefixLength,
        inside.map(b => b.block),
      ),
    }),
  };
}

/**
 * Whether the node is an EKS hybrid node (`eks.amazonaws.com/compute-type: hybrid`).
 *
 * @public
 */
export function isHybridNode(node: KubeNode): boolean {
  return node.metadata.labels?.['eks.amazonaws.com/compute-type'] === 'hybrid';
}

const NO_BLOCK_NOTE =
  "report no spec.podCIDRs: their CNI's per-node block is not read here (Cilium's cluster pool keeps it in CiliumNode spec.ipam.podCIDRs, /24 by default, /25 in the EKS guide's values; Calico IPAM hands out /26 blocks on demand by default), so how many more hybrid nodes fit is unknown";

function remoteNotes(
  hybrid: Array<HybridNode & { blocks: unknown[] }>,
  podCidrs: Ipv4Cidr[],
  unparsed: string[],
): string[] {
  const notes: string[] = [];
  if (unparsed.length > 0) {
    notes.push(`not IPv4 CIDRs, left out: ${unparsed.join(', ')}`);
  }
  if (podCidrs.length === 0) {
    notes.push(
      `${hybrid.length} hybrid node(s) but no remote pod networks in the cluster's RemoteNetworkConfig: the addresses left for their pods are unknown`,
    );
  }
  const withoutBlock = hybrid.filter(n => n.blocks.length === 0).length;
  if (withoutBlock > 0) {
    notes.push(`${withoutBlock} hybrid node(s) ${NO_BLOCK_NOTE}`);
  }
  const outside = hybrid.reduce(
    (s, n) =>
      s + n.ips.filter(ip => !podCidrs.some(c => cidrContains(c, ip))).length,
    0,
  );
  if (outside > 0 && podCidrs.length > 0) {
    notes.push(
      `${outside} pod(s) on hybrid nodes have addresses outside every remote pod network (not counted above)`,
    );
  }
  if (hybrid.some(n => n.blocks.length > 0)) {
    notes.push(
      "a node block's free addresses count all of its addresses; the CNI keeps a few for itself (Cilium's cluster pool: network and broadcast)",
    );
  }
  return notes;
}

/**
 * Headroom of a cluster's remote pod networks (EKS Hybrid Nodes): per CIDR of
 * `remotePodNetworks`, its addresses, the hybrid nodes' pods whose address is in it, the
 * nodes' blocks (`spec.podCIDRs`) inside it and how many more blocks of that size fit.
 * Hybrid nodes run Cilium or Calico, not the VPC CNI, whose IPAM gives each node a block of
 * the pod CIDR. `podIpsByNode` holds the IPv4 addresses of each node's pods (hostNetwork
 * pods use the node's address and are not in it); `podsOnNode` counts every active pod of a
 * node, as kubelet max pods does (default: those with an address).
 *
 * Sources: EKS API `RemoteNetworkConfigResponse`; EKS user guide "hybrid-nodes-cni";
 * Cilium docs "Cluster Scope IPAM"; Calico `IPPool` reference (`blockSize`).
 *
 * @public
 */
export function remotePodNetworkHeadroom(
  config: EksRemoteNetworkConfig,
  nodes: KubeNode[],
  podIpsByNode: Record<string, string[]>,
  podsOnNode: Record<string, number> = {},
): RemoteNetworks {
  const unparsed: string[] = [];
  const parse = (texts: string[]) =>
    texts.flatMap(text => {
      const cidr = parseIpv4Cidr(text);
      if (!cidr) unparsed.push(text);
      return cidr ? [[text, cidr] as const] : [];
    });
  const podNetworks = parse(cidrsOf(config.remotePodNetworks));
  const nodeNetworks = parse(cidrsOf(config.remoteNodeNetworks));
  const hybrid = nodes.filter(isHybridNode).map(node => {
    const name = node.metadata.name ?? '';
    const maxPods = tryParseQuantity(node.status?.allocatable?.pods);
    const ips = (podIpsByNode[name] ?? [])
      .map(parseIpv4Address)
      .filter((ip): ip is number => ip !== undefined);
    return {
      name,
      ips,
      pods: podsOnNode[name] ?? ips.length,
      ...(maxPods !== undefined && { maxPods: Math.floor(maxPods) }),
      blocks: nodeBlocksOf(node).flatMap(text => {
        const block = parseIpv4Cidr(text);
        return block ? [[text, block] as [string, Ipv4Cidr]] : [];
      }),
    };
  });
  return {
    nodeNetworks: nodeNetworks.map(([cidr, c]) => ({
      cidr,
      totalAddresses: c.size,
    })),
    podNetworks: podNetworks.map(([text, cidr]) =>
      podNetworkHeadroom(text, cidr, hybrid),
    ),
    hybridNodes: hybrid.length,
    notes: remoteNotes(
      hybrid,
      podNetworks.map(([, c]) => c),
      unparsed,
    ),
  };
}

/**
 * The rules of the remote pod network figures, for the views' explanations.
 *
 * @public
 */
export const REMOTE_POD_NETWORK_RULES = {
  remotePodFree: {
    formula:
      'free = 2^(32 - mask) - pods on hybrid nodes with an address in the CIDR',
    source:
      'EKS DescribeCluster remoteNetworkConfig.remotePodNetworks; Kubernetes pods status.podIPs',
  },
  remoteBlockFree: {
    formula:
      "free = 2^(32 - block mask) - pods with an address in the node's block (an upper bound: the CNI keeps a few)",
    source: 'Kubernetes nodes spec.podCIDRs and pods status.podIPs',
  },
  remoteFreeBlocks: {
    formula:
      "more hybrid nodes fit = aligned blocks of the nodes' block size in the CIDR that no node holds",
    source: 'EKS remotePodNetworks; Kubernetes nodes spec.podCIDRs',
  },
};
