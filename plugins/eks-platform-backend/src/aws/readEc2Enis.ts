import {
  type EC2Client,
  GetSubnetCidrReservationsCommand,
  paginateDescribeNetworkInterfaces,
} from '@aws-sdk/client-ec2';
import type {
  Ec2NetworkInterface,
  Ec2SubnetCidrReservation,
} from '@eks-platform/plugin-eks-platform-common';

/** EC2 takes at most 200 values per filter. */
const SUBNETS_PER_FILTER = 200;

type SubnetAddresses = {
  networkInterfaces?: Ec2NetworkInterface[];
  cidrReservations?: Ec2SubnetCidrReservation[];
  addressErrors: string[];
};

/**
 * What takes addresses in the given subnets, for their free /28 blocks: every ENI's addresses and
 * prefixes (`DescribeNetworkInterfaces`, filter `subnet-id`, paged) and the subnets' CIDR
 * reservations (`GetSubnetCidrReservations`). Either may be refused (older IAM policies lack the
 * actions); then that part is absent and the error is said, while subnets and types still count.
 */
export async function readSubnetAddresses(
  ec2: EC2Client,
  signal: AbortSignal | undefined,
  subnetIds: string[],
): Promise<SubnetAddresses> {
  if (subnetIds.length === 0) return { addressErrors: [] };
  const addressErrors: string[] = [];
  /** A refused read leaves its part absent and says why, unless the collection was cancelled. */
  const orNoted = <T>(operation: string, read: Promise<T>) =>
    read.catch(error => {
      if (signal?.aborted) throw error;
      addressErrors.push(`${operation} failed: ${messageOf(error)}`);
      return undefined;
    });
  const networkInterfaces = await orNoted(
    'DescribeNetworkInterfaces',
    readNetworkInterfaces(ec2, signal, subnetIds),
  );
  const cidrReservations = await orNoted(
    'GetSubnetCidrReservations',
    readCidrReservations(ec2, signal, subnetIds),
  );
  return {
    ...(networkInterfaces && { networkInterfaces }),
    ...(cidrReservations && { cidrReservations }),
    addressErrors,
  };
}

async function readNetworkInterfaces(
  ec2: EC2Client,
  signal: AbortSignal | undefined,
  subnetIds: string[],
): Promise<Ec2NetworkInterface[]> {
  const interfaces: Ec2NetworkInterface[] = [];
  for (let i = 0; i < subnetIds.length; i += SUBNETS_PER_FILTER) {
    const request = {
      Filters: [
        {
          Name: 'subnet-id',
          Values: subnetIds.slice(i, i + SUBNETS_PER_FILTER),
        },
      ],
      MaxResults: 1000,
    };
    for await (const page of paginateDescribeNetworkInterfaces(
      { client: ec2 },
      request,
      { abortSignal: signal },
    )) {
      for (const eni of page.NetworkInterfaces ?? []) {
        interfaces.push({
          NetworkInterfaceId: eni.NetworkInterfaceId,
          SubnetId: eni.SubnetId,
          InterfaceType: eni.InterfaceType,
          PrivateIpAddress: eni.PrivateIpAddress,
          PrivateIpAddresses: eni.PrivateIpAddresses?.map(a => ({
            PrivateIpAddress: a.PrivateIpAddress,
            Primary: a.Primary,
          })),
          Ipv4Prefixes: eni.Ipv4Prefixes?.map(p => ({
            Ipv4Prefix: p.Ipv4Prefix,
          })),
          ...(eni.Attachment?.InstanceId && {
            Attachment: { InstanceId: eni.Attachment.InstanceId },
          }),
        });
      }
    }
  }
  return interfaces;
}

async function readCidrReservations(
  ec2: EC2Client,
  signal: AbortSignal | undefined,
  subnetIds: string[],
): Promise<Ec2SubnetCidrReservation[]> {
  const reservations: Ec2SubnetCidrReservation[] = [];
  for (const SubnetId of subnetIds) {
    let NextToken: string | undefined;
    do {
      const page = await ec2.send(
        new GetSubnetCidrReservationsCommand({ SubnetId, NextToken }),
        { abortSignal: signal },
      );
      for (const r of page.SubnetIpv4CidrReservations ?? []) {
        reservations.push({
          SubnetId: r.SubnetId ?? SubnetId,
          Cidr: r.Cidr,
          ReservationType: r.ReservationType,
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  return reservations;
}

function messageOf(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return [e.name, e.message].filter(Boolean).join(': ') || String(error);
}
