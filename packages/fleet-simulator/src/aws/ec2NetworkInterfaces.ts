import type { NetworkInterfaceFacts, SubnetFacts } from '../model/ClusterModel';
import { hexId } from '../model/determinism';
import { privateDnsName } from '../model/kubeObjects';
import type { Ec2Route } from './ec2Api';
import type { AwsFleetContext } from './fleetContext';
import {
  XmlValue,
  ec2Response,
  filtersOf,
  intParam,
  listParam,
  matchesFilters,
  subnetPlaceValues,
} from './ec2Query';
import { AwsApiError, paginate } from './pagination';

type SubnetEni = { subnet: SubnetFacts; eni: NetworkInterfaceFacts };

const PAGE_LIMITS = {
  default: 1000,
  min: 5,
  max: 1000,
  code: 'InvalidParameterValue',
};

function clusterOf(ctx: AwsFleetContext, subnet: SubnetFacts | undefined) {
  return ctx.clusters.find(c => subnet && c.subnets.includes(subnet));
}

/** What a DescribeNetworkInterfaces filter compares for one ENI. */
function filterValues(
  name: string,
  { subnet, eni }: SubnetEni,
): string[] | undefined {
  switch (name) {
    case 'network-interface-id':
      return [eni.id];
    case 'attachment.instance-id':
      return eni.instanceId ? [eni.instanceId] : [];
    case 'interface-type':
      return [eni.instanceId ? 'interface' : 'lambda'];
    case 'private-ip-address':
    case 'addresses.private-ip-address':
      return [eni.primary, ...eni.secondaries];
    case 'ipv4-prefix':
      return eni.prefixes;
    case 'status':
      return ['in-use'];
    case 'requester-managed':
      return [String(!eni.instanceId)];
    case 'description':
      return [eni.description];
    default:
      return subnetPlaceValues(name, subnet);
  }
}

function eniXml(
  ctx: AwsFleetContext,
  { subnet, eni }: SubnetEni,
): Record<string, XmlValue> {
  const dns = (ip: string) => privateDnsName(ip, subnet.region);
  const groups = clusterOf(ctx, subnet)?.eks.securityGroupIds ?? [];
  return {
    networkInterfaceId: eni.id,
    subnetId: subnet.id,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.zone,
    description: eni.description,
    ownerId: subnet.accountId,
    ...(!eni.instanceId && { requesterId: 'AROAFLEETSIMLAMBDA:lambda' }),
    requesterManaged: !eni.instanceId,
    status: 'in-use',
    macAddress: hexId(`mac:${eni.id}`, 12).replace(/(..)(?!$)/g, '$1:'),
    privateIpAddress: eni.primary,
    privateDnsName: dns(eni.primary),
    sourceDestCheck: true,
    groupSet: groups.map(groupId => ({ groupId, groupName: groupId })),
    ...(eni.instanceId && {
      attachment: {
        attachmentId: `eni-attach-0${hexId(`attach:${eni.id}`, 16)}`,
        instanceId: eni.instanceId,
        instanceOwnerId: subnet.accountId,
        deviceIndex: 0,
        networkCardIndex: 0,
        status: 'attached',
        deleteOnTermination: true,
      },
    }),
    tagSet: eni.instanceId
      ? [{ key: 'node.k8s.amazonaws.com/instance_id', value: eni.instanceId }]
      : [],
    privateIpAddressesSet: [eni.primary, ...eni.secondaries].map((ip, i) => ({
      privateIpAddress: ip,
      privateDnsName: dns(ip),
      primary: i === 0,
    })),
    ipv4PrefixSet: eni.prefixes.map(ipv4Prefix => ({ ipv4Prefix })),
    ipv6AddressesSet: [],
    interfaceType: eni.instanceId ? 'interface' : 'lambda',
  };
}

/**
 * DescribeNetworkInterfaces: every ENI of the region's simulated subnets with its addresses and
 * /28 prefixes (`NetworkInterfaceId.N`, filters, `MaxResults` 5-1000 with `NextToken`).
 */
export function describeNetworkInterfaces(
  ctx: AwsFleetContext,
  params: URLSearchParams,
  subnets: SubnetFacts[],
): Ec2Route {
  const action = 'DescribeNetworkInterfaces';
  const ids = listParam(params, 'NetworkInterfaceId');
  const filters = filtersOf(params);
  const subnetFilter = filters.find(f => f.name === 'subnet-id')?.values[0];
  const owner = clusterOf(
    ctx,
    subnets.find(s => s.id === subnetFilter),
  )?.name;
  return {
    operation: action,
    clusterName: owner,
    run: () => {
      const maxResults = intParam(params, 'MaxResults');
      if (ids.length > 0 && maxResults !== undefined) {
        throw new AwsApiError(
          400,
          'InvalidParameterCombination',
          'The parameter NetworkInterfaceIds cannot be used with the parameter MaxResults',
        );
      }
      const all: SubnetEni[] = subnets.flatMap(subnet =>
        subnet.networkInterfaces.map(eni => ({ subnet, eni })),
      );
      for (const id of ids) {
        if (!all.some(e => e.eni.id === id)) {
          throw new AwsApiError(
            400,
            'InvalidNetworkInterfaceID.NotFound',
            `The networkInterface ID '${id}' does not exist`,
          );
        }
      }
      const matched = all
        .filter(e => ids.length === 0 || ids.includes(e.eni.id))
        .filter(e => matchesFilters(filters, name => filterValues(name, e)));
      const { page, nextToken } =
        maxResults === undefined && !params.get('NextToken')
          ? { page: matched, nextToken: undefined }
          : paginate(
              matched,
              action,
              maxResults,
              params.get('NextToken') ?? undefined,
              PAGE_LIMITS,
            );
      return ec2Response(action, {
        networkInterfaceSet: page.map(e => eniXml(ctx, e)),
        nextToken,
      });
    },
  };
}

/** GetSubnetCidrReservations: the subnet's IPv4 CIDR reservations (`SubnetId` required). */
export function getSubnetCidrReservations(
  ctx: AwsFleetContext,
  params: URLSearchParams,
  subnets: SubnetFacts[],
): Ec2Route {
  const action = 'GetSubnetCidrReservations';
  const subnetId = params.get('SubnetId') ?? '';
  const subnet = subnets.find(s => s.id === subnetId);
  return {
    operation: action,
    clusterName: clusterOf(ctx, subnet)?.name,
    run: () => {
      if (!subnetId) {
        throw new AwsApiError(
          400,
          'MissingParameter',
          "The request must contain the parameter 'SubnetId'",
        );
      }
      if (!subnet) {
        throw new AwsApiError(
          400,
          'InvalidSubnetID.NotFound',
          `The subnet ID '${subnetId}' does not exist`,
        );
      }
      const matched = subnet.cidrReservations.filter(r =>
        matchesFilters(filtersOf(params), name => {
          switch (name) {
            case 'reservationType':
              return [r.type];
            case 'subnet-id':
              return [subnet.id];
            case 'owner-id':
              return [subnet.accountId];
            default:
              return undefined;
          }
        }),
      );
      const { page, nextToken } = paginate(
        matched,
        action,
        intParam(params, 'MaxResults'),
        params.get('NextToken') ?? undefined,
        PAGE_LIMITS,
      );
      return ec2Response(action, {
        subnetIpv4CidrReservationSet: page.map(r => ({
          subnetCidrReservationId: r.id,
          subnetId: subnet.id,
          cidr: r.cidr,
          reservationType: r.type,
          ownerId: subnet.accountId,
          tagSet: [],
        })),
        subnetIpv6CidrReservationSet: [],
        nextToken,
      });
    },
  };
}
