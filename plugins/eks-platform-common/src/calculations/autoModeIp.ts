import { LOW_PREFIX_BLOCKS, PREFIX_BLOCK_SIZE } from './prefixBlocks';
import type { KubeNode } from './types';

/** The `eks.amazonaws.com/compute-type` value of EKS Auto Mode nodes. */
const AUTO_MODE_COMPUTE_TYPE = 'auto';

/**
 * `DescribeCluster` → `cluster.computeConfig`: EKS Auto Mode's compute.
 *
 * @public
 */
export type EksComputeConfig = {
  enabled?: boolean;
  /** Built-in NodePools Auto Mode runs, e.g. `general-purpose`, `system`. */
  nodePools?: string[];
  nodeRoleArn?: string;
};

/**
 * Whether a cluster runs EKS Auto Mode, and what says so.
 *
 * @public
 */
export type AutoModeStatus = {
  /** `computeConfig.enabled`, else true when some node is labelled `compute-type: auto`. */
  enabled: boolean;
  /** `compute-config` when EKS said so, `node-labels` when only the nodes did. */
  source: 'compute-config' | 'node-labels';
  nodePools: string[];
  nodeRoleArn?: string;
  /** Nodes labelled `eks.amazonaws.com/compute-type: auto`. */
  autoModeNodes: number;
};

/**
 * True for a node EKS Auto Mode runs (`eks.amazonaws.com/compute-type: auto`).
 *
 * @public
 */
export function isAutoModeNode(node: KubeNode): boolean {
  return (
    node.metadata.labels?.['eks.amazonaws.com/compute-type'] ===
    AUTO_MODE_COMPUTE_TYPE
  );
}

/**
 * Auto Mode from `DescribeCluster` `computeConfig` when EKS was read, else from the node label;
 * undefined when neither says Auto Mode. Auto Mode runs the nodes' networking itself: no
 * `aws-node` DaemonSet, and the VPC CNI's settings do not apply.
 *
 * Sources: EKS API reference `DescribeCluster` (`computeConfig.enabled`, `nodePools`,
 * `nodeRoleArn`); EKS user guide "Learn about VPC Networking and Load Balancing in EKS Auto Mode".
 *
 * @public
 */
export function autoModeOf(
  computeConfig: EksComputeConfig | undefined,
  nodes: KubeNode[],
): AutoModeStatus | undefined {
  const autoModeNodes = nodes.filter(isAutoModeNode).length;
  if (computeConfig?.enabled !== undefined) {
    if (!computeConfig.enabled && autoModeNodes === 0) return undefined;
    return {
      enabled: computeConfig.enabled,
      source: 'compute-config',
      nodePools: computeConfig.nodePools ?? [],
      ...(computeConfig.nodeRoleArn && {
        nodeRoleArn: computeConfig.nodeRoleArn,
      }),
      autoModeNodes,
    };
  }
  if (autoModeNodes === 0) return undefined;
  return { enabled: true, source: 'node-labels', nodePools: [], autoModeNodes };
}

/**
 * The pod addresses an Auto Mode node takes, as the documented rule gives them.
 *
 * @public
 */
export type AutoModeNodeAddresses = {
  /** How new pod addresses come: /28 prefixes, or single addresses when no /28 block is free. */
  mode: 'prefixes' | 'single-addresses';
  /** /28 prefixes at least held: ceil(pods / 16) (the size of Auto Mode's warm pool is not published). */
  prefixes: number;
  /** Pod addresses at least held: prefixes × 16. */
  podAddresses: number;
  /** Addresses of those prefixes no pod uses yet. */
  spareAddresses: number;
};

/**
 * An Auto Mode node's pod addresses: Auto Mode gives the node's primary interface /28 prefixes
 * (16 addresses each) and keeps a warm pool that grows with the pods; when the subnet has no /28
 * left it falls back to single secondary addresses. So the node holds at least ceil(pods / 16)
 * prefixes, and with `freePrefixBlocks` 0 its next pods take one address each. Auto Mode's warm
 * pool size is not published, so this is a lower bound.
 *
 * Sources: EKS user guide "Learn about VPC Networking and Load Balancing in EKS Auto Mode"
 * (network resource management: prefix delegation, fallback to secondary addresses).
 *
 * @public
 */
export function autoModeNodeAddresses(
  podsWithVpcAddress: number,
  freePrefixBlocks: number | undefined,
): AutoModeNodeAddresses {
  const pods = Math.max(0, podsWithVpcAddress);
  const prefixes = Math.ceil(pods / PREFIX_BLOCK_SIZE);
  const podAddresses = prefixes * PREFIX_BLOCK_SIZE;
  return {
    mode: freePrefixBlocks === 0 ? 'single-addresses' : 'prefixes',
    prefixes,
    podAddresses,
    spareAddresses: podAddresses - pods,
  };
}

/**
 * What the product models of an Auto Mode cluster's pod addresses, and what it cannot know, in
 * words for the views.
 *
 * @public
 */
export const AUTO_MODE_IP_MODEL =
  'EKS Auto Mode manages the CNI (no aws-node to read): pods take /28 prefixes (16 addresses), and single addresses once a subnet has no free /28 block; max pods is what Auto Mode sets on each node. Not known: the size of Auto Mode’s warm pool, so held addresses are counted as at least the prefixes the pods fill';

/**
 * A warning for the subnet with the fewest free /28 blocks when prefixes are what its pods take:
 * none left (Auto Mode falls back to single addresses, prefix delegation fails with
 * `InsufficientCidrBlocks`) or fewer than {@link LOW_PREFIX_BLOCKS}; undefined otherwise.
 *
 * Sources: see {@link prefixBlocksOf} and {@link autoModeNodeAddresses}.
 *
 * @public
 */
export function prefixBlockWarning(
  subnet: { freeBlocks: number; freeAddresses: number; upperBound?: boolean },
  autoMode: boolean,
): string | undefined {
  const after = autoMode
    ? 'Auto Mode gives new pods single addresses'
    : 'prefix delegation cannot add prefixes (InsufficientCidrBlocks)';
  const bound = subnet.upperBound
    ? ' (at most: some used addresses are on ENIs this account cannot list)'
    : '';
  if (subnet.freeBlocks === 0) {
    return `No free /28 block left although ${subnet.freeAddresses} addresses are free: ${after}`;
  }
  if (subnet.freeBlocks < LOW_PREFIX_BLOCKS) {
    return `Only ${subnet.freeBlocks} free /28 block(s) left${bound}: after them ${after}`;
  }
  return undefined;
}
