import type { ExplainedFigure, FigureRule } from './figure';
import type { ZoneIpHeadroom } from './ipHeadroom';

/**
 * The rules of the IP headroom figures: subnets, node slots, warm pools and the pods that fit.
 *
 * @public
 */
export const IP_RULES = {
  subnetFree: {
    formula: 'free = AvailableIpAddressCount',
    source: 'EC2 DescribeSubnets',
  },
  subnetUsable: {
    formula:
      'usable = 2^(32 - mask) - 5 (AWS reserves the first four addresses and the last)',
    source: 'EC2 DescribeSubnets CidrBlock',
  },
  subnetUtilisation: {
    formula: 'used share = (usable - free) / usable',
    source: 'EC2 DescribeSubnets CidrBlock and AvailableIpAddressCount',
  },
  freePodSlots: {
    formula:
      'free slots = Σ over the zone’s nodes of (max pods - non-terminated pods); max pods = status.allocatable.pods, else ENIs × (IPv4 per ENI - 1) + 2',
    source: 'Kubernetes API: nodes and pods; EC2 DescribeInstanceTypes',
  },
  warmAddresses: {
    formula:
      'warm = pod addresses the nodes’ warm pools hold that no pod uses; per node ipamd keeps WARM_ENI_TARGET whole spare ENIs (0: a new ENI once no IP is free), or max(pods + WARM_IP_TARGET, MINIMUM_IP_TARGET) IPs when either is set; with prefix delegation /28 prefixes of 16: the IP targets rounded up to prefixes, else WARM_PREFIX_TARGET free prefixes (unset: a new prefix once none is free; WARM_ENI_TARGET does not apply); never past the ENI limit or the node’s max pods',
    source:
      'Kubernetes API: aws-node DaemonSet env, nodes and pods; EC2 DescribeInstanceTypes; rule: aws/amazon-vpc-cni-k8s pkg/ipamd (ipamd.go)',
  },
  branchEnis: {
    formula:
      'branch ENIs used / capacity: pods’ vpc.amazonaws.com/pod-eni requests / the nodes’ allocatable vpc.amazonaws.com/pod-eni (one branch ENI and one subnet address per pod with security groups; the trunk ENI takes one of the node’s ENIs)',
    source:
      'Kubernetes API: nodes (allocatable, vpc.amazonaws.com/has-trunk-attached) and pods; aws-node ENABLE_POD_ENI',
  },
  freePrefixBlocks: {
    formula:
      'free /28 blocks = aligned /28 blocks of the subnet with no AWS-reserved address (first four, last), no ENI address or delegated prefix and no explicit CIDR reservation in them',
    source:
      'EC2 DescribeSubnets CidrBlock, DescribeNetworkInterfaces (PrivateIpAddresses, Ipv4Prefixes), GetSubnetCidrReservations',
  },
  additionalPods: {
    formula:
      'more pods that fit = min(free pod slots, warm addresses + free subnet addresses), summed over zones',
    source:
      'Kubernetes API nodes and pods; EC2 DescribeSubnets and DescribeInstanceTypes',
  },
} satisfies Record<string, FigureRule>;

/**
 * The pods that still fit in the whole cluster: each zone's fit added up. Zones do not share
 * subnets, so unlike node groups (which share their zone's subnets) the zones' figures add up.
 *
 * @public
 */
export function clusterAdditionalPods(
  zones: Pick<ZoneIpHeadroom, 'zone' | 'additionalPods'>[],
): ExplainedFigure {
  const value = zones.reduce((s, z) => s + z.additionalPods, 0);
  const terms = zones.map(z => `${z.additionalPods} (${z.zone})`).join(' + ');
  return {
    value,
    formula: `${terms || '0'} = ${value} more pods`,
    source: `${IP_RULES.additionalPods.formula}; ${IP_RULES.additionalPods.source}`,
  };
}
