import { ClusterModel } from '../model/ClusterModel';
import { hexId, uid } from '../model/determinism';
import { versionStatusOn } from '../scenario/calendar';
import { EksCatalog } from '../scenario/schema';
import { AwsApiError, paginate } from './pagination';

/** What the AWS handlers know about the fleet. */
export interface AwsFleetContext {
  clusters: ClusterModel[];
  catalog: EksCatalog;
  kubeUrl(clusterName: string): string;
  caPem: string;
  now(): Date;
}

export interface EksRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
  region: string;
}

export interface EksRoute {
  operation: string;
  /** The EKS cluster the request is about, if any. */
  clusterName?: string;
  run(): unknown;
}

const epoch = (date: Date) => date.getTime() / 1000;

const LEGACY_STATUS: Record<string, string> = {
  STANDARD_SUPPORT: 'standard-support',
  EXTENDED_SUPPORT: 'extended-support',
  UNSUPPORTED: 'unsupported',
};

function intParam(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) {
    throw new AwsApiError(
      400,
      'InvalidParameterException',
      `${name} must be an integer.`,
    );
  }
  return value;
}

/** Routes an EKS rest-json request to its operation; undefined when no operation matches. */
export function routeEks(
  ctx: AwsFleetContext,
  req: EksRequest,
): EksRoute | undefined {
  const segs = req.path
    .split('/')
    .filter(s => s !== '')
    .map(decodeURIComponent);
  const { method, query, region } = req;
  const now = ctx.now();

  const findCluster = (name: string) => {
    const cluster = ctx.clusters.find(
      c => c.eks.name === name && c.eks.region === region,
    );
    if (!cluster) {
      throw new AwsApiError(
        404,
        'ResourceNotFoundException',
        `No cluster found for name: ${name}.`,
      );
    }
    return cluster;
  };

  if (method === 'GET' && segs.length === 1 && segs[0] === 'clusters') {
    return {
      operation: 'ListClusters',
      run: () => {
        const names = ctx.clusters
          .filter(c => c.eks.region === region)
          .map(c => c.eks.name)
          .sort();
        const { page, nextToken } = paginate(
          names,
          'ListClusters',
          intParam(query, 'maxResults'),
          query.get('nextToken') ?? undefined,
          { default: 100, max: 100 },
        );
        return { clusters: page, ...(nextToken ? { nextToken } : {}) };
      },
    };
  }

  if (method === 'GET' && segs.length === 2 && segs[0] === 'clusters') {
    return {
      operation: 'DescribeCluster',
      clusterName: segs[1],
      run: () => ({ cluster: describeCluster(ctx, findCluster(segs[1])) }),
    };
  }

  if (method === 'GET' && segs.length === 1 && segs[0] === 'cluster-versions') {
    return {
      operation: 'DescribeClusterVersions',
      run: () => {
        const wanted = query.getAll('clusterVersions');
        const statusFilter = query.get('versionStatus') ?? undefined;
        const legacyFilter = query.get('status') ?? undefined;
        const includeAll = query.get('includeAll') === 'true';
        const defaultOnly = query.get('defaultOnly') === 'true';
        const clusterType = query.get('clusterType') ?? 'eks';
        const versions = [...ctx.catalog.versions]
          .sort(
            (a, b) =>
              Number(b.version.split('.')[1]) - Number(a.version.split('.')[1]),
          )
          .map(v => {
            const status = versionStatusOn(v, now);
            return {
              clusterVersion: v.version,
              clusterType,
              defaultPlatformVersion: v.platformVersion,
              defaultVersion: v.default,
              releaseDate: epoch(v.releaseDate),
              endOfStandardSupportDate: epoch(v.endOfStandardSupport),
              endOfExtendedSupportDate: epoch(v.endOfExtendedSupport),
              status: LEGACY_STATUS[status],
              versionStatus: status,
              kubernetesPatchVersion: v.patch,
            };
          })
          .filter(v => wanted.length === 0 || wanted.includes(v.clusterVersion))
          .filter(
            v =>
              includeAll ||
              wanted.length > 0 ||
              statusFilter ||
              legacyFilter ||
              v.versionStatus !== 'UNSUPPORTED',
          )
          .filter(v => !statusFilter || v.versionStatus === statusFilter)
          .filter(v => !legacyFilter || v.status === legacyFilter)
          .filter(v => !defaultOnly || v.defaultVersion);
        const { page, nextToken } = paginate(
          versions,
          'DescribeClusterVersions',
          intParam(query, 'maxResults'),
          query.get('nextToken') ?? undefined,
          { default: 100, max: 100 },
        );
        return { clusterVersions: page, ...(nextToken ? { nextToken } : {}) };
      },
    };
  }

  if (
    method === 'GET' &&
    segs.length === 2 &&
    segs[0] === 'addons' &&
    segs[1] === 'supported-versions'
  ) {
    return {
      operation: 'DescribeAddonVersions',
      run: () => {
        const k8s = query.get('kubernetesVersion') ?? undefined;
        const name = query.get('addonName') ?? undefined;
        const types = query.getAll('types');
        const owners = query.getAll('owners');
        const addons = ctx.catalog.addons
          .filter(a => !name || a.name === name)
          .filter(a => types.length === 0 || types.includes(a.type))
          .filter(a => owners.length === 0 || owners.includes(a.owner))
          .map(a => ({
            addonName: a.name,
            type: a.type,
            owner: a.owner,
            publisher: 'eks',
            addonVersions: a.versions
              .filter(v => !k8s || v.clusterVersions.includes(k8s))
              .map(v => ({
                addonVersion: v.version,
                architecture: ['amd64', 'arm64'],
                computeTypes: ['ec2', 'hybrid'],
                compatibilities: v.clusterVersions
                  .filter(cv => !k8s || cv === k8s)
                  .map(cv => ({
                    clusterVersion: cv,
                    platformVersions: ['*'],
                    defaultVersion: v.defaultFor.includes(cv),
                  })),
                requiresConfiguration: false,
                requiresIamPermissions:
                  a.name === 'vpc-cni' || a.name === 'aws-ebs-csi-driver',
              })),
          }))
          .filter(a => a.addonVersions.length > 0);
        if (name && addons.length === 0) {
          throw new AwsApiError(
            404,
            'ResourceNotFoundException',
            `Addon ${name} not found.`,
          );
        }
        const { page, nextToken } = paginate(
          addons,
          'DescribeAddonVersions',
          intParam(query, 'maxResults'),
          query.get('nextToken') ?? undefined,
          { default: 10, max: 100 },
        );
        return { addons: page, ...(nextToken ? { nextToken } : {}) };
      },
    };
  }

  if (segs[0] !== 'clusters' || segs.length < 3) return undefined;
  const clusterName = segs[1];
  const sub = segs[2];

  if (sub === 'node-groups' && method === 'GET') {
    if (segs.length === 3) {
      return {
        operation: 'ListNodegroups',
        clusterName,
        run: () => {
          const names = findCluster(clusterName)
            .nodeGroups.map(g => g.name)
            .sort();
          const { page, nextToken } = paginate(
            names,
            'ListNodegroups',
            intParam(query, 'maxResults'),
            query.get('nextToken') ?? undefined,
            { default: 100, max: 100 },
          );
          return { nodegroups: page, ...(nextToken ? { nextToken } : {}) };
        },
      };
    }
    if (segs.length === 4) {
      return {
        operation: 'DescribeNodegroup',
        clusterName,
        run: () => {
          const cluster = findCluster(clusterName);
          const group = cluster.nodeGroups.find(g => g.name === segs[3]);
          if (!group)
            throw new AwsApiError(
              404,
              'ResourceNotFoundException',
              `No node group found for name: ${segs[3]}.`,
            );
          const arnBase = `arn:aws:eks:${cluster.eks.region}:${cluster.eks.accountId}`;
          return {
            nodegroup: {
              nodegroupName: group.name,
              nodegroupArn: `${arnBase}:nodegroup/${cluster.eks.name}/${
                group.name
              }/${uid(`ng:${cluster.name}/${group.name}`)}`,
              clusterName: cluster.eks.name,
              version: group.version,
              releaseVersion: group.releaseVersion,
              createdAt: epoch(group.createdAt),
              modifiedAt: epoch(now),
              status: group.status,
              capacityType: group.capacityType,
              scalingConfig: {
                minSize: Math.max(0, group.desiredSize - 2),
                maxSize: group.desiredSize * 2,
                desiredSize: group.desiredSize,
              },
              instanceTypes: group.instanceTypes,
              subnets: group.subnets,
              amiType: group.amiType,
              labels: group.labels,
              taints: group.taints.map(t => ({
                key: t.key,
                value: t.value,
                effect: t.effect
                  .replace(/([a-z])([A-Z])/g, '$1_$2')
                  .toUpperCase(),
              })),
              resources: {
                autoScalingGroups: [
                  {
                    name: `eks-${group.name}-${hexId(
                      `asg:${cluster.name}/${group.name}`,
                      8,
                    )}`,
                  },
                ],
              },
              diskSize: 20,
              health: {
                issues: group.health.map(h => ({
                  code: h.code,
                  message: h.message,
                  resourceIds: [],
                })),
              },
              updateConfig: { maxUnavailable: 1 },
              tags: {},
            },
          };
        },
      };
    }
  }

  if (sub === 'insights') {
    if (segs.length === 3 && method === 'POST') {
      return {
        operation: 'ListInsights',
        clusterName,
        run: () => {
          let body: {
            filter?: {
              categories?: string[];
              kubernetesVersions?: string[];
              statuses?: string[];
            };
            maxResults?: number;
            nextToken?: string;
          } = {};
          if (req.body.length > 0) {
            try {
              body = JSON.parse(req.body.toString('utf8'));
            } catch {
              throw new AwsApiError(
                400,
                'InvalidRequestException',
                'The request body is not valid JSON.',
              );
            }
          }
          const f = body.filter ?? {};
          const insights = findCluster(clusterName)
            .insights.filter(
              i => !f.categories?.length || f.categories.includes(i.category),
            )
            .filter(
              i =>
                !f.kubernetesVersions?.length ||
                (i.kubernetesVersion &&
                  f.kubernetesVersions.includes(i.kubernetesVersion)),
            )
            .filter(i => !f.statuses?.length || f.statuses.includes(i.status))
            .map(i => insightSummary(i, now));
          const { page, nextToken } = paginate(
            insights,
            'ListInsights',
            body.maxResults,
            body.nextToken,
            { default: 100, max: 100 },
          );
          return { insights: page, ...(nextToken ? { nextToken } : {}) };
        },
      };
    }
    if (segs.length === 4 && method === 'GET') {
      return {
        operation: 'DescribeInsight',
        clusterName,
        run: () => {
          const insight = findCluster(clusterName).insights.find(
            i => i.id === segs[3],
          );
          if (!insight)
            throw new AwsApiError(
              404,
              'ResourceNotFoundException',
              `No insight found for id: ${segs[3]}.`,
            );
          return {
            insight: {
              ...insightSummary(insight, now),
              recommendation: insight.recommendation,
              additionalInfo: {
                EKS_DOCS:
                  'https://docs.aws.amazon.com/eks/latest/userguide/cluster-insights.html',
              },
              resources: (insight.resources ?? []).map(r => ({
                insightStatus: { status: r.status, reason: r.reason ?? '' },
                ...(r.kubernetesResourceUri
                  ? { kubernetesResourceUri: r.kubernetesResourceUri }
                  : {}),
                ...(r.arn ? { arn: r.arn } : {}),
              })),
              categorySpecificSummary: {
                deprecationDetails: (insight.deprecations ?? []).map(d => ({
                  usage: d.usage,
                  replacedWith: d.replacedWith,
                  stopServingVersion: d.stopServingVersion,
                  startServingReplacementVersion:
                    d.startServingReplacementVersion,
                  clientStats: (d.clients ?? []).map(c => ({
                    userAgent: c.userAgent,
                    numberOfRequestsLast30Days: c.requestsLast30Days,
                    lastRequestTime: epoch(
                      new Date(now.getTime() - 3600 * 1000),
                    ),
                  })),
                })),
                addonCompatibilityDetails: [],
              },
            },
          };
        },
      };
    }
  }

  if (sub === 'addons' && method === 'GET') {
    if (segs.length === 3) {
      return {
        operation: 'ListAddons',
        clusterName,
        run: () => {
          const names = findCluster(clusterName)
            .addons.map(a => a.name)
            .sort();
          const { page, nextToken } = paginate(
            names,
            'ListAddons',
            intParam(query, 'maxResults'),
            query.get('nextToken') ?? undefined,
            { default: 100, max: 100 },
          );
          return { addons: page, ...(nextToken ? { nextToken } : {}) };
        },
      };
    }
    if (segs.length === 4) {
      return {
        operation: 'DescribeAddon',
        clusterName,
        run: () => {
          const cluster = findCluster(clusterName);
          const addon = cluster.addons.find(a => a.name === segs[3]);
          if (!addon)
            throw new AwsApiError(
              404,
              'ResourceNotFoundException',
              `No addon: ${segs[3]} found in cluster: ${clusterName}`,
            );
          return {
            addon: {
              addonName: addon.name,
              clusterName: cluster.eks.name,
              status: addon.status,
              addonVersion: addon.version,
              health: { issues: [] },
              addonArn: `arn:aws:eks:${cluster.eks.region}:${
                cluster.eks.accountId
              }:addon/${cluster.eks.name}/${addon.name}/${uid(
                `addon:${cluster.name}/${addon.name}`,
              )}`,
              createdAt: epoch(cluster.eks.createdAt),
              modifiedAt: epoch(
                new Date(now.getTime() - 20 * 24 * 3600 * 1000),
              ),
              tags: {},
            },
          };
        },
      };
    }
  }
  return undefined;
}

function insightSummary(i: ClusterModel['insights'][number], now: Date) {
  return {
    id: i.id,
    name: i.name,
    category: i.category,
    ...(i.kubernetesVersion ? { kubernetesVersion: i.kubernetesVersion } : {}),
    lastRefreshTime: epoch(new Date(now.getTime() - 6 * 3600 * 1000)),
    lastTransitionTime: epoch(new Date(now.getTime() - 9 * 24 * 3600 * 1000)),
    description: i.description,
    insightStatus: { status: i.status, reason: i.reason },
  };
}

function describeCluster(ctx: AwsFleetContext, cluster: ClusterModel) {
  const { eks } = cluster;
  return {
    name: eks.name,
    arn: `arn:aws:eks:${eks.region}:${eks.accountId}:cluster/${eks.name}`,
    createdAt: epoch(eks.createdAt),
    version: eks.version,
    endpoint: ctx.kubeUrl(cluster.name),
    resourcesVpcConfig: {
      subnetIds: cluster.subnets
        .filter(s => s.purpose === 'nodes')
        .map(s => s.id),
      securityGroupIds: eks.securityGroupIds,
      clusterSecurityGroupId: `sg-0${hexId(`cluster-sg:${cluster.name}`, 16)}`,
      vpcId: eks.vpcId,
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
      publicAccessCidrs: [],
    },
    kubernetesNetworkConfig: {
      serviceIpv4Cidr: eks.serviceIpv4Cidr,
      ipFamily: 'ipv4',
      elasticLoadBalancing: { enabled: false },
    },
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
