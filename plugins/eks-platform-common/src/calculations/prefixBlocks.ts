import type {
  Ec2NetworkInterface,
  Ec2SubnetCidrReservation,
  Ec2Subnet,
} from './types';
import { Ipv4Cidr, parseIpv4Address, parseIpv4Cidr } from './ipv4Cidr';

/**
 * A /28 prefix holds 16 addresses.
 *
 * @public
 */
export const PREFIX_BLOCK_SIZE = 16;

/** Addresses AWS reserves in every subnet: the first four and the last. */
const RESERVED_AT_START = 4;

/**
 * Free aligned /28 blocks of one subnet.
 *
 * @public
 */
export type PrefixBlocks = {
  /** Aligned /28 blocks in the subnet CIDR. */
  totalBlocks: number;
  /** Blocks with no address taken: no AWS-reserved address, ENI address, prefix or reservation. */
  freeBlocks: number;
  /** Addresses the ENIs hold in the subnet (primary and secondary addresses, prefixes × 16). */
  addressesOnEnis: number;
  /**
   * Used addresses EC2 counts (`usable - AvailableIpAddressCount`) that no listed ENI holds, e.g.
   * ENIs of other accounts in a shared VPC. Above 0, `freeBlocks` is an upper bound.
   */
  unseenAddresses: number;
  /** CIDR reservations of the subnet that were read (`explicit` ones take their blocks). */
  reservations: number;
};

/**
 * How many aligned /28 blocks of a subnet are still wholly free, which is what VPC CNI prefix
 * delegation and EKS Auto Mode need for each new prefix; with none left EC2 refuses the prefix
 * (`InsufficientCidrBlocks`) even when single addresses remain. A block is taken by any address
 * in it: the 5 AWS reserves (first four, last), an ENI's primary or secondary address, a
 * delegated prefix, or an `explicit` subnet CIDR reservation (EC2 assigns nothing there by
 * itself; a `prefix` reservation keeps its blocks for prefixes, so they stay free).
 *
 * Sources: EKS user guide "Increase the available IP addresses for your Amazon EKS node"
 * (contiguous /28 blocks, scattered addresses make prefixes fail, CIDR reservations); Amazon VPC
 * user guide "Subnet CIDR blocks" (5 reserved), "Subnet CIDR reservations"; EC2 API
 * `DescribeNetworkInterfaces` (`PrivateIpAddresses`, `Ipv4Prefixes`).
 *
 * @public
 */
export function prefixBlocksOf(
  subnet: Ec2Subnet,
  interfaces: Ec2NetworkInterface[],
  reservations: Ec2SubnetCidrReservation[] = [],
): PrefixBlocks | undefined {
  const cidr = parseIpv4Cidr(subnet.CidrBlock);
  if (!cidr || cidr.size < PREFIX_BLOCK_SIZE) return undefined;
  const totalBlocks = cidr.size / PREFIX_BLOCK_SIZE;
  const taken = new Set<number>();
  const takeRange = (range: Pick<Ipv4Cidr, 'base' | 'size'>) => {
    const from = Math.max(range.base, cidr.base) - cidr.base;
    const to =
      Math.min(range.base + range.size, cidr.base + cidr.size) - cidr.base;
    const last = Math.floor((to - 1) / PREFIX_BLOCK_SIZE);
    for (
      let b = Math.floor(from / PREFIX_BLOCK_SIZE);
      to > from && b <= last;
      b++
    ) {
      taken.add(b);
    }
  };
  takeRange({ base: cidr.base, size: RESERVED_AT_START });
  takeRange({ base: cidr.base + cidr.size - 1, size: 1 });

  const seen = new Set<number>();
  let prefixAddresses = 0;
  for (const eni of interfaces) {
    if (eni.SubnetId && subnet.SubnetId && eni.SubnetId !== subnet.SubnetId) {
      continue;
    }
    const addresses = [
      eni.PrivateIpAddress,
      ...(eni.PrivateIpAddresses ?? []).map(a => a.PrivateIpAddress),
    ];
    for (const text of addresses) {
      const address = text ? parseIpv4Address(text) : undefined;
      if (address === undefined) continue;
      if (address < cidr.base || address >= cidr.base + cidr.size) continue;
      seen.add(address);
      takeRange({ base: address, size: 1 });
    }
    for (const prefix of eni.Ipv4Prefixes ?? []) {
      const range = parseIpv4Cidr(prefix.Ipv4Prefix);
      if (!range) continue;
      prefixAddresses += range.size;
      takeRange(range);
    }
  }
  const ownReservations = reservations.filter(
    r => !r.SubnetId || !subnet.SubnetId || r.SubnetId === subnet.SubnetId,
  );
  // EC2 assigns prefixes inside a `prefix` reservation, nothing inside an `explicit` one.
  for (const reservation of ownReservations) {
    const range = parseIpv4Cidr(reservation.Cidr);
    if (range && reservation.ReservationType !== 'prefix') takeRange(range);
  }

  const addressesOnEnis = seen.size + prefixAddresses;
  const usable = Math.max(0, cidr.size - 5);
  const used =
    subnet.AvailableIpAddressCount === undefined
      ? addressesOnEnis
      : usable - Math.min(usable, subnet.AvailableIpAddressCount);
  return {
    totalBlocks,
    freeBlocks: totalBlocks - taken.size,
    addressesOnEnis,
    unseenAddresses: Math.max(0, used - addressesOnEnis),
    reservations: ownReservations.length,
  };
}

/**
 * Below this many free /28 blocks a subnet is low on prefixes.
 *
 * @public
 */
export const LOW_PREFIX_BLOCKS = 4;
