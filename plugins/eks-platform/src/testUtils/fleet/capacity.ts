import type {
  CapacityFigures,
  CapacityGroup,
  CapacitySummary,
  ClusterOverview,
} from '@eks-platform/plugin-eks-platform-common';

const GIB = 2 ** 30;

/**
 * The nodes of one capacity type: CPU in millicores and memory in GiB, each as
 * [allocatable, requested], and pod slots as [allocatable, placed pods].
 */
export type NodesSpec = {
  nodes: number;
  cpu: [number, number];
  memoryGib: [number, number];
  pods?: [number, number];
};

/** A cluster's nodes per capacity type; the totals and the spot share are computed from them. */
export type CapacitySpec = { spot: NodesSpec; 'on-demand': NodesSpec };

function figuresOf(spec: NodesSpec): CapacityFigures {
  return {
    nodes: spec.nodes,
    allocatableCpuMillis: spec.cpu[0],
    requestedCpuMillis: spec.cpu[1],
    allocatableMemoryBytes: spec.memoryGib[0] * GIB,
    requestedMemoryBytes: spec.memoryGib[1] * GIB,
    allocatablePods: spec.pods?.[0] ?? 0,
    pods: spec.pods?.[1] ?? 0,
  };
}

function total(groups: CapacityFigures[]): CapacityFigures {
  const sum = (key: keyof CapacityFigures) =>
    groups.reduce((s, g) => s + g[key], 0);
  return {
    nodes: sum('nodes'),
    allocatableCpuMillis: sum('allocatableCpuMillis'),
    requestedCpuMillis: sum('requestedCpuMillis'),
    allocatableMemoryBytes: sum('allocatableMemoryBytes'),
    requestedMemoryBytes: sum('requestedMemoryBytes'),
    allocatablePods: sum('allocatablePods'),
    pods: sum('pods'),
  };
}

/**
 * The capacity summary of a cluster by capacity type, as summariseCapacity reports it for
 * these nodes (no per-node detail). The spot share is spot allocatable CPU over the total.
 */
export function capacityOf(spec: CapacitySpec): CapacitySummary {
  const byCapacityType: CapacityGroup[] = (['on-demand', 'spot'] as const)
    .filter(key => spec[key].nodes > 0)
    .map(key => ({ key, ...figuresOf(spec[key]) }));
  const all = total(byCapacityType);
  const spot = figuresOf(spec.spot);
  return {
    total: all,
    byCapacityType,
    byNodeGroup: [],
    byZone: [],
    byCapacityTypeNodeGroupZone: [],
    nodes: [],
    interruptedNodes: [],
    unplacedPods: 0,
    spotCpuShare: all.allocatableCpuMillis
      ? spot.allocatableCpuMillis / all.allocatableCpuMillis
      : 0,
  };
}

/** The fleet table's spot summary of a cluster, read off its capacity summary. */
export function spotSummary(
  capacity: CapacitySummary,
): NonNullable<ClusterOverview['spot']> {
  const spot = capacity.byCapacityType.find(g => g.key === 'spot');
  return {
    spotCpuShare: capacity.spotCpuShare,
    spotNodes: spot?.nodes ?? 0,
    nodes: capacity.total.nodes,
    requestedCpuMillis: capacity.total.requestedCpuMillis,
    allocatableCpuMillis: capacity.total.allocatableCpuMillis,
    requestedMemoryBytes: capacity.total.requestedMemoryBytes,
    allocatableMemoryBytes: capacity.total.allocatableMemoryBytes,
  };
}
