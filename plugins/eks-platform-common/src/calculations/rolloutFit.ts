import type { ExplainedFigure } from './figure';
import { type IpHeadroom, type ZoneIpHeadroom, podFit } from './ipHeadroom';
import type { CapacityFigures } from './spotCapacity';

const DEPLOYMENT_DOCS =
  'Kubernetes Deployments, rolling update: maxSurge as a percentage is rounded up';
const VPC_CNI_DOCS =
  'VPC CNI: a pod takes a warm address of its node, else a new one from the pod subnet (domain notes "Pod IP exhaustion")';
const SCHEDULER_DOCS =
  'kube-scheduler: a pod fits a node when its requests fit the allocatable not yet requested';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Extra pods during a rolling update: `maxSurge` as a percentage of the replicas, rounded up, as the
 * Deployment controller does.
 *
 * @public
 */
export function rolloutSurge(
  replicas: number,
  maxSurgePercent: number,
): ExplainedFigure {
  const value = Math.ceil((replicas * maxSurgePercent) / 100);
  return {
    value,
    formula: `ceil(${plural(
      replicas,
      'replica',
    )} x ${maxSurgePercent}% maxSurge) = ${value}`,
    source: DEPLOYMENT_DOCS,
  };
}

/**
 * Pods a Deployment needs during a rolling update: its replicas plus the surge, which is what
 * must fit on the cluster for the rollout not to stall.
 *
 * @public
 */
export function rolloutPods(
  replicas: number,
  maxSurgePercent: number,
): ExplainedFigure {
  const surge = rolloutSurge(replicas, maxSurgePercent);
  const value = replicas + surge.value;
  return {
    value,
    formula: `${plural(
      replicas,
      'replica',
    )} + ceil(${replicas} x ${maxSurgePercent}% maxSurge) = ${replicas} + ${
      surge.value
    } = ${value} pods`,
    source: DEPLOYMENT_DOCS,
  };
}

/** Capacity types an on-demand-only service may run on: never interrupted for price. */
const ON_DEMAND_TYPES = new Set<string>(['on-demand', 'reserved']);

/**
 * Pods that still fit on on-demand EC2 nodes, zone by zone: each zone's on-demand free slots, capped
 * by their warm addresses plus the zone's free pod-subnet addresses. Reserved nodes (On-Demand
 * Capacity Reservations) count as on-demand, as the template's on-demand-only placement admits
 * them; Fargate, spot and Capacity Block nodes are left out. Undefined without per-node headroom.
 *
 * @public
 */
export function onDemandPodFit(
  headroom: IpHeadroom | undefined,
): ExplainedFigure | undefined {
  if (!headroom || headroom.nodes.length === 0) return undefined;
  const perZone = headroom.zones.map(zone => ({
    zone: zone.zone,
    fit: podFit(
      headroom.nodes.filter(
        n =>
          !n.fargate &&
          ON_DEMAND_TYPES.has(n.capacityType) &&
          (n.zone ?? '(unknown)') === zone.zone,
      ),
      zone.freeSubnetAddresses,
    ),
  }));
  const value = perZone.reduce((s, z) => s + z.fit.additionalPods, 0);
  const terms = perZone.map(
    ({ zone, fit }) =>
      `${zone}: min(${fit.freePodSlots} slots, ${fit.warmAddresses} warm + ${fit.freeSubnetAddresses} subnet addresses)`,
  );
  return {
    value,
    formula: `${terms.join(' + ') || 'no zones'} = ${value}`,
    source: VPC_CNI_DOCS,
  };
}

/**
 * What limits the pods that still fit, over all zones: the addresses (warm plus free in the pod
 * subnets) when there are fewer of them than free node pod slots, else the slots.
 *
 * @public
 */
export function podFitLimit(
  zones: ZoneIpHeadroom[] | undefined,
): ExplainedFigure<'subnet addresses' | 'free node pod slots'> | undefined {
  if (!zones || zones.length === 0) return undefined;
  const slots = zones.reduce((s, z) => s + z.freePodSlots, 0);
  const addresses = zones.reduce(
    (s, z) => s + z.warmAddresses + z.freeSubnetAddresses,
    0,
  );
  const value =
    addresses < slots ? 'subnet addresses' : ('free node pod slots' as const);
  return {
    value,
    formula: `${addresses} addresses (warm + free in the pod subnets) ${
      addresses < slots ? '<' : '>='
    } ${slots} free node pod slots`,
    source: VPC_CNI_DOCS,
  };
}

/**
 * CPU the scheduler can still place: allocatable minus requested, in millicores.
 *
 * @public
 */
export function unrequestedCpu(
  capacity: Pick<
    CapacityFigures,
    'allocatableCpuMillis' | 'requestedCpuMillis'
  >,
): ExplainedFigure {
  const value = capacity.allocatableCpuMillis - capacity.requestedCpuMillis;
  return {
    value,
    formula: `${capacity.allocatableCpuMillis}m allocatable - ${capacity.requestedCpuMillis}m requested = ${value}m`,
    source: SCHEDULER_DOCS,
  };
}
