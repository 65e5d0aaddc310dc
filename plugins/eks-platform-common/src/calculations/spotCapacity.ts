import {
  CapacityType,
  CapacityTypeRule,
  DEFAULT_CAPACITY_TYPE_RULES,
  NodeGroupRef,
  capacityTypeLabelsText,
  capacityTypeOf,
  instanceTypeOf,
  nodeGroupOf,
  zoneOf,
} from './capacityType';
import type { FigureRule } from './figure';
import { NodeInterruption, interruptionsOf } from './interruptionTaints';
import { isPodActive, podRequests } from './podRequests';
import { quantityToMillis, quantityToUnits } from './quantities';
import type { KubeNode, KubePod, KubeQuantity } from './types';

/**
 * Allocatable and requested CPU, memory and pod slots of a set of nodes.
 *
 * @public
 */
export type CapacityFigures = {
  nodes: number;
  allocatableCpuMillis: number;
  requestedCpuMillis: number;
  allocatableMemoryBytes: number;
  requestedMemoryBytes: number;
  allocatablePods: number;
  /** Non-terminated pods placed on the nodes. */
  pods: number;
};

/**
 * One node's capacity with its grouping keys.
 *
 * @public
 */
export type NodeCapacity = CapacityFigures & {
  nodeName: string;
  capacityType: CapacityType;
  /** The label that decided the capacity type, when one did. */
  capacityTypeLabel?: string;
  nodeGroup: NodeGroupRef;
  zone?: string;
  instanceType?: string;
  /** Interruption taints on the node. */
  interruptions: NodeInterruption[];
  unschedulable: boolean;
};

/**
 * A group of nodes sharing a key, with summed figures.
 *
 * @public
 */
export type CapacityGroup = CapacityFigures & {
  key: string;
};

/**
 * The kube-capacity style summary of a cluster, by capacity type, node group and zone.
 *
 * @public
 */
export type CapacitySummary = {
  total: CapacityFigures;
  byCapacityType: CapacityGroup[];
  byNodeGroup: CapacityGroup[];
  byZone: CapacityGroup[];
  /** Every combination of capacity type, node group and zone present. */
  byCapacityTypeNodeGroupZone: Array<
    CapacityFigures & {
      capacityType: CapacityType;
      nodeGroup: string;
      zone: string;
    }
  >;
  nodes: NodeCapacity[];
  /** Nodes carrying an interruption taint. */
  interruptedNodes: NodeCapacity[];
  /** Non-terminated pods with no node yet (Pending) or on a node not listed. */
  unplacedPods: number;
  /** Share of allocatable CPU on spot nodes (0..1), 0 when there is no CPU. */
  spotCpuShare: number;
};

/**
 * Options of {@link summariseCapacity}.
 *
 * @public
 */
export type CapacityOptions = {
  /** Label rules for the capacity type; default {@link DEFAULT_CAPACITY_TYPE_RULES}. */
  capacityTypeRules?: CapacityTypeRule[];
};

function allocatable(
  node: KubeNode,
  resource: string,
  convert: (q: KubeQuantity) => number,
): number {
  const value = node.status?.allocatable?.[resource];
  if (value === undefined) {
    return 0;
  }
  try {
    return convert(value);
  } catch {
    return 0;
  }
}

function emptyFigures(): CapacityFigures {
  return {
    nodes: 0,
    allocatableCpuMillis: 0,
    requestedCpuMillis: 0,
    allocatableMemoryBytes: 0,
    requestedMemoryBytes: 0,
    allocatablePods: 0,
    pods: 0,
  };
}

function addFigures(into: CapacityFigures, from: CapacityFigures): void {
  into.nodes += from.nodes;
  into.allocatableCpuMillis += from.allocatableCpuMillis;
  into.requestedCpuMillis += from.requestedCpuMillis;
  into.allocatableMemoryBytes += from.allocatableMemoryBytes;
  into.requestedMemoryBytes += from.requestedMemoryBytes;
  into.allocatablePods += from.allocatablePods;
  into.pods += from.pods;
}

function groupBy(
  nodes: NodeCapacity[],
  keyOf: (n: NodeCapacity) => string,
): CapacityGroup[] {
  const groups = new Map<string, CapacityGroup>();
  for (const node of nodes) {
    const key = keyOf(node);
    let group = groups.get(key);
    if (!group) {
      group = { key, ...emptyFigures() };
      groups.set(key, group);
    }
    addFigures(group, node);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Allocatable versus requested CPU, memory and pod slots per node, and summed by
 * capacity type, node group/NodePool and zone, with the nodes that carry an
 * interruption taint.
 *
 * Allocatable comes from `node.status.allocatable`; requested is the sum of
 * {@link podRequests} over the node's pods whose phase is not `Succeeded`/`Failed`,
 * as `kubectl describe node` and kube-capacity compute it.
 *
 * Sources: domain notes "Spot capacity"; kubectl `describe node` (Non-terminated Pods,
 * Allocated resources).
 *
 * @public
 */
export function summariseCapacity(
  nodes: KubeNode[],
  pods: KubePod[],
  options: CapacityOptions = {},
): CapacitySummary {
  const rules = options.capacityTypeRules ?? DEFAULT_CAPACITY_TYPE_RULES;
  const byName = new Map<string, NodeCapacity>();
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const capacity = capacityTypeOf(node, rules);
    byName.set(name, {
      nodeName: name,
      capacityType: capacity.capacityType,
      capacityTypeLabel: capacity.label,
      nodeGroup: nodeGroupOf(node),
      zone: zoneOf(node),
      instanceType: instanceTypeOf(node),
      interruptions: interruptionsOf(node),
      unschedulable: node.spec?.unschedulable === true,
      nodes: 1,
      allocatableCpuMillis: allocatable(node, 'cpu', quantityToMillis),
      allocatableMemoryBytes: allocatable(node, 'memory', quantityToUnits),
      allocatablePods: allocatable(node, 'pods', quantityToUnits),
      requestedCpuMillis: 0,
      requestedMemoryBytes: 0,
      pods: 0,
    });
  }

  let unplacedPods = 0;
  for (const pod of pods) {
    if (!isPodActive(pod)) {
      continue;
    }
    const node = pod.spec?.nodeName ? byName.get(pod.spec.nodeName) : undefined;
    if (!node) {
      unplacedPods++;
      continue;
    }
    const requests = podRequests(pod);
    node.requestedCpuMillis += requests.cpuMillis;
    node.requestedMemoryBytes += requests.memoryBytes;
    node.pods += 1;
  }

  const nodeList = [...byName.values()];
  const total = emptyFigures();
  nodeList.forEach(n => addFigures(total, n));
  const spotCpu = nodeList
    .filter(n => n.capacityType === 'spot')
    .reduce((sum, n) => sum + n.allocatableCpuMillis, 0);

  const combos = new Map<
    string,
    CapacitySummary['byCapacityTypeNodeGroupZone'][number]
  >();
  for (const node of nodeList) {
    const zone = node.zone ?? '(unknown)';
    const key = `${node.capacityType}|${node.nodeGroup.name}|${zone}`;
    let combo = combos.get(key);
    if (!combo) {
      combo = {
        capacityType: node.capacityType,
        nodeGroup: node.nodeGroup.name,
        zone,
        ...emptyFigures(),
      };
      combos.set(key, combo);
    }
    addFigures(combo, node);
  }

  return {
    total,
    byCapacityType: groupBy(nodeList, n => n.capacityType),
    byNodeGroup: groupBy(nodeList, n => n.nodeGroup.name),
    byZone: groupBy(nodeList, n => n.zone ?? '(unknown)'),
    byCapacityTypeNodeGroupZone: [...combos.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, v]) => v),
    nodes: nodeList,
    interruptedNodes: nodeList.filter(n => n.interruptions.length > 0),
    unplacedPods,
    spotCpuShare:
      total.allocatableCpuMillis > 0 ? spotCpu / total.allocatableCpuMillis : 0,
  };
}

const CAPACITY_LABELS = capacityTypeLabelsText();

/**
 * The rules of a cluster's capacity figures by capacity type.
 *
 * @public
 */
export const CAPACITY_RULES = {
  clusterSpotCpuShare: {
    formula:
      'spot share = allocatable CPU of spot nodes / allocatable CPU of all nodes',
    source: `Kubernetes API: node.status.allocatable.cpu and ${CAPACITY_LABELS}`,
  },
  spotNodes: {
    formula: 'nodes whose capacity-type label says spot, of all nodes',
    source: `Kubernetes API: node ${CAPACITY_LABELS}`,
  },
  allocatableCpu: {
    formula: 'allocatable = Σ node.status.allocatable.cpu',
    source: 'Kubernetes API: nodes',
  },
  allocatableMemory: {
    formula:
      'allocatable = Σ node.status.allocatable.memory (GiB = 2^30 bytes)',
    source: 'Kubernetes API: nodes',
  },
  capacityTypeNodes: {
    formula: 'nodes of this capacity type; CPU = Σ node.status.allocatable.cpu',
    source: `Kubernetes API: node ${CAPACITY_LABELS}`,
  },
} satisfies Record<string, FigureRule>;
