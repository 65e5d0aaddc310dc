import type { AwsNodeSettings } from './awsNodeSettings';
import { isPodActive } from './podRequests';
import { tryParseQuantity } from './quantities';
import type { KubeNode, KubePod } from './types';

/**
 * The extended resource a node advertises for branch ENIs, and that a pod using security
 * groups for pods requests (one per pod, added by the VPC resource controller's webhook).
 *
 * @public
 */
export const POD_ENI_RESOURCE = 'vpc.amazonaws.com/pod-eni';

/**
 * The label of a node with a trunk ENI attached (CNI before 1.15; later CNIs also keep a
 * `CNINode` object with the `SecurityGroupsForPods` feature).
 *
 * @public
 */
export const TRUNK_ATTACHED_LABEL = 'vpc.amazonaws.com/has-trunk-attached';

/**
 * Security groups for pods on one node.
 *
 * @public
 */
export type BranchEniUsage = {
  /** The node carries `vpc.amazonaws.com/has-trunk-attached=true` or advertises branch ENIs. */
  trunkAttached: boolean;
  /** Branch ENIs the node can hold: `status.allocatable["vpc.amazonaws.com/pod-eni"]`. */
  capacity?: number;
  /** Branch ENIs the node's non-terminated pods request. */
  used: number;
  /** capacity - used, not below 0. */
  free?: number;
  /** Subnet addresses the trunk and branch ENIs take: one primary address each. */
  subnetAddresses: number;
};

/**
 * Branch ENIs a pod takes: its containers' `vpc.amazonaws.com/pod-eni` requests (an
 * extended resource given only as a limit is requested at the limit).
 *
 * Source: EKS user guide "Security groups for Pods" (branch network interfaces) and
 * Kubernetes "Managing resources for containers" (extended resources).
 *
 * @public
 */
export function podBranchEnis(pod: KubePod): number {
  let total = 0;
  for (const c of pod.spec?.containers ?? []) {
    const q =
      c.resources?.requests?.[POD_ENI_RESOURCE] ??
      c.resources?.limits?.[POD_ENI_RESOURCE];
    total += Math.max(0, Math.floor(tryParseQuantity(q) ?? 0));
  }
  return total;
}

/**
 * A node's branch ENIs under security groups for pods (`ENABLE_POD_ENI=true`), or
 * undefined for a node without a trunk in a cluster without the setting. The VPC resource
 * controller attaches one trunk ENI (it counts against the instance's ENI limit and holds
 * no pod addresses), advertises the branch ENIs the instance type allows as allocatable
 * `vpc.amazonaws.com/pod-eni` (c5.large and m5.large: 9, c5.xlarge: 18, c5.2xlarge: 38) and
 * gives each such pod a branch ENI with one subnet address, outside the node's warm pool.
 *
 * Sources: EKS user guide "Configure the Amazon VPC CNI plugin for Kubernetes for security
 * groups for Amazon EKS Pods"; aws/amazon-vpc-resource-controller-k8s `pkg/aws/vpc/limits.go`
 * (`BranchInterface`); aws/amazon-vpc-cni-k8s PR 2801 (no pod addresses on the trunk ENI).
 *
 * @public
 */
export function nodeBranchEnis(
  node: KubeNode,
  podsOnNode: KubePod[],
  settings: Pick<AwsNodeSettings, 'podEni'>,
): BranchEniUsage | undefined {
  const capacity = tryParseQuantity(
    node.status?.allocatable?.[POD_ENI_RESOURCE],
  );
  const trunkAttached =
    node.metadata.labels?.[TRUNK_ATTACHED_LABEL] === 'true' ||
    (capacity ?? 0) > 0;
  if (!trunkAttached && !settings.podEni) return undefined;
  const used = podsOnNode
    .filter(isPodActive)
    .reduce((s, p) => s + podBranchEnis(p), 0);
  const whole = capacity === undefined ? undefined : Math.floor(capacity);
  return {
    trunkAttached,
    capacity: whole,
    used,
    free: whole === undefined ? undefined : Math.max(0, whole - used),
    subnetAddresses: (trunkAttached ? 1 : 0) + used,
  };
}

/**
 * ENIs left for the node's secondary IPs (or prefixes): the default card's ENIs, one fewer
 * when a trunk ENI is attached. (m5.large: 3 ENIs, 2 with a trunk, so 2 x 9 = 18 pod
 * addresses instead of 27.)
 *
 * @public
 */
export function enisForPodAddresses(
  cardEnis: number,
  trunkAttached: boolean,
): number {
  return Math.max(0, cardEnis - (trunkAttached ? 1 : 0));
}
