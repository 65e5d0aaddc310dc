import {
  type ClusterOverview,
  type DataSource,
  type SupportPhase,
  cpuRequestedShare,
  prefixBlockWarning,
} from '@eks-platform/plugin-eks-platform-common';
import { formatCount } from '../common/format';

/**
 * One fleet table row: a cluster overview flattened to plain values, so the table
 * sorts and filters on them and the CSV export writes the same numbers.
 */
export type FleetRow = {
  /** Unique id for the table. */
  id: string;
  name: string;
  title?: string;
  region?: string;
  accountId?: string;
  kubernetesVersion?: string;
  phase?: SupportPhase;
  /** Days left in the current support phase. */
  daysLeft?: number;
  /** `YYYY-MM-DD`. */
  nextDeadline?: string;
  versionSummary?: string;
  /** While the control plane can be rolled back: to which version, until which day (`YYYY-MM-DD`). */
  rollbackTarget?: string;
  rollbackUntil?: string;
  rollbackDaysLeft?: number;
  /** 0..1 */
  spotCpuShare?: number;
  spotNodes?: number;
  nodes?: number;
  requestedCpuMillis?: number;
  allocatableCpuMillis?: number;
  /** requested / allocatable CPU, 0..1. */
  cpuRequestedShare?: number;
  requestedMemoryBytes?: number;
  allocatableMemoryBytes?: number;
  leastFreeSubnetId?: string;
  leastFreeZone?: string;
  leastFreeAddresses?: number;
  leastUsableAddresses?: number;
  additionalPods?: number;
  /** An IPv6 cluster: pod addresses cannot run out; the subnet figures are the nodes' IPv4. */
  ipv6: boolean;
  /** EKS Auto Mode runs the cluster's nodes and CNI. */
  autoMode: boolean;
  /** Free /28 blocks of the pod subnet with the fewest (Auto Mode, prefix delegation). */
  freePrefixBlocks?: number;
  /** Why those blocks matter when none or few are left. */
  prefixBlockWarning?: string;
  /** EKS Hybrid Nodes: how many, and the remote pod networks' free addresses, in words. */
  hybridNote?: string;
  daysToExhaustion?: number;
  forecastStatus?: string;
  podsFailingIpAssignment?: number;
  collectedAt?: string;
  stale: boolean;
  partial: DataSource[];
  lastError?: string;
  lastErrorAt?: string;
  overview: ClusterOverview;
};

/** "3 hybrid nodes, 991 remote pod addresses free": hybrid nodes are not in the subnet figures. */
export function hybridNoteOf(
  hybrid: NonNullable<NonNullable<ClusterOverview['ip']>['hybrid']>,
): string {
  const nodes = `${hybrid.nodes} hybrid ${
    hybrid.nodes === 1 ? 'node' : 'nodes'
  }`;
  return hybrid.freeRemotePodAddresses === undefined
    ? `${nodes}, remote pod networks unknown`
    : `${nodes}, ${formatCount(
        hybrid.freeRemotePodAddresses,
      )} remote pod addresses free`;
}

/** Flattens a cluster overview into a {@link FleetRow}. */
export function toFleetRow(overview: ClusterOverview): FleetRow {
  const { spot, ip, version } = overview;
  return {
    id: overview.name,
    name: overview.name,
    title: overview.title,
    region: overview.eks?.region,
    accountId: overview.eks?.accountId,
    kubernetesVersion: version?.kubernetesVersion,
    phase: version?.phase,
    daysLeft: version?.daysLeft,
    nextDeadline: version?.nextDeadline,
    versionSummary: version?.summary,
    rollbackTarget: version?.rollbackOpen?.targetVersion,
    rollbackUntil: version?.rollbackOpen?.untilDay,
    rollbackDaysLeft: version?.rollbackOpen?.daysLeft,
    spotCpuShare: spot?.spotCpuShare,
    spotNodes: spot?.spotNodes,
    nodes: spot?.nodes,
    requestedCpuMillis: spot?.requestedCpuMillis,
    allocatableCpuMillis: spot?.allocatableCpuMillis,
    cpuRequestedShare: spot ? cpuRequestedShare(spot)?.value : undefined,
    requestedMemoryBytes: spot?.requestedMemoryBytes,
    allocatableMemoryBytes: spot?.allocatableMemoryBytes,
    leastFreeSubnetId: ip?.leastFreeSubnet?.subnetId,
    leastFreeZone: ip?.leastFreeSubnet?.availabilityZone,
    leastFreeAddresses: ip?.leastFreeSubnet?.freeAddresses,
    leastUsableAddresses: ip?.leastFreeSubnet?.usableAddresses,
    additionalPods: ip?.additionalPods,
    ipv6: ip?.ipFamily === 'ipv6',
    autoMode: !!overview.autoMode?.enabled,
    freePrefixBlocks: ip?.fewestPrefixBlocks?.freeBlocks,
    prefixBlockWarning:
      ip?.fewestPrefixBlocks &&
      prefixBlockWarning(ip.fewestPrefixBlocks, !!overview.autoMode?.enabled),
    ...(ip?.hybrid && { hybridNote: hybridNoteOf(ip.hybrid) }),
    daysToExhaustion: ip?.daysToExhaustion,
    forecastStatus: ip?.forecastStatus,
    podsFailingIpAssignment: ip?.podsFailingIpAssignment,
    collectedAt: overview.collectedAt,
    stale: overview.stale,
    partial: overview.partial,
    lastError: overview.lastError?.message,
    lastErrorAt: overview.lastError?.at,
    overview,
  };
}
