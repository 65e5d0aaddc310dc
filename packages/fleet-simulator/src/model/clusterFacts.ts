import { updateFacts } from './clusterUpdates';
import {
  AutoModeFacts,
  EksClusterFacts,
  NetworkInterfaceFacts,
  NodeGroupFacts,
  SubnetFacts,
} from './ClusterModel';
import { ClusterBuild, nodeSubnetIn } from './clusterBuild';
import { hexId } from './determinism';
import { AWS_RESERVED_PER_SUBNET, parseCidr } from './ipv4';
import { managedNodeGroupFacts } from './nodeObjects';
import { SubnetAllocator } from './subnetAllocator';

const DAY = 24 * 3600 * 1000;

/** The subnet's ENIs: one per holder, nodes' attached to their instance. */
function networkInterfaces(
  subnetId: string,
  allocator: SubnetAllocator,
): NetworkInterfaceFacts[] {
  return allocator.holdingsList().map(h => ({
    id: `eni-0${hexId(`eni:${subnetId}:${h.owner}`, 16)}`,
    primary: h.primary ?? '',
    secondaries: h.secondaries,
    prefixes: h.prefixes,
    ...(!h.foreign && { instanceId: `i-0${hexId(`instance:${h.owner}`, 16)}` }),
    description: h.foreign
      ? `AWS Lambda VPC ENI-${hexId(h.owner, 8)}`
      : `aws-K8S-i-0${hexId(`instance:${h.owner}`, 16)}`,
  }));
}

/**
 * The subnets as EC2 describes them. Their free addresses follow what the nodes, pods and warm
 * pools took, unless the scenario pins the count: then other services' ENIs hold the difference,
 * so that DescribeNetworkInterfaces still accounts for every used address.
 */
export function subnetFacts(b: ClusterBuild): SubnetFacts[] {
  const { cluster } = b;
  const clusterName = cluster.eks.name ?? cluster.name;
  return cluster.subnets.map(s => {
    const allocator = b.allocators.get(s.id)!;
    const computedFree = allocator.usable - allocator.used;
    // Split over ENIs of at most 30 addresses, as real ENIs hold a few dozen at most.
    const missing = Math.max(
      0,
      computedFree - (s.availableIps ?? computedFree),
    );
    for (let i = 0; i * 30 < missing; i++) {
      const count = Math.min(30, missing - i * 30);
      allocator.reserve(count, `other:${s.id}:pinned-${i}`, true);
    }
    return {
      id: s.id,
      vpcId: cluster.eks.vpcId,
      accountId: cluster.eks.accountId,
      region: b.region,
      zone: s.zone,
      cidr: s.cidr,
      availableIps:
        s.availableIps ??
        Math.max(
          0,
          parseCidr(s.cidr).size - AWS_RESERVED_PER_SUBNET - allocator.used,
        ),
      name:
        s.name ??
        `${clusterName}-${s.purpose === 'pods' ? 'pods' : 'private'}-${s.zone}`,
      purpose: s.purpose,
      clusterName,
      tags: s.tags,
      networkInterfaces: networkInterfaces(s.id, allocator),
      cidrReservations: s.cidrReservations.map(r => ({
        id: `scr-0${hexId(`scr:${s.id}:${r.cidr}`, 16)}`,
        cidr: r.cidr,
        type: r.type,
      })),
    };
  });
}

/** The managed node groups as EKS describes them; Karpenter and other provisioners have none. */
export function nodeGroupFacts(b: ClusterBuild): NodeGroupFacts[] {
  const { cluster, now } = b;
  const clusterCreated = cluster.eks.createdAt;
  return cluster.nodeGroups
    .filter(g => g.provisioner === 'managed')
    .map(g =>
      managedNodeGroupFacts(g, {
        version: (g.kubeletVersion ?? cluster.eks.version)
          .replace(/^v/, '')
          .split('.')
          .slice(0, 2)
          .join('.'),
        subnets: [
          ...new Set((g.zones ?? b.zones).map(z => nodeSubnetIn(b, z).id)),
        ],
        createdAt: new Date(
          Math.max(clusterCreated.getTime(), now.getTime() - 200 * DAY),
        ),
        catalog: b.catalog,
      }),
    );
}

/** The cluster as DescribeCluster reports it; the platform version defaults to the catalog's. */
export function eksFacts(
  b: ClusterBuild,
): EksClusterFacts & { autoMode?: AutoModeFacts } {
  const { cluster, catalog } = b;
  const platformVersion =
    cluster.eks.platformVersion ??
    catalog.versions.find(v => v.version === cluster.eks.version)
      ?.platformVersion ??
    'eks.1';
  return {
    name: cluster.eks.name ?? cluster.name,
    accountId: cluster.eks.accountId,
    region: b.region,
    version: cluster.eks.version,
    platformVersion,
    status: cluster.eks.status,
    createdAt: cluster.eks.createdAt,
    supportType: cluster.eks.supportType,
    vpcId: cluster.eks.vpcId,
    serviceIpv4Cidr: cluster.eks.serviceIpv4Cidr,
    ipFamily: cluster.eks.ipFamily,
    ...(cluster.eks.remoteNetwork && {
      remoteNetwork: {
        nodeCidrs: cluster.eks.remoteNetwork.nodeCidrs,
        podCidrs: cluster.eks.remoteNetwork.podCidrs,
      },
    }),
    securityGroupIds: cluster.eks.securityGroupIds,
    tags: cluster.eks.tags,
    ...(cluster.autoMode && {
      autoMode: {
        nodePools: cluster.autoMode.nodePools,
        nodeRoleArn:
          cluster.autoMode.nodeRoleArn ??
          `arn:aws:iam::${cluster.eks.accountId}:role/AmazonEKSAutoNodeRole`,
      },
    }),
    updates: updateFacts(cluster, platformVersion),
  };
}
