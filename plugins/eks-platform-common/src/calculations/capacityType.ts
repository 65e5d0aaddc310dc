import type { KubeNode } from './types';

/**
 * How a node is bought.
 *
 * @public
 */
export type CapacityType =
  | 'spot'
  | 'on-demand'
  | 'reserved'
  | 'capacity-block'
  | 'fargate'
  | 'unknown';

/**
 * One label rule: when a node has `label`, its value (compared case-insensitively)
 * is looked up in `values`.
 *
 * @public
 */
export type CapacityTypeRule = {
  label: string;
  values: Record<string, CapacityType>;
  /** Who sets the label, for explanations. */
  description?: string;
};

/**
 * The default label rules, tried in order; the first rule whose label is present
 * with a known value wins. Configurable because the self-managed and Spot Ocean
 * conventions vary.
 *
 * Sources (domain notes "Spot capacity"): EKS managed node groups
 * `eks.amazonaws.com/capacityType` (`ON_DEMAND`, `SPOT`, `CAPACITY_BLOCK`);
 * Karpenter v1 `karpenter.sh/capacity-type` (`spot`, `on-demand`, `reserved`);
 * Spot Ocean `spotinst.io/node-lifecycle` (`od` documented, `spot` UNVERIFIED);
 * the community convention `node.kubernetes.io/lifecycle` (`spot`/`normal`, not an
 * official label); Fargate `eks.amazonaws.com/compute-type: fargate`.
 *
 * @public
 */
export const DEFAULT_CAPACITY_TYPE_RULES: CapacityTypeRule[] = [
  {
    label: 'eks.amazonaws.com/compute-type',
    values: { fargate: 'fargate' },
    description: 'AWS Fargate',
  },
  {
    label: 'eks.amazonaws.com/capacityType',
    values: {
      on_demand: 'on-demand',
      spot: 'spot',
      capacity_block: 'capacity-block',
    },
    description: 'EKS managed node group',
  },
  {
    label: 'karpenter.sh/capacity-type',
    values: { spot: 'spot', 'on-demand': 'on-demand', reserved: 'reserved' },
    description: 'Karpenter',
  },
  {
    label: 'spotinst.io/node-lifecycle',
    values: { od: 'on-demand', spot: 'spot' },
    description: 'Spot Ocean',
  },
  {
    label: 'node.kubernetes.io/lifecycle',
    values: { spot: 'spot', normal: 'on-demand', 'on-demand': 'on-demand' },
    description: 'self-managed convention',
  },
];

/**
 * The capacity type of a node and the label that decided it.
 *
 * @public
 */
export type NodeCapacityType = {
  capacityType: CapacityType;
  /** The label and value that matched; absent for `unknown`. */
  label?: string;
  value?: string;
  description?: string;
};

/**
 * Reads a node's capacity type from its labels using `rules` (default
 * {@link DEFAULT_CAPACITY_TYPE_RULES}). A label present with a value no rule knows
 * does not decide; the next rule is tried. No match gives `unknown`.
 *
 * @public
 */
export function capacityTypeOf(
  node: KubeNode,
  rules: CapacityTypeRule[] = DEFAULT_CAPACITY_TYPE_RULES,
): NodeCapacityType {
  const labels = node.metadata.labels ?? {};
  for (const rule of rules) {
    const value = labels[rule.label];
    if (value === undefined) {
      continue;
    }
    const lowered = value.toLowerCase();
    const match = Object.entries(rule.values).find(
      ([key]) => key.toLowerCase() === lowered,
    );
    if (match) {
      return {
        capacityType: match[1],
        label: rule.label,
        value,
        description: rule.description,
      };
    }
  }
  return { capacityType: 'unknown' };
}

/**
 * What kind of group a node belongs to.
 *
 * @public
 */
export type NodeGroupKind =
  | 'managed-node-group'
  | 'karpenter-nodepool'
  | 'eksctl-nodegroup'
  | 'fargate'
  | 'ungrouped';

/**
 * The node group or NodePool of a node.
 *
 * @public
 */
export type NodeGroupRef = {
  kind: NodeGroupKind;
  /** Group name; `(none)` for ungrouped nodes, `fargate` for Fargate. */
  name: string;
};

/**
 * The group a node belongs to, from its labels: EKS managed node group
 * (`eks.amazonaws.com/nodegroup`), Karpenter NodePool (`karpenter.sh/nodepool`),
 * eksctl self-managed group (`alpha.eksctl.io/nodegroup-name`), or Fargate.
 *
 * Sources: EKS user guide (managed node group labels), Karpenter v1 well-known labels,
 * eksctl node labels.
 *
 * @public
 */
export function nodeGroupOf(node: KubeNode): NodeGroupRef {
  const labels = node.metadata.labels ?? {};
  if (labels['eks.amazonaws.com/compute-type'] === 'fargate') {
    return { kind: 'fargate', name: 'fargate' };
  }
  if (labels['eks.amazonaws.com/nodegroup']) {
    return {
      kind: 'managed-node-group',
      name: labels['eks.amazonaws.com/nodegroup'],
    };
  }
  if (labels['karpenter.sh/nodepool']) {
    return {
      kind: 'karpenter-nodepool',
      name: labels['karpenter.sh/nodepool'],
    };
  }
  if (labels['alpha.eksctl.io/nodegroup-name']) {
    return {
      kind: 'eksctl-nodegroup',
      name: labels['alpha.eksctl.io/nodegroup-name'],
    };
  }
  return { kind: 'ungrouped', name: '(none)' };
}

/**
 * A node's availability zone from `topology.kubernetes.io/zone` (or the deprecated
 * `failure-domain.beta.kubernetes.io/zone`), or `undefined`.
 *
 * @public
 */
export function zoneOf(node: KubeNode): string | undefined {
  const labels = node.metadata.labels ?? {};
  return (
    labels['topology.kubernetes.io/zone'] ??
    labels['failure-domain.beta.kubernetes.io/zone']
  );
}

/**
 * A node's EC2 instance type from `node.kubernetes.io/instance-type` (or the
 * deprecated `beta.kubernetes.io/instance-type`), or `undefined`.
 *
 * @public
 */
export function instanceTypeOf(node: KubeNode): string | undefined {
  const labels = node.metadata.labels ?? {};
  return (
    labels['node.kubernetes.io/instance-type'] ??
    labels['beta.kubernetes.io/instance-type']
  );
}

/**
 * The node labels the default rules read a capacity type from, in words, for the views' sources
 * (the Fargate compute-type label says how a pod runs, not how its capacity is bought).
 *
 * @public
 */
export function capacityTypeLabelsText(): string {
  const labels = DEFAULT_CAPACITY_TYPE_RULES.map(r => r.label).filter(
    l => l !== 'eks.amazonaws.com/compute-type',
  );
  return `capacity-type labels (${labels.join(', ')})`;
}
