import {
  clusterAdditionalPods,
  type ClusterOverview,
  type ExhaustionForecast,
  type SubnetHeadroom,
  type ZoneIpHeadroom,
} from '@eks-platform/plugin-eks-platform-common';

/**
 * A pod subnet's headroom from its CIDR block and free addresses, as EC2 reports them. AWS
 * reserves five addresses of every subnet, so usable, used and utilisation follow.
 */
function subnet(
  subnetId: string,
  availabilityZone: string,
  cidrBlock: string,
  freeAddresses: number,
): SubnetHeadroom {
  const mask = Number(cidrBlock.split('/')[1]);
  const totalAddresses = 2 ** (32 - mask);
  const usableAddresses = totalAddresses - 5;
  const usedAddresses = usableAddresses - freeAddresses;
  return {
    subnetId,
    availabilityZone,
    cidrBlock,
    totalAddresses,
    usableAddresses,
    freeAddresses,
    usedAddresses,
    utilisation: usedAddresses / usableAddresses,
  };
}

/**
 * Where a cluster's pod subnets sit: one per zone of `region`, with ids from `subnetId`
 * (`?` is the zone letter) and CIDR blocks the size of `firstCidr` (`x.y.0.0/16..24`) in a row.
 */
export type SubnetLayout = {
  region: string;
  subnetId: string;
  firstCidr: string;
};

/**
 * One zone as the collector sees it: its letter, the subnet's free addresses, and what the
 * zone's nodes report (nodes, pods with a VPC address, free pod slots, warm addresses,
 * addresses to fill all slots).
 */
export type ZoneRow = [
  letter: string,
  freeAddresses: number,
  nodes: number,
  podsWithVpcAddress: number,
  freePodSlots: number,
  warmAddresses: number,
  addressesToFillAllSlots: number,
];

/** The k-th CIDR block counted from `first`, of the same size. */
function nthCidrBlock(first: string, k: number): string {
  const [a, b, , , mask] = first.split(/[./]/);
  return `${a}.${b}.${k * 2 ** (24 - Number(mask))}.0/${mask}`;
}

/**
 * A zone's headroom: its subnet and the pods that fit, min(free slots, warm + free subnet
 * addresses). Computing the fit keeps the limit and the cluster sums consistent.
 */
function podZone(
  layout: SubnetLayout,
  row: ZoneRow,
  k: number,
): ZoneIpHeadroom {
  const [letter, free, nodes, pods, freePodSlots, warm, toFill] = row;
  const sub = subnet(
    layout.subnetId.replace('?', letter),
    `${layout.region}${letter}`,
    nthCidrBlock(layout.firstCidr, k),
    free,
  );
  const byAddresses = warm + free;
  return {
    zone: sub.availabilityZone!,
    subnets: [sub],
    usableAddresses: sub.usableAddresses,
    usedAddresses: sub.usedAddresses,
    utilisation: sub.utilisation,
    nodes,
    podsWithVpcAddress: pods,
    freePodSlots,
    warmAddresses: warm,
    freeSubnetAddresses: free,
    additionalPods: Math.min(freePodSlots, byAddresses),
    limitedBy: byAddresses < freePodSlots ? 'subnet-addresses' : 'node-slots',
    addressesToFillAllSlots: toFill,
  };
}

/** A cluster's zones, one subnet each, from its subnet layout and one row per zone. */
export function podZones(
  layout: SubnetLayout,
  rows: ZoneRow[],
): ZoneIpHeadroom[] {
  return rows.map((row, k) => podZone(layout, row, k));
}

/**
 * What a cluster's zones do not say about its addresses: the pods failing to get one, and
 * each subnet's exhaustion forecast by id (or the status all of them share).
 */
export type IpOutlook = {
  podsFailingIpAssignment: number;
  forecasts: Record<string, ExhaustionForecast> | ExhaustionForecast['status'];
};

/** The outlook of a cluster no pod is failing to get an address on. */
export const quietOutlook = (
  status: ExhaustionForecast['status'],
): IpOutlook => ({ forecasts: status, podsFailingIpAssignment: 0 });

/**
 * The fleet table's IP summary of a cluster as the backend builds it: the least-free subnet
 * with its forecast, and the pods that fit summed over zones.
 */
export function ipSummary(
  zones: ZoneIpHeadroom[],
  outlook: IpOutlook,
): NonNullable<ClusterOverview['ip']> {
  const least = zones
    .flatMap(z => z.subnets)
    .reduce((a, b) => (b.freeAddresses < a.freeAddresses ? b : a));
  const forecast: Pick<ExhaustionForecast, 'status' | 'daysUntilExhaustion'> =
    typeof outlook.forecasts === 'string'
      ? { status: outlook.forecasts }
      : outlook.forecasts[least.subnetId!];
  return {
    leastFreeSubnet: {
      subnetId: least.subnetId,
      availabilityZone: least.availabilityZone,
      freeAddresses: least.freeAddresses,
      usableAddresses: least.usableAddresses,
    },
    additionalPods: clusterAdditionalPods(zones).value,
    ...(forecast.daysUntilExhaustion !== undefined && {
      daysToExhaustion: forecast.daysUntilExhaustion,
    }),
    forecastStatus: forecast.status,
    podsFailingIpAssignment: outlook.podsFailingIpAssignment,
  };
}
