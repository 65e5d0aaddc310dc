import { enisForPodAddresses } from './securityGroupsForPods';
import type { Ec2InstanceTypeInfo } from './types';

/**
 * Options of {@link maxPodsFor}: the aws-node (VPC CNI) settings that change the figure.
 *
 * @public
 */
export type MaxPodsOptions = {
  /** `ENABLE_PREFIX_DELEGATION=true` on aws-node (CNI 1.9+). Default false. */
  prefixDelegation?: boolean;
  /** `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true`: the primary ENI carries no pod IPs. Default false. */
  customNetworking?: boolean;
  /** Use at most this many ENIs (the calculator script's `--cni-max-eni`). */
  maxEnis?: number;
  /**
   * A trunk ENI is attached (security groups for pods): it takes one of the instance's ENIs
   * and holds no pod addresses, so one ENI fewer. Default false.
   */
  trunkEni?: boolean;
  /**
   * Apply the vCPU ceiling (110 for up to 30 vCPUs, 250 above) to the prefix-delegation
   * figure. Default true.
   */
  cap?: boolean;
  /**
   * Also apply the ceiling in secondary-IP mode, as AWS's `max-pods-calculator.sh` does
   * without `--show-max-allowed` (m5.24xlarge: 250 instead of 737). Default false, so
   * that the default figures equal the published `eni-max-pods.txt`.
   */
  capSecondaryIp?: boolean;
};

/**
 * Which rule produced a max-pods figure.
 * - `secondary-ip`: `ENIs x (IPv4 per ENI - 1) + 2`
 * - `prefix-delegation`: `ENIs x ((IPv4 per ENI - 1) x 16) + 2`
 *
 * @public
 */
export type MaxPodsRule = 'secondary-ip' | 'prefix-delegation';

/**
 * The result of {@link maxPodsFor}, with what the UI needs to explain the number.
 *
 * @public
 */
export type MaxPodsResult = {
  instanceType?: string;
  /** The max pods figure for the kubelet. */
  maxPods: number;
  rule: MaxPodsRule;
  /** The arithmetic in words, e.g. `3 ENIs x (10 IPv4 per ENI - 1) + 2 = 29`. */
  formula: string;
  /** True when the vCPU ceiling lowered the figure. */
  capped: boolean;
  /** The figure before any ceiling. */
  uncappedMaxPods: number;
  /** The ceiling that applies (110 or 250), when a ceiling was considered. */
  ceiling?: number;
  /** ENIs counted for pods (after `maxEnis` and custom networking). */
  enisForPods: number;
  /** ENIs of the default network card. */
  defaultCardEnis: number;
  ipv4AddressesPerEni: number;
  /** Pod IP slots on the ENIs, without the 2 host-network pods. */
  podIpCapacity: number;
  /** Caveats worth showing (prefix delegation not possible, vCPU count unknown, ...). */
  notes: string[];
};

/**
 * IPv4 addresses in one /28 prefix handed out under prefix delegation.
 *
 * @public
 */
export const IPV4_ADDRESSES_PER_PREFIX = 16;
const LOW_CPU_CEILING = 110;
const HIGH_CPU_CEILING = 250;
const HIGH_CPU_THRESHOLD = 30;

/**
 * ENIs of the instance type's default network card: `NetworkCards[DefaultNetworkCardIndex]`
 * `.MaximumNetworkInterfaces`, falling back to the instance's `MaximumNetworkInterfaces`
 * when no card list is given. Only the default card's ENIs carry pod IPs.
 *
 * Source: aws/amazon-vpc-cni-k8s `scripts/gen_vpc_ip_limits.go` (default card when more
 * than one card); awslabs/amazon-eks-ami `max-pods-calculator.sh`.
 *
 * @public
 */
export function defaultNetworkCardEnis(
  instanceType: Ec2InstanceTypeInfo,
): number | undefined {
  const info = instanceType.NetworkInfo;
  if (!info) {
    return undefined;
  }
  const cards = info.NetworkCards ?? [];
  const index = info.DefaultNetworkCardIndex ?? 0;
  const card =
    cards.find(c => c.NetworkCardIndex === index) ??
    (cards.every(c => c.NetworkCardIndex === undefined)
      ? cards[index]
      : undefined);
  return card?.MaximumNetworkInterfaces ?? info.MaximumNetworkInterfaces;
}

/**
 * Whether the VPC CNI can use prefix delegation on the instance type: Nitro
 * hypervisor or bare metal.
 *
 * Source: aws/amazon-vpc-cni-k8s `pkg/awsutils/awsutils.go`
 * (`IsPrefixDelegationSupported`: hypervisor `nitro` or `BareMetal`). Note that
 * `max-pods-calculator.sh` checks only for `nitro`, so for bare-metal types it prints
 * the secondary-IP figure while the CNI hands out prefixes.
 *
 * @public
 */
export function supportsPrefixDelegation(
  instanceType: Ec2InstanceTypeInfo,
): boolean {
  return (
    instanceType.Hypervisor?.toLowerCase() === 'nitro' ||
    instanceType.BareMetal === true
  );
}

/**
 * The kubelet max-pods figure for an EC2 instance type under the Amazon VPC CNI.
 *
 * - Secondary-IP mode (default): `ENIs x (IPv4 per ENI - 1) + 2`: each ENI's primary
 *   address is not given to pods; `+2` is for the host-network pods aws-node and
 *   kube-proxy. Without options this equals AWS's published `eni-max-pods.txt` for
 *   every type in it (checked against the whole file in the tests).
 * - ENIs are those of the DEFAULT network card only (p5.48xlarge: 2, not 64).
 * - Custom networking: one ENI fewer (the primary ENI stays in the node subnet).
 * - A trunk ENI (security groups for pods): one ENI fewer again (c5.large: 20, as
 *   `(ENIs - 1) x (IPv4 per ENI - 1) + 2`); EKS's calculator does not lower the kubelet's
 *   figure for it (awslabs/amazon-eks-ami issue 953), so this is what the ENIs hold.
 * - Prefix delegation (Nitro or bare metal only): each IP slot holds a /28 prefix,
 *   `ENIs x ((IPv4 per ENI - 1) x 16) + 2`, then capped at 110 (up to 30 vCPUs) or
 *   250 (more than 30). On other types the CNI cannot use prefixes and the
 *   secondary-IP figure applies (a note says so).
 *
 * Sources: aws/amazon-vpc-cni-k8s `misc/eni-max-pods.txt` (header) and
 * `scripts/gen_vpc_ip_limits.go`; awslabs/amazon-eks-ami `max-pods-calculator.sh`;
 * EKS user guide "Choosing an Amazon EC2 instance type" (m5.large: 29, 110 with prefix
 * delegation, 20 with custom networking).
 *
 * Throws an `Error` when the instance type lacks the network facts.
 *
 * @public
 */
export function maxPodsFor(
  instanceType: Ec2InstanceTypeInfo,
  options: MaxPodsOptions = {},
): MaxPodsResult {
  const name = instanceType.InstanceType;
  const cardEnis = defaultNetworkCardEnis(instanceType);
  const ipsPerEni = instanceType.NetworkInfo?.Ipv4AddressesPerInterface;
  if (!cardEnis || !ipsPerEni) {
    throw new Error(
      `Instance type ${
        name ?? '(unnamed)'
      } has no NetworkInfo ENI and IPv4-per-ENI figures`,
    );
  }
  const notes: string[] = [];

  let enis = cardEnis;
  if (options.maxEnis !== undefined && options.maxEnis < enis) {
    enis = Math.max(0, Math.floor(options.maxEnis));
    notes.push(`ENIs limited to ${enis} by the max-ENI setting`);
  }
  if (options.customNetworking) {
    enis = Math.max(0, enis - 1);
    notes.push(
      'custom networking: the primary ENI carries no pod addresses, one ENI fewer',
    );
  }

  if (options.trunkEni) {
    enis = enisForPodAddresses(enis, true);
    notes.push(
      'security groups for pods: the trunk ENI holds no pod addresses, one ENI fewer',
    );
  }

  let rule: MaxPodsRule = 'secondary-ip';
  if (options.prefixDelegation) {
    if (supportsPrefixDelegation(instanceType)) {
      rule = 'prefix-delegation';
    } else {
      notes.push(
        `prefix delegation needs a Nitro or bare-metal instance; ${
          name ?? 'this type'
        } (hypervisor ${
          instanceType.Hypervisor ?? 'unknown'
        }) gets secondary IPs`,
      );
    }
  }

  const slotsPerEni = ipsPerEni - 1;
  const podIpCapacity =
    rule === 'prefix-delegation'
      ? enis * slotsPerEni * IPV4_ADDRESSES_PER_PREFIX
      : enis * slotsPerEni;
  const uncapped = podIpCapacity + 2;
  let formula =
    rule === 'prefix-delegation'
      ? `${enis} ENIs x ((${ipsPerEni} IPv4 per ENI - 1) x ${IPV4_ADDRESSES_PER_PREFIX}) + 2 = ${uncapped}`
      : `${enis} ENIs x (${ipsPerEni} IPv4 per ENI - 1) + 2 = ${uncapped}`;

  const applyCeiling =
    rule === 'prefix-delegation'
      ? options.cap !== false
      : options.capSecondaryIp === true;
  let maxPods = uncapped;
  let ceiling: number | undefined;
  let capped = false;
  if (applyCeiling) {
    const vcpus = instanceType.VCpuInfo?.DefaultVCpus;
    if (vcpus === undefined) {
      notes.push(
        `vCPU count unknown: the ${LOW_CPU_CEILING} ceiling for up to ${HIGH_CPU_THRESHOLD} vCPUs is assumed`,
      );
    }
    ceiling =
      vcpus !== undefined && vcpus > HIGH_CPU_THRESHOLD
        ? HIGH_CPU_CEILING
        : LOW_CPU_CEILING;
    if (uncapped > ceiling) {
      maxPods = ceiling;
      capped = true;
      formula += `, capped at ${ceiling} (${vcpus ?? 'unknown'} vCPUs ${
        ceiling === HIGH_CPU_CEILING ? '>' : '<='
      } ${HIGH_CPU_THRESHOLD})`;
    }
  }

  return {
    instanceType: name,
    maxPods,
    rule,
    formula,
    capped,
    uncappedMaxPods: uncapped,
    ceiling,
    enisForPods: enis,
    defaultCardEnis: cardEnis,
    ipv4AddressesPerEni: ipsPerEni,
    podIpCapacity,
    notes,
  };
}
