import type { ClusterOverview } from '@eks-platform/plugin-eks-platform-common';

/** One entry of the cluster picker. */
export type ClusterOption = {
  name: string;
  /** `Production EU (prod-eu-west-1)`. */
  label: string;
  /** Version and support phase, e.g. `Kubernetes 1.33, extended support (247 days left)`. */
  version: string;
  /** IP headroom, e.g. `room for 412 more pods`. */
  headroom: string;
  /** Why the cluster cannot be chosen, when it cannot. */
  disabledReason?: string;
};

const PHASES: Record<string, string> = {
  standard: 'standard support',
  extended: 'extended support',
  unsupported: 'no longer supported',
  unknown: 'support status unknown',
};

/** The picker entry of a cluster; items without version or IP data (an older backend) say so. */
export function clusterOption(cluster: ClusterOverview): ClusterOption {
  const v = cluster.version;
  const phase = v ? PHASES[v.phase] ?? v.phase : undefined;
  const days =
    v?.daysLeft !== undefined && v.phase !== 'unsupported'
      ? ` (${v.daysLeft} days left)`
      : '';
  const ip = cluster.ip;
  let headroom = 'IP headroom unknown';
  if (ip) {
    headroom = `room for ${ip.additionalPods} more pods`;
    if (ip.leastFreeSubnet) {
      headroom += `, least free subnet ${ip.leastFreeSubnet.freeAddresses} addresses`;
    }
  }
  return {
    name: cluster.name,
    label: cluster.title ? `${cluster.title} (${cluster.name})` : cluster.name,
    version: v
      ? `Kubernetes ${v.kubernetesVersion}, ${phase}${days}`
      : 'version unknown',
    headroom,
    disabledReason:
      v?.phase === 'unsupported'
        ? `Kubernetes ${v.kubernetesVersion} is no longer supported by EKS`
        : undefined,
  };
}

/** What is wrong with a chosen cluster, or undefined. */
export function clusterProblem(
  name: string,
  clusters: ClusterOverview[],
): string | undefined {
  const cluster = clusters.find(c => c.name === name);
  if (!cluster) {
    return `Cluster "${name}" is not known to the EKS platform (known: ${
      clusters.map(c => c.name).join(', ') || 'none'
    })`;
  }
  const option = clusterOption(cluster);
  return option.disabledReason
    ? `Cluster ${name} cannot host new services: ${option.disabledReason}`
    : undefined;
}
