import { updateFacts } from './clusterUpdates';
import { EksClusterFacts, NodeGroupFacts, SubnetFacts } from './ClusterModel';
import { ClusterBuild, nodeSubnetIn } from './clusterBuild';
import { AWS_RESERVED_PER_SUBNET, parseCidr } from './ipv4';
import { managedNodeGroupFacts } from './nodeObjects';

const DAY = 24 * 3600 * 1000;

/**
 * The subnets as EC2 describes them. Their free addresses follow what the nodes, pods and warm
 * pools took, unless the scenario pins the count.
 */
export function subnetFacts(b: ClusterBuild): SubnetFacts[] {
  const { cluster } = b;
  const clusterName = cluster.eks.name ?? cluster.name;
  return cluster.subnets.map(s => {
    const allocator = b.allocators.get(s.id)!;
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
export function eksFacts(b: ClusterBuild): EksClusterFacts {
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
    updates: updateFacts(cluster, platformVersion),
  };
}
