import { SubnetFacts } from '../model/ClusterModel';
import { zoneId } from '../model/kubeObjects';
import { InstanceTypeSpec, listInstanceTypes } from '../model/instanceTypes';
import { AwsFleetContext } from './eksApi';
import { AwsApiError, paginate } from './pagination';
import {
  XmlValue,
  ec2Response,
  filtersOf,
  intParam,
  listParam,
  matchesFilters,
  subnetPlaceValues,
} from './ec2Query';
import {
  describeNetworkInterfaces,
  getSubnetCidrReservations,
} from './ec2NetworkInterfaces';

export { EC2_XMLNS, ec2Error, ec2Response, toXml } from './ec2Query';

function subnetTags(s: SubnetFacts): Record<string, string> {
  return {
    Name: s.name,
    [`kubernetes.io/cluster/${s.clusterName}`]: 'shared',
    ...(s.purpose === 'nodes'
      ? { 'kubernetes.io/role/internal-elb': '1' }
      : {}),
    ...s.tags,
  };
}

export interface Ec2Route {
  operation: string;
  clusterName?: string;
  run(): string;
}

/** Routes an EC2 query-protocol request (form body, `Action=...`). */
export function routeEc2(
  ctx: AwsFleetContext,
  params: URLSearchParams,
  region: string,
): Ec2Route {
  const action = params.get('Action') ?? '';
  const subnets = (() => {
    const seen = new Map<string, SubnetFacts>();
    for (const c of ctx.clusters) {
      for (const s of c.subnets)
        if (s.region === region && !seen.has(s.id)) seen.set(s.id, s);
    }
    return [...seen.values()];
  })();

  switch (action) {
    case 'DescribeSubnets': {
      const ids = listParam(params, 'SubnetId');
      const filters = filtersOf(params);
      const vpcFilter = filters.find(f => f.name === 'vpc-id')?.values[0];
      const tagCluster = filters
        .find(f => f.name.startsWith('tag:kubernetes.io/cluster/'))
        ?.name.slice('tag:kubernetes.io/cluster/'.length);
      const owner =
        (ids.length > 0
          ? subnets.find(s => s.id === ids[0])?.clusterName
          : undefined) ??
        tagCluster ??
        (vpcFilter
          ? ctx.clusters.find(c => c.eks.vpcId === vpcFilter)?.eks.name
          : undefined);
      return {
        operation: action,
        clusterName: ctx.clusters.find(c => c.eks.name === owner)?.name,
        run: () => {
          for (const id of ids) {
            if (!subnets.some(s => s.id === id)) {
              throw new AwsApiError(
                400,
                'InvalidSubnetID.NotFound',
                `The subnet ID '${id}' does not exist`,
              );
            }
          }
          const matched = subnets
            .filter(s => ids.length === 0 || ids.includes(s.id))
            .filter(s =>
              matchesFilters(filters, name => subnetFilterValues(name, s)),
            );
          const maxResults = intParam(params, 'MaxResults');
          const { page, nextToken } =
            maxResults === undefined && !params.get('NextToken')
              ? { page: matched, nextToken: undefined }
              : paginate(
                  matched,
                  'DescribeSubnets',
                  maxResults,
                  params.get('NextToken') ?? undefined,
                  {
                    default: 1000,
                    min: 5,
                    max: 1000,
                    code: 'InvalidParameterValue',
                  },
                );
          return ec2Response(action, {
            subnetSet: page.map(s => ({
              subnetId: s.id,
              subnetArn: `arn:aws:ec2:${s.region}:${s.accountId}:subnet/${s.id}`,
              state: 'available',
              vpcId: s.vpcId,
              cidrBlock: s.cidr,
              ipv6CidrBlockAssociationSet: [],
              availableIpAddressCount: s.availableIps,
              availabilityZone: s.zone,
              availabilityZoneId: zoneId(s.region, s.zone),
              defaultForAz: false,
              mapPublicIpOnLaunch: false,
              assignIpv6AddressOnCreation: false,
              ownerId: s.accountId,
              ipv6Native: false,
              enableDns64: false,
              privateDnsNameOptionsOnLaunch: {
                hostnameType: 'ip-name',
                enableResourceNameDnsARecord: false,
                enableResourceNameDnsAAAARecord: false,
              },
              tagSet: Object.entries(subnetTags(s)).map(([key, value]) => ({
                key,
                value,
              })),
            })),
            nextToken,
          });
        },
      };
    }
    case 'DescribeNetworkInterfaces':
      return describeNetworkInterfaces(ctx, params, subnets);
    case 'GetSubnetCidrReservations':
      return getSubnetCidrReservations(ctx, params, subnets);
    case 'DescribeInstanceTypes': {
      return {
        operation: action,
        run: () => {
          const names = listParam(params, 'InstanceType');
          const catalog = listInstanceTypes();
          for (const n of names) {
            if (!catalog.some(t => t.name === n)) {
              throw new AwsApiError(
                400,
                'InvalidInstanceType',
                `The following supplied instance types do not exist: [${n}]`,
              );
            }
          }
          const filters = filtersOf(params);
          const matched = catalog
            .filter(t => names.length === 0 || names.includes(t.name))
            .filter(t =>
              matchesFilters(filters, name => {
                switch (name) {
                  case 'instance-type':
                    return [t.name];
                  case 'processor-info.supported-architecture':
                    return [t.architecture];
                  case 'current-generation':
                    return ['true'];
                  case 'hypervisor':
                    return ['nitro'];
                  default:
                    return undefined;
                }
              }),
            );
          const { page, nextToken } = paginate(
            matched,
            'DescribeInstanceTypes',
            intParam(params, 'MaxResults'),
            params.get('NextToken') ?? undefined,
            { default: 100, min: 5, max: 100, code: 'InvalidParameterValue' },
          );
          return ec2Response(action, {
            instanceTypeSet: page.map(instanceTypeXml),
            nextToken,
          });
        },
      };
    }
    default:
      return {
        operation: action || 'Unknown',
        run: () => {
          throw new AwsApiError(
            400,
            'InvalidAction',
            `The action ${action} is not valid for this web service.`,
          );
        },
      };
  }
}

function instanceTypeXml(t: InstanceTypeSpec): XmlValue {
  const cores = Math.max(1, t.architecture === 'arm64' ? t.vcpus : t.vcpus / 2);
  return {
    instanceType: t.name,
    currentGeneration: true,
    freeTierEligible: t.name === 't3.micro',
    supportedUsageClasses: ['on-demand', 'spot'],
    supportedRootDeviceTypes: ['ebs'],
    supportedVirtualizationTypes: ['hvm'],
    bareMetal: false,
    hypervisor: 'nitro',
    processorInfo: {
      supportedArchitectures: [t.architecture],
      manufacturer: t.architecture === 'arm64' ? 'AWS' : 'Intel',
    },
    vCpuInfo: {
      defaultVCpus: t.vcpus,
      defaultCores: cores,
      defaultThreadsPerCore:
        t.architecture === 'arm64' || t.vcpus === 1 ? 1 : 2,
    },
    memoryInfo: { sizeInMiB: t.memoryMiB },
    instanceStorageSupported: false,
    ebsInfo: {
      ebsOptimizedSupport: 'default',
      encryptionSupport: 'supported',
      nvmeSupport: 'required',
    },
    networkInfo: {
      networkPerformance: t.networkPerformance,
      maximumNetworkInterfaces: t.maxEnis,
      maximumNetworkCards: 1,
      defaultNetworkCardIndex: 0,
      networkCards: [
        {
          networkCardIndex: 0,
          networkPerformance: t.networkPerformance,
          maximumNetworkInterfaces: t.maxEnis,
        },
      ],
      ipv4AddressesPerInterface: t.ipv4PerEni,
      ipv6AddressesPerInterface: t.ipv6PerEni,
      ipv6Supported: true,
      enaSupport: 'required',
      efaSupported: false,
      encryptionInTransitSupported: false,
    },
    placementGroupInfo: {
      supportedStrategies: ['cluster', 'partition', 'spread'],
    },
    hibernationSupported: !t.burstable || t.name.startsWith('t3'),
    burstablePerformanceSupported: t.burstable,
    dedicatedHostsSupported: !t.burstable,
    autoRecoverySupported: true,
    supportedBootModes:
      t.architecture === 'arm64' ? ['uefi'] : ['legacy-bios', 'uefi'],
  };
}

/** What a DescribeSubnets filter compares for one subnet. */
function subnetFilterValues(
  name: string,
  s: SubnetFacts,
): string[] | undefined {
  const tags = subnetTags(s);
  switch (name) {
    case 'availability-zone-id':
      return [zoneId(s.region, s.zone)];
    case 'cidr-block':
    case 'cidr':
    case 'cidrBlock':
      return [s.cidr];
    case 'state':
      return ['available'];
    case 'tag-key':
      return Object.keys(tags);
    default:
      if (name.startsWith('tag:')) {
        const value = tags[name.slice(4)];
        return value === undefined ? [] : [value];
      }
      return subnetPlaceValues(name, s);
  }
}
