import type { Ec2Subnet } from '../types';

/*
 * DescribeSubnets output for the fixture cluster's VPC (vpc-0c1d2e3f4a5b6c7d8):
 * one /19 node-and-pod subnet per zone, eu-west-1b nearly exhausted, and two
 * custom-networking pod subnets from 100.64.0.0/16.
 */
function subnet(
  id: string,
  zone: string,
  zoneId: string,
  cidr: string,
  free: number,
  name: string,
): Ec2Subnet {
  return {
    SubnetId: id,
    VpcId: 'vpc-0c1d2e3f4a5b6c7d8',
    CidrBlock: cidr,
    AvailabilityZone: zone,
    AvailabilityZoneId: zoneId,
    AvailableIpAddressCount: free,
    Tags: [
      { Key: 'Name', Value: name },
      { Key: 'kubernetes.io/role/internal-elb', Value: '1' },
    ],
  };
}

export const SUBNETS: Ec2Subnet[] = [
  subnet(
    'subnet-0a1b2c3d4e5f60718',
    'eu-west-1a',
    'euw1-az1',
    '10.0.32.0/19',
    7900,
    'prod-eu-1-private-a',
  ),
  subnet(
    'subnet-0b2c3d4e5f6071829',
    'eu-west-1b',
    'euw1-az2',
    '10.0.64.0/19',
    12,
    'prod-eu-1-private-b',
  ),
  subnet(
    'subnet-0c3d4e5f607182930',
    'eu-west-1c',
    'euw1-az3',
    '10.0.96.0/19',
    8000,
    'prod-eu-1-private-c',
  ),
];

export const POD_SUBNETS: Ec2Subnet[] = [
  subnet(
    'subnet-0d4e5f60718293a41',
    'eu-west-1a',
    'euw1-az1',
    '100.64.0.0/18',
    16200,
    'prod-eu-1-pods-a',
  ),
  subnet(
    'subnet-0e5f60718293a4b52',
    'eu-west-1b',
    'euw1-az2',
    '100.64.64.0/18',
    16300,
    'prod-eu-1-pods-b',
  ),
];
