import {
  EksCatalog,
  ScenarioCluster,
  ScenarioSubnet,
} from '../scenario/schema';
import { KubeObject } from './ObjectCollection';
import { SeededRandom } from './determinism';
import { CniMode } from './instanceTypes';
import type { HybridPools } from './hybridNodes';
import { formatIpv4, parseCidr } from './ipv4';
import { SubnetAllocator } from './subnetAllocator';

/**
 * What every step of building one scenario cluster shares. The steps draw from one seeded random
 * source and one allocator per subnet, so they must run in a fixed order for the output to repeat.
 */
export interface ClusterBuild {
  cluster: ScenarioCluster;
  catalog: EksCatalog;
  now: Date;
  rng: SeededRandom;
  region: string;
  mode: CniMode;
  /** EKS Auto Mode: Auto Mode runs the CNI (no aws-node) and hands pods /28 prefixes. */
  autoMode: boolean;
  allocators: Map<string, SubnetAllocator>;
  /** The zones that have a node subnet, in scenario order. */
  zones: string[];
  /** The remote networks' allocators, made with the first hybrid node. */
  hybrid?: HybridPools;
}

/** The Kubernetes objects the steps add to, by resource. */
export interface BuiltObjects {
  pods: KubeObject[];
  events: KubeObject[];
  namespaces: Map<string, KubeObject>;
  deployments: KubeObject[];
  replicaSets: KubeObject[];
  statefulSets: KubeObject[];
  services: KubeObject[];
  hpas: KubeObject[];
  pdbs: KubeObject[];
  daemonSets: KubeObject[];
}

/** The shared state before any step: the random source is seeded by the cluster's name. */
export function startBuild(
  cluster: ScenarioCluster,
  catalog: EksCatalog,
  now: Date,
): ClusterBuild {
  const nodeSubnets = cluster.subnets.filter(s => s.purpose === 'nodes');
  return {
    cluster,
    catalog,
    now,
    rng: new SeededRandom(`cluster:${cluster.name}`),
    region: cluster.eks.region,
    mode: {
      // IPv6 clusters run the CNI in prefix mode; Auto Mode hands out /28 prefixes.
      prefixDelegation:
        cluster.cni.prefixDelegation ||
        cluster.eks.ipFamily === 'ipv6' ||
        !!cluster.autoMode,
      customNetworking: cluster.cni.customNetworking && !cluster.autoMode,
    },
    autoMode: !!cluster.autoMode,
    allocators: new Map(cluster.subnets.map(s => [s.id, subnetAllocator(s)])),
    zones: [...new Set(nodeSubnets.map(s => s.zone))],
  };
}

/** A subnet's allocator with its CIDR reservations and the other services' scattered ENIs. */
function subnetAllocator(s: ScenarioSubnet): SubnetAllocator {
  const allocator = new SubnetAllocator(s.cidr, s.cidrReservations);
  allocator.scatter(s.scatteredAddresses ?? 0, `other:${s.id}`);
  return allocator;
}

/** Hands out the ClusterIPs of a service CIDR in order, leaving out the first ten. */
export function serviceIpAllocator(serviceCidr: string): () => string {
  const service = parseCidr(serviceCidr);
  let nextServiceIp = 10;
  return () => formatIpv4(service.base + nextServiceIp++);
}

/** A creation date between `minDays` and `maxDays` before now, to the hour. */
export function age(b: ClusterBuild, minDays: number, maxDays: number): Date {
  return new Date(
    b.now.getTime() - b.rng.int(minDays * 24, maxDays * 24) * 3600 * 1000,
  );
}

/** The ENIConfig of a zone: named after it, or pointing at a subnet in it. */
export function eniConfigIn(b: ClusterBuild, zone: string) {
  const { cluster } = b;
  return cluster.eniConfigs.find(
    e =>
      e.name === zone ||
      cluster.subnets.find(s => s.id === e.subnet)?.zone === zone,
  );
}

/** The zone's first node subnet; a zone without one is a scenario error. */
export function nodeSubnetIn(b: ClusterBuild, zone: string): ScenarioSubnet {
  const found = b.cluster.subnets.find(
    s => s.purpose === 'nodes' && s.zone === zone,
  );
  if (!found)
    throw new Error(`Cluster ${b.cluster.name} has no node subnet in ${zone}`);
  return found;
}

/** Where a zone's pods get addresses: the node subnet, or with custom networking its ENIConfig's. */
export function podSubnetIn(b: ClusterBuild, zone: string): ScenarioSubnet {
  if (!b.mode.customNetworking) return nodeSubnetIn(b, zone);
  const eniConfig = eniConfigIn(b, zone);
  const subnet = b.cluster.subnets.find(s => s.id === eniConfig?.subnet);
  if (!subnet) {
    throw new Error(
      `Cluster ${b.cluster.name} uses custom networking but has no ENIConfig for ${zone}`,
    );
  }
  return subnet;
}
