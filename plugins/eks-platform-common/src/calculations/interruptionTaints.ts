import type { KubeNode, KubeTaint } from './types';

/**
 * Why a node is about to go away.
 *
 * @public
 */
export type InterruptionKind =
  | 'spot-interruption'
  | 'rebalance-recommendation'
  | 'scheduled-maintenance'
  | 'asg-lifecycle-termination'
  | 'karpenter-disruption';

/**
 * An interruption signal found on a node.
 *
 * @public
 */
export type NodeInterruption = {
  kind: InterruptionKind;
  taint: KubeTaint;
  /** The signal in words. */
  description: string;
};

const INTERRUPTION_TAINTS: Record<
  string,
  { kind: InterruptionKind; description: string }
> = {
  'aws-node-termination-handler/spot-itn': {
    kind: 'spot-interruption',
    description: 'EC2 Spot interruption notice (two minutes to termination)',
  },
  'aws-node-termination-handler/rebalance-recommendation': {
    kind: 'rebalance-recommendation',
    description:
      'EC2 rebalance recommendation (elevated Spot interruption risk)',
  },
  'aws-node-termination-handler/scheduled-maintenance': {
    kind: 'scheduled-maintenance',
    description: 'EC2 scheduled maintenance event',
  },
  'aws-node-termination-handler/asg-lifecycle-termination': {
    kind: 'asg-lifecycle-termination',
    description: 'Auto Scaling group is terminating the instance',
  },
  'karpenter.sh/disrupted': {
    kind: 'karpenter-disruption',
    description: 'Karpenter is disrupting the node (drain under way)',
  },
};

/**
 * Interruption taints on a node: the ones aws-node-termination-handler sets
 * (`aws-node-termination-handler/spot-itn`, `.../rebalance-recommendation`,
 * `.../scheduled-maintenance`, `.../asg-lifecycle-termination`) and Karpenter v1's
 * `karpenter.sh/disrupted:NoSchedule`.
 *
 * Sources: aws/aws-node-termination-handler README (taint keys); Karpenter v1
 * disruption docs (`karpenter.sh/disrupted`).
 *
 * @public
 */
export function interruptionsOf(node: KubeNode): NodeInterruption[] {
  const found: NodeInterruption[] = [];
  for (const taint of node.spec?.taints ?? []) {
    const known = INTERRUPTION_TAINTS[taint.key];
    if (known) {
      found.push({ ...known, taint });
    }
  }
  return found;
}
