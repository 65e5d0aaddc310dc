import { DEFAULT_AWS_NODE_SETTINGS } from './awsNodeSettings';
import { ipHeadroom } from './ipHeadroom';
import {
  PodSubnetSelection,
  holdsPodAddresses,
  podSubnetRole,
  subnetDiscoveryEnabled,
} from './subnetDiscovery';
import type { Ec2Subnet, KubeNode } from './types';

const VPC = 'vpc-0c1d2e3f4a5b6c7d8';
function subnet(
  id: string,
  tags: Record<string, string>,
  free = 1000,
  zone = 'eu-west-2a',
): Ec2Subnet {
  return {
    SubnetId: id,
    VpcId: VPC,
    CidrBlock: '10.1.0.0/20',
    AvailabilityZone: zone,
    AvailableIpAddressCount: free,
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  };
}
const selection: PodSubnetSelection = {
  clusterName: 'pci-eu-west-2',
  vpcId: VPC,
  clusterSubnetIds: ['subnet-node'],
  discovery: true,
};

describe('podSubnetRole', () => {
  it('follows the EKS user guide’s tag table', () => {
    expect(podSubnetRole(subnet('subnet-node', {}), selection)).toBe('cluster');
    expect(
      podSubnetRole(
        subnet('subnet-extra', { 'kubernetes.io/role/cni': '1' }),
        selection,
      ),
    ).toBe('discovered');
    // =0 excludes any subnet, the cluster's own primary subnet too
    expect(
      podSubnetRole(
        subnet('subnet-node', { 'kubernetes.io/role/cni': '0' }),
        selection,
      ),
    ).toBe('excluded');
    // absent: never chosen for new ENIs unless it is the node's own subnet
    expect(podSubnetRole(subnet('subnet-other', {}), selection)).toBe(
      'untagged',
    );
  });

  it('limits a subnet to the clusters its cni.networking.k8s.aws/cluster/ tags name', () => {
    const mine = subnet('subnet-x', {
      'kubernetes.io/role/cni': '1',
      'cni.networking.k8s.aws/cluster/pci-eu-west-2': 'shared',
    });
    const theirs = subnet('subnet-y', {
      'kubernetes.io/role/cni': '1',
      'cni.networking.k8s.aws/cluster/other-cluster': 'shared',
    });
    // the older kubernetes.io/cluster/<name> tag does not limit it
    const oldTag = subnet('subnet-z', {
      'kubernetes.io/role/cni': '1',
      'kubernetes.io/cluster/other-cluster': 'shared',
    });
    expect(podSubnetRole(mine, selection)).toBe('discovered');
    expect(podSubnetRole(theirs, selection)).toBe('other-cluster');
    expect(podSubnetRole(oldTag, selection)).toBe('discovered');
    expect(podSubnetRole(mine, { ...selection, clusterName: undefined })).toBe(
      'other-cluster',
    );
  });

  it('uses only the cluster’s subnets with discovery off, and ENIConfig subnets first', () => {
    const tagged = subnet('subnet-extra', { 'kubernetes.io/role/cni': '1' });
    const off = { ...selection, discovery: false };
    expect(podSubnetRole(tagged, off)).toBe('discovery-off');
    expect(
      podSubnetRole(
        subnet('subnet-node', { 'kubernetes.io/role/cni': '0' }),
        off,
      ),
    ).toBe('cluster');
    expect(
      podSubnetRole(tagged, {
        ...selection,
        eniConfigSubnetIds: ['subnet-extra'],
      }),
    ).toBe('eni-config');
    expect(podSubnetRole({ ...tagged, VpcId: 'vpc-other' }, selection)).toBe(
      'other-vpc',
    );
    expect(
      ['cluster', 'discovered', 'eni-config'].every(r =>
        holdsPodAddresses(r as never),
      ),
    ).toBe(true);
    expect(holdsPodAddresses('excluded')).toBe(false);
  });
});

describe('subnetDiscoveryEnabled', () => {
  it('is on from VPC CNI 1.18.0 unless ENABLE_SUBNET_DISCOVERY says otherwise', () => {
    const image = (v: string) =>
      `602401143452.dkr.ecr.eu-west-2.amazonaws.com/amazon-k8s-cni:${v}`;
    expect(subnetDiscoveryEnabled({}, image('v1.18.0-eksbuild.1'))).toEqual({
      enabled: true,
      known: true,
    });
    expect(
      subnetDiscoveryEnabled({}, image('v1.17.1-eksbuild.1')).enabled,
    ).toBe(false);
    expect(
      subnetDiscoveryEnabled({ subnetDiscovery: false }, image('v1.19.2')),
    ).toEqual({ enabled: false, known: true });
    expect(subnetDiscoveryEnabled({}, undefined)).toEqual({
      enabled: true,
      known: false,
    });
  });
});

describe('ipHeadroom with subnet discovery', () => {
  const node: KubeNode = {
    metadata: {
      name: 'n1',
      labels: { 'topology.kubernetes.io/zone': 'eu-west-2a' },
    },
    status: { allocatable: { pods: '29' } },
  };
  const subnets = [
    subnet('subnet-node', {}, 100),
    subnet('subnet-extra', { 'kubernetes.io/role/cni': '1' }, 4000),
    subnet('subnet-drained', { 'kubernetes.io/role/cni': '0' }, 3000),
  ];

  it('counts the tagged subnet of the zone and lists the excluded one apart', () => {
    const result = ipHeadroom([node], [], subnets, {
      settings: DEFAULT_AWS_NODE_SETTINGS,
      subnetSelection: selection,
    });
    expect(result.zones[0].freeSubnetAddresses).toBe(4100);
    expect(result.zones[0].subnets.map(s => s.subnetId)).toEqual([
      'subnet-node',
      'subnet-extra',
    ]);
    expect(result.notes.join(' ')).toMatch(
      /1 subnet\(s\) tagged kubernetes.io\/role\/cni=1.*subnet-extra.*1 subnet\(s\) tagged kubernetes.io\/role\/cni=0.*subnet-drained/,
    );
    expect(result.subnets.map(s => s.podSubnetRole)).toEqual([
      'cluster',
      'discovered',
      'excluded',
    ]);
  });

  it('counts every given subnet without a selection, as before', () => {
    const result = ipHeadroom([node], [], subnets, {
      settings: DEFAULT_AWS_NODE_SETTINGS,
    });
    expect(result.zones[0].freeSubnetAddresses).toBe(7100);
  });
});
