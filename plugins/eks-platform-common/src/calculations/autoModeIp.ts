import { PREFIX_BLOCK_SIZE } from './prefixBlocks';
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
