import {
  DescribeInstanceTypesCommand,
  type EC2Client,
  paginateDescribeSubnets,
} from '@aws-sdk/client-ec2';
import {
  CNI_ROLE_TAG,
  type Ec2InstanceTypeInfo,
  type Ec2NetworkInterface,
  type Ec2Subnet,
  type Ec2SubnetCidrReservation,
} from '@eks-platform/plugin-eks-platform-common';
import { readSubnetAddresses } from './readEc2Enis';

/** What one collection reads from EC2. */
export type Ec2Facts = {
  subnets: Ec2Subnet[];
  instanceTypes: Ec2InstanceTypeInfo[];
  /** The subnets' ENIs; absent when they could not be listed (see `networkInterfacesError`). */
  networkInterfaces?: Ec2NetworkInterface[];
  /** The subnets' CIDR reservations; absent when they could not be read. */
  cidrReservations?: Ec2SubnetCidrReservation[];
  /** Why the ENIs or the reservations are missing, for the IP headroom notes. */
  addressErrors?: string[];
};

/** DescribeInstanceTypes takes at most 100 types a call. */
const INSTANCE_TYPES_PER_CALL = 100;

/**
 * Reads the pod subnets and the nodes' instance types from EC2, reduced to the fields the IP
 * calculations read. Subnets are the cluster's and ENIConfigs' (`subnetIds`), else those tagged
 * for the EKS cluster; then the subnets of the cluster's VPC tagged `kubernetes.io/role/cni`
 * (enhanced subnet discovery: `=1` may hold pod ENIs, `=0` is excluded), with their tags.
 */
export async function readEc2(
  ec2: EC2Client,
  signal: AbortSignal | undefined,
  input: {
    subnetIds: string[];
    eksClusterName?: string;
    /** The cluster's VPC (DescribeCluster); else the VPC of the subnets read. */
    vpcId?: string;
    instanceTypes: string[];
  },
): Promise<Ec2Facts> {
  const subnets = await readSubnets(ec2, signal, subnetRequest(input));
  const vpcId = input.vpcId ?? subnets.find(s => s.VpcId)?.VpcId;
  if (vpcId) {
    const tagged = await readSubnets(ec2, signal, {
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'tag-key', Values: [CNI_ROLE_TAG] },
      ],
    });
    const known = new Set(subnets.map(s => s.SubnetId));
    subnets.push(...tagged.filter(s => !known.has(s.SubnetId)));
  }
  return {
    subnets,
    instanceTypes: await readInstanceTypes(ec2, signal, input.instanceTypes),
    ...(await readSubnetAddresses(
      ec2,
      signal,
      subnets.map(s => s.SubnetId).filter((id): id is string => !!id),
    )),
  };
}

function subnetRequest(input: {
  subnetIds: string[];
  eksClusterName?: string;
}):
  | { SubnetIds?: string[]; Filters?: { Name: string; Values: string[] }[] }
  | undefined {
  if (input.subnetIds.length > 0) return { SubnetIds: input.subnetIds };
  if (!input.eksClusterName) return undefined;
  // Without DescribeCluster, the subnets tagged for the cluster.
  return {
    Filters: [
      {
        Name: 'tag-key',
        Values: [`kubernetes.io/cluster/${input.eksClusterName}`],
      },
    ],
  };
}

async function readSubnets(
  ec2: EC2Client,
  signal: AbortSignal | undefined,
  request: ReturnType<typeof subnetRequest>,
): Promise<Ec2Subnet[]> {
  const subnets: Ec2Subnet[] = [];
  if (!request) return subnets;
  for await (const page of paginateDescribeSubnets({ client: ec2 }, request, {
    abortSignal: signal,
  })) {
    for (const s of page.Subnets ?? []) {
      subnets.push({
        SubnetId: s.SubnetId,
        VpcId: s.VpcId,
        CidrBlock: s.CidrBlock,
        AvailabilityZone: s.AvailabilityZone,
        AvailabilityZoneId: s.AvailabilityZoneId,
        AvailableIpAddressCount: s.AvailableIpAddressCount,
        Tags: s.Tags?.map(t => ({ Key: t.Key, Value: t.Value })),
      });
    }
  }
  return subnets;
}

async function readInstanceTypes(
  ec2: EC2Client,
  signal: AbortSignal | undefined,
  names: string[],
): Promise<Ec2InstanceTypeInfo[]> {
  const infos: Ec2InstanceTypeInfo[] = [];
  for (let i = 0; i < names.length; i += INSTANCE_TYPES_PER_CALL) {
    const { InstanceTypes } = await ec2.send(
      new DescribeInstanceTypesCommand({
        InstanceTypes: names.slice(i, i + INSTANCE_TYPES_PER_CALL) as never,
      }),
      { abortSignal: signal },
    );
    for (const t of InstanceTypes ?? []) {
      const network = t.NetworkInfo;
      infos.push({
        InstanceType: t.InstanceType,
        Hypervisor: t.Hypervisor,
        BareMetal: t.BareMetal,
        VCpuInfo: { DefaultVCpus: t.VCpuInfo?.DefaultVCpus },
        NetworkInfo: {
          MaximumNetworkInterfaces: network?.MaximumNetworkInterfaces,
          Ipv4AddressesPerInterface: network?.Ipv4AddressesPerInterface,
          MaximumNetworkCards: network?.MaximumNetworkCards,
          DefaultNetworkCardIndex: network?.DefaultNetworkCardIndex,
          NetworkCards: network?.NetworkCards?.map(c => ({
            NetworkCardIndex: c.NetworkCardIndex,
            MaximumNetworkInterfaces: c.MaximumNetworkInterfaces,
          })),
        },
      });
    }
  }
  return infos;
}
