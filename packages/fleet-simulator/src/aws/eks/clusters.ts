import type { ClusterModel } from '../../model/ClusterModel';
import { hexId } from '../../model/determinism';
import type { AwsFleetContext } from '../fleetContext';
import { EksCall, epoch, findCluster, queryPage } from './common';

/** ListClusters: the names of the clusters in the request's region, sorted. */
export function listClusters(call: EksCall) {
  const names = call.ctx.clusters
    .filter(c => c.eks.region === call.req.region)
    .map(c => c.eks.name)
    .sort();
  return queryPage(call, names, 'ListClusters', 'clusters');
}

/** DescribeCluster: `GET /clusters/<name>`. */
export function describeClusterOperation(call: EksCall) {
  return {
    cluster: describeCluster(call.ctx, findCluster(call, call.segs[1])),
  };
}

function resourcesVpcConfig(cluster: ClusterModel) {
  const { eks } = cluster;
  return {
    subnetIds: cluster.subnets
      .filter(s => s.purpose === 'nodes')
      .map(s => s.id),
    securityGroupIds: eks.securityGroupIds,
    clusterSecurityGroupId: `sg-0${hexId(`cluster-sg:${cluster.name}`, 16)}`,
    vpcId: eks.vpcId,
    endpointPublicAccess: false,
    endpointPrivateAccess: true,
    publicAccessCidrs: [],
  };
}

/** EKS picks a unique local /108 for an IPv6 cluster's services; this one is stable per name. */
function serviceIpv6Cidr(name: string): string {
  const h = hexId(`svc6:${name}`, 14);
  return `fd${h.slice(0, 2)}:${h.slice(2, 6)}:${h.slice(6, 10)}:${h.slice(
    10,
    14,
  )}::/108`;
}

function describeCluster(ctx: AwsFleetContext, cluster: ClusterModel) {
  const { eks } = cluster;
  return {
    name: eks.name,
    arn: `arn:aws:eks:${eks.region}:${eks.accountId}:cluster/${eks.name}`,
    createdAt: epoch(eks.createdAt),
    version: eks.version,
    endpoint: ctx.kubeUrl(cluster.name),
    resourcesVpcConfig: resourcesVpcConfig(cluster),
    kubernetesNetworkConfig: {
      ...(eks.ipFamily === 'ipv6'
        ? { serviceIpv6Cidr: serviceIpv6Cidr(cluster.name) }
        : { serviceIpv4Cidr: eks.serviceIpv4Cidr }),
      ipFamily: eks.ipFamily,
      // Auto Mode turns on its load balancing together with its compute.
      elasticLoadBalancing: { enabled: !!eks.autoMode },
    },
    ...(eks.autoMode && {
      computeConfig: {
        enabled: true,
        nodePools: eks.autoMode.nodePools,
        nodeRoleArn: eks.autoMode.nodeRoleArn,
      },
      storageConfig: { blockStorage: { enabled: true } },
    }),
    ...(eks.remoteNetwork && {
      remoteNetworkConfig: {
        remoteNodeNetworks: [{ cidrs: eks.remoteNetwork.nodeCidrs }],
        remotePodNetworks: [{ cidrs: eks.remoteNetwork.podCidrs }],
      },
    }),
    logging: {
      clusterLogging: [
        { types: ['api', 'audit', 'authenticator'], enabled: true },
        { types: ['controllerManager', 'scheduler'], enabled: false },
      ],
    },
    identity: {
      oidc: {
        issuer: `https://oidc.eks.${eks.region}.amazonaws.com/id/${hexId(
          `oidc:${cluster.name}`,
          32,
        ).toUpperCase()}`,
      },
    },
    status: eks.status,
    certificateAuthority: { data: Buffer.from(ctx.caPem).toString('base64') },
    platformVersion: eks.platformVersion,
    tags: eks.tags,
    health: { issues: [] },
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    upgradePolicy: { supportType: eks.supportType },
  };
}
