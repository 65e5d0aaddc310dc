import { collectedText } from './dataSources';

/**
 * The formula and source of every number the views show, in one place so the entity
 * tab and the fleet page explain a figure the same way. `at` is the snapshot's
 * `collectedAt`.
 */
export type Explanation = { formula: string; source: string };

const CAPACITY_LABELS =
  'capacity-type labels (eks.amazonaws.com/capacityType, karpenter.sh/capacity-type, spotinst.io/node-lifecycle, node.kubernetes.io/lifecycle)';

export const explain = {
  workloadReplicas: (at?: string): Explanation => ({
    formula:
      'ready / non-terminated pods of the workload (pods whose phase is not Succeeded or Failed)',
    source: `Kubernetes API: pods (owner references, Ready condition), ${collectedText(
      at,
    )}`,
  }),
  workloadOnSpot: (at?: string): Explanation => ({
    formula: 'ready replicas whose node has capacity type spot',
    source: `Kubernetes API: pods (spec.nodeName) and node ${CAPACITY_LABELS}, ${collectedText(
      at,
    )}`,
  }),
  workloadSpotShare: (at?: string): Explanation => ({
    formula: 'spot share = ready replicas on spot nodes / ready replicas',
    source: `Kubernetes API: pods and node ${CAPACITY_LABELS}, ${collectedText(
      at,
    )}`,
  }),
  clusterSpotCpuShare: (at?: string): Explanation => ({
    formula:
      'spot share = allocatable CPU of spot nodes / allocatable CPU of all nodes',
    source: `Kubernetes API: node.status.allocatable.cpu and ${CAPACITY_LABELS}, ${collectedText(
      at,
    )}`,
  }),
  spotNodes: (at?: string): Explanation => ({
    formula: 'nodes whose capacity-type label says spot, of all nodes',
    source: `Kubernetes API: node ${CAPACITY_LABELS}, ${collectedText(at)}`,
  }),
  requestedCpu: (at?: string): Explanation => ({
    formula:
      'requested = Σ over non-terminated pods of max(Σ containers, largest init container) + pod overhead',
    source: `Kubernetes API: pod specs (resources.requests.cpu), ${collectedText(
      at,
    )}`,
  }),
  allocatableCpu: (at?: string): Explanation => ({
    formula: 'allocatable = Σ node.status.allocatable.cpu',
    source: `Kubernetes API: nodes, ${collectedText(at)}`,
  }),
  requestedMemory: (at?: string): Explanation => ({
    formula:
      'requested = Σ over non-terminated pods of max(Σ containers, largest init container) + pod overhead (GiB = 2^30 bytes)',
    source: `Kubernetes API: pod specs (resources.requests.memory), ${collectedText(
      at,
    )}`,
  }),
  allocatableMemory: (at?: string): Explanation => ({
    formula:
      'allocatable = Σ node.status.allocatable.memory (GiB = 2^30 bytes)',
    source: `Kubernetes API: nodes, ${collectedText(at)}`,
  }),
  capacityTypeNodes: (at?: string): Explanation => ({
    formula: 'nodes of this capacity type; CPU = Σ node.status.allocatable.cpu',
    source: `Kubernetes API: node ${CAPACITY_LABELS}, ${collectedText(at)}`,
  }),
  subnetFree: (at?: string): Explanation => ({
    formula: 'free = AvailableIpAddressCount',
    source: `EC2 DescribeSubnets, ${collectedText(at)}`,
  }),
  subnetUsable: (at?: string): Explanation => ({
    formula:
      'usable = 2^(32 - mask) - 5 (AWS reserves the first four addresses and the last)',
    source: `EC2 DescribeSubnets CidrBlock, ${collectedText(at)}`,
  }),
  subnetUtilisation: (at?: string): Explanation => ({
    formula: 'used share = (usable - free) / usable',
    source: `EC2 DescribeSubnets CidrBlock and AvailableIpAddressCount, ${collectedText(
      at,
    )}`,
  }),
  freePodSlots: (at?: string): Explanation => ({
    formula:
      'free slots = Σ over the zone’s nodes of (max pods - non-terminated pods); max pods = status.allocatable.pods, else ENIs × (IPv4 per ENI - 1) + 2',
    source: `Kubernetes API: nodes and pods; EC2 DescribeInstanceTypes, ${collectedText(
      at,
    )}`,
  }),
  warmAddresses: (at?: string): Explanation => ({
    formula:
      'warm = pod addresses the nodes’ warm pools hold that no pod uses (WARM_ENI_TARGET, WARM_IP_TARGET, MINIMUM_IP_TARGET, WARM_PREFIX_TARGET)',
    source: `Kubernetes API: aws-node DaemonSet env, nodes and pods; EC2 DescribeInstanceTypes, ${collectedText(
      at,
    )}`,
  }),
  additionalPods: (at?: string): Explanation => ({
    formula:
      'more pods that fit = min(free pod slots, warm addresses + free subnet addresses), summed over zones',
    source: `Kubernetes API nodes and pods; EC2 DescribeSubnets and DescribeInstanceTypes, ${collectedText(
      at,
    )}`,
  }),
  daysToExhaustion: (at?: string): Explanation => ({
    formula:
      'days = free addresses now / addresses lost per day, from a least-squares line through the last 14 days of free addresses of the least-free subnet',
    source: `stored history of EC2 DescribeSubnets AvailableIpAddressCount, latest ${collectedText(
      at,
    )}`,
  }),
  ipFailures: (at?: string): Explanation => ({
    formula:
      'pods with Warning events or waiting messages matching "failed to assign an IP address", InsufficientFreeAddressesInSubnet or InsufficientCidrBlocks',
    source: `Kubernetes API: events (FailedCreatePodSandBox) and pod status, ${collectedText(
      at,
    )}`,
  }),
  daysLeftInPhase: (
    at: string | undefined,
    versionSource: 'api' | 'fallback-calendar' = 'api',
  ): Explanation => ({
    formula: 'days left = end of the current support phase - today (UTC)',
    source:
      versionSource === 'fallback-calendar'
        ? `offline fallback calendar (DescribeClusterVersions could not be read), ${collectedText(
            at,
          )}`
        : `EKS DescribeClusterVersions endOfStandardSupportDate / endOfExtendedSupportDate, ${collectedText(
            at,
          )}`,
  }),
  supportDate: (
    at: string | undefined,
    field: 'endOfStandardSupportDate' | 'endOfExtendedSupportDate',
    versionSource: 'api' | 'fallback-calendar' = 'api',
  ): Explanation => ({
    formula:
      field === 'endOfStandardSupportDate'
        ? 'end of standard support (about 14 months after release)'
        : 'end of extended support (12 more months); EKS auto-upgrades then',
    source:
      versionSource === 'fallback-calendar'
        ? `offline fallback calendar, ${collectedText(at)}`
        : `EKS DescribeClusterVersions ${field}, ${collectedText(at)}`,
  }),
  kubeletSkew: (at?: string): Explanation => ({
    formula:
      'minors behind = API server minor - kubelet minor; allowed 0..3 (0..2 for kubelets older than 1.25)',
    source: `EKS DescribeNodegroup version and node.status.nodeInfo.kubeletVersion, ${collectedText(
      at,
    )}`,
  }),
  insights: (at?: string): Explanation => ({
    formula: 'insights with status ERROR or WARNING, of all insights',
    source: `EKS ListInsights (UPGRADE_READINESS, MISCONFIGURATION), ${collectedText(
      at,
    )}`,
  }),
  addons: (at?: string): Explanation => ({
    formula:
      'installed add-on versions whose compatibilities do not list the next Kubernetes version',
    source: `EKS DescribeAddon and DescribeAddonVersions, ${collectedText(at)}`,
  }),
};
