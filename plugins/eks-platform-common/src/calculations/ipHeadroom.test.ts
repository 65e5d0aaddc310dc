import { DEFAULT_AWS_NODE_SETTINGS } from './awsNodeSettings';
import { ipHeadroom, nodeIpUsage, subnetHeadroom } from './ipHeadroom';
import { NODES, OD_A, PODS } from './__fixtures__/cluster';
import {
  PUBLISHED_INSTANCE_TYPES,
  toInstanceTypeInfo,
} from './__fixtures__/publishedInstanceTypes';
import { POD_SUBNETS, SUBNETS } from './__fixtures__/subnets';
import type { EniConfig } from './types';

const INSTANCE_TYPES = Object.fromEntries(
  PUBLISHED_INSTANCE_TYPES.filter(r =>
    ['m5.large', 'm5.xlarge', 'c6i.xlarge', 'm6i.xlarge'].includes(r[0]),
  ).map(r => [r[0], toInstanceTypeInfo(r)]),
);
const context = {
  settings: DEFAULT_AWS_NODE_SETTINGS,
  instanceTypes: INSTANCE_TYPES,
};

describe('subnetHeadroom', () => {
  it('subtracts the 5 AWS-reserved addresses', () => {
    expect(subnetHeadroom(SUBNETS[1])).toEqual({
      subnetId: 'subnet-0b2c3d4e5f6071829',
      availabilityZone: 'eu-west-1b',
      cidrBlock: '10.0.64.0/19',
      totalAddresses: 8192,
      usableAddresses: 8187,
      freeAddresses: 12,
      usedAddresses: 8175,
      utilisation: 8175 / 8187,
    });
  });

  it('handles a /28, the smallest subnet AWS allows', () => {
    expect(
      subnetHeadroom({ CidrBlock: '10.0.0.0/28', AvailableIpAddressCount: 11 }),
    ).toMatchObject({ usableAddresses: 11, usedAddresses: 0, utilisation: 0 });
  });

  it('gives nothing for an IPv6-only subnet', () => {
    expect(
      subnetHeadroom({ SubnetId: 'subnet-6', AvailableIpAddressCount: 0 }),
    ).toBeUndefined();
  });
});

describe('nodeIpUsage', () => {
  it('counts pods with VPC addresses apart from host-network pods', () => {
    const usage = nodeIpUsage(
      NODES[0],
      PODS.filter(p => p.spec?.nodeName === OD_A),
      context,
    );
    expect(usage).toMatchObject({
      nodeName: OD_A,
      zone: 'eu-west-1a',
      nodeGroup: 'system-od',
      capacityType: 'on-demand',
      instanceType: 'm5.large',
      maxPods: 29,
      pods: 6,
      podsWithVpcAddress: 4,
      hostNetworkPods: 2,
      freePodSlots: 23,
      podAddressCapacity: 27,
      addressesToFill: 10,
    });
    expect(usage.footprint).toMatchObject({
      enis: 2,
      podAddresses: 18,
      warmAddresses: 14,
    });
  });

  it('caps an EKS managed node group at 250 pods above 30 vCPUs when the node reports none, as the calculator EKS uses', () => {
    // m5.24xlarge: 96 vCPUs, 15 ENIs x (50 - 1) + 2 = 737 in eni-max-pods.txt.
    const row = PUBLISHED_INSTANCE_TYPES.find(r => r[0] === 'm5.24xlarge')!;
    const big = {
      settings: DEFAULT_AWS_NODE_SETTINGS,
      instanceTypes: { 'm5.24xlarge': toInstanceTypeInfo(row) },
    };
    const labels = {
      'node.kubernetes.io/instance-type': 'm5.24xlarge',
      'topology.kubernetes.io/zone': 'eu-west-1a',
    };
    const managed = nodeIpUsage(
      {
        metadata: {
          name: 'mng',
          labels: { ...labels, 'eks.amazonaws.com/nodegroup': 'big' },
        },
      },
      [],
      big,
    );
    expect(managed.maxPods).toBe(250);
    const selfManaged = nodeIpUsage(
      { metadata: { name: 'self', labels } },
      [],
      big,
    );
    expect(selfManaged.maxPods).toBe(737);
  });

  it('computes max pods from the instance type when the node does not report it', () => {
    const node = { ...NODES[0], status: {} };
    const usage = nodeIpUsage(node, [], context);
    expect(usage.maxPods).toBe(29);
    const pd = nodeIpUsage(node, [], {
      ...context,
      settings: { ...DEFAULT_AWS_NODE_SETTINGS, prefixDelegation: true },
    });
    expect(pd.maxPods).toBe(110);
  });

  it('models the warm pool as ipamd runs it on the node: secondary IPs on Xen, growth stopped at max pods', () => {
    const pdSettings = {
      ...DEFAULT_AWS_NODE_SETTINGS,
      prefixDelegation: true,
      warmPrefixTarget: 1,
    };
    const labels = (type: string) => ({
      'node.kubernetes.io/instance-type': type,
      'topology.kubernetes.io/zone': 'eu-west-1a',
    });
    const typeInfo = (type: string) =>
      toInstanceTypeInfo(PUBLISHED_INSTANCE_TYPES.find(r => r[0] === type)!);
    // ipamd falls back to secondary IPs on a non-Nitro c4.large (isConfigValid):
    // 4 pods, WARM_ENI_TARGET 1 -> 2 ENIs x 9 IPs.
    const xen = nodeIpUsage(
      { metadata: { name: 'xen', labels: labels('c4.large') } },
      PODS.filter(p => p.spec?.nodeName === OD_A),
      {
        settings: pdSettings,
        instanceTypes: { 'c4.large': typeInfo('c4.large') },
      },
    );
    expect(xen.footprint).toMatchObject({
      mode: 'secondary-ip',
      enis: 2,
      podAddresses: 18,
    });
    // An m5.large with prefixes and max pods 110 stops at 7 prefixes (112 >= 110), so
    // filling its free slots takes 7 x 16 + 1 - (2 x 16 + 1) = 80 more addresses, not 96.
    const nitro = nodeIpUsage(
      {
        metadata: { name: 'nitro', labels: labels('m5.large') },
        status: { allocatable: { pods: '110' } },
      },
      PODS.filter(p => p.spec?.nodeName === OD_A),
      { settings: pdSettings, instanceTypes: INSTANCE_TYPES },
    );
    expect(nitro.footprint).toMatchObject({ prefixes: 2, podAddresses: 32 });
    expect(nitro.addressesToFill).toBe(80);
  });

  it('finds the ENIConfig subnet under custom networking', () => {
    const eniConfigs: EniConfig[] = [
      {
        metadata: { name: 'eu-west-1a' },
        spec: {
          subnet: 'subnet-0d4e5f60718293a41',
          securityGroups: ['sg-0123456789abcdef0'],
        },
      },
    ];
    const usage = nodeIpUsage(NODES[0], [], {
      ...context,
      eniConfigs,
      settings: {
        ...DEFAULT_AWS_NODE_SETTINGS,
        customNetworking: true,
        eniConfigLabelDef: 'topology.kubernetes.io/zone',
      },
    });
    expect(usage.eniConfigName).toBe('eu-west-1a');
    expect(usage.podSubnetId).toBe('subnet-0d4e5f60718293a41');
  });
});

describe('ipHeadroom', () => {
  const headroom = ipHeadroom(NODES, PODS, SUBNETS, context);

  it('limits a nearly full zone by its subnet and the others by node slots', () => {
    expect(
      headroom.zones.map(z => [
        z.zone,
        z.freePodSlots,
        z.warmAddresses,
        z.freeSubnetAddresses,
        z.additionalPods,
        z.limitedBy,
      ]),
    ).toEqual([
      ['eu-west-1a', 76, 39, 7900, 76, 'node-slots'],
      ['eu-west-1b', 79, 42, 12, 54, 'subnet-addresses'],
      ['eu-west-1c', 55, 27, 8000, 55, 'node-slots'],
    ]);
    expect(headroom.zones[1].addressesToFillAllSlots).toBe(40);
  });

  it('sums node groups over their zones', () => {
    expect(
      headroom.nodeGroups.map(g => [
        g.nodeGroup,
        g.zones.join(','),
        g.additionalPods,
        g.limitedBy,
      ]),
    ).toEqual([
      ['spot-batch', 'eu-west-1b', 39, 'subnet-addresses'],
      ['spot-general', 'eu-west-1a,eu-west-1c', 108, 'node-slots'],
      ['system-od', 'eu-west-1a,eu-west-1b', 47, 'node-slots'],
    ]);
  });

  it('leaves Fargate out and says so', () => {
    expect(headroom.nodes).toHaveLength(6);
    expect(headroom.notes).toEqual([
      '1 Fargate node(s) left out: each Fargate pod has its own ENI',
    ]);
  });

  it('uses the ENIConfig subnets for zones under custom networking', () => {
    const nodes = NODES.map(n => ({
      ...n,
      metadata: {
        ...n.metadata,
        annotations: {
          'k8s.amazonaws.com/eniConfig': `pods-${n.metadata.labels?.['topology.kubernetes.io/zone']}`,
        },
      },
    }));
    const eniConfigs: EniConfig[] = [
      {
        metadata: { name: 'pods-eu-west-1a' },
        spec: { subnet: 'subnet-0d4e5f60718293a41' },
      },
      {
        metadata: { name: 'pods-eu-west-1b' },
        spec: { subnet: 'subnet-0e5f60718293a4b52' },
      },
    ];
    const custom = ipHeadroom(nodes, PODS, [...SUBNETS, ...POD_SUBNETS], {
      ...context,
      eniConfigs,
      settings: { ...DEFAULT_AWS_NODE_SETTINGS, customNetworking: true },
    });
    const b = custom.zones.find(z => z.zone === 'eu-west-1b');
    expect(b?.subnets.map(s => s.subnetId)).toEqual([
      'subnet-0e5f60718293a4b52',
    ]);
    expect(b?.limitedBy).toBe('node-slots');
  });

  it('notes nodes whose instance type it has no facts for', () => {
    const bare = ipHeadroom(NODES, PODS, SUBNETS, {
      settings: DEFAULT_AWS_NODE_SETTINGS,
    });
    expect(bare.notes[1]).toBe(
      'no instance-type facts for 5 node(s): warm pools not counted for them',
    );
    expect(bare.zones[1].additionalPods).toBe(12);
  });
});

describe('ipHeadroom and compute types', () => {
  const extra = (name: string, computeType: string) => ({
    metadata: {
      name,
      labels: {
        'eks.amazonaws.com/compute-type': computeType,
        'topology.kubernetes.io/zone': 'eu-west-1a',
        'node.kubernetes.io/instance-type': 'm5.large',
      },
    },
    status: { allocatable: { pods: '29' } },
  });
  const base = ipHeadroom(NODES, PODS, SUBNETS, context);

  it('leaves hybrid nodes out of the subnet figures, saying why', () => {
    const withHybrid = ipHeadroom(
      [...NODES, extra('mi-0123', 'hybrid')],
      PODS,
      SUBNETS,
      context,
    );
    expect(withHybrid.zones).toEqual(base.zones);
    expect(
      withHybrid.nodes.find(n => n.nodeName === 'mi-0123')?.computeType,
    ).toBe('hybrid');
    expect(withHybrid.notes.join('\n')).toContain(
      '1 hybrid node(s) left out: their pods take addresses from the remote pod networks',
    );
  });

  it('does not apply the VPC CNI warm-pool model to EKS Auto Mode nodes, and says so', () => {
    const withAuto = ipHeadroom(
      [...NODES, extra('i-auto', 'auto')],
      PODS,
      SUBNETS,
      context,
    );
    const auto = withAuto.nodes.find(n => n.nodeName === 'i-auto')!;
    expect(auto).toMatchObject({ computeType: 'auto', maxPods: 29 });
    expect(auto.footprint).toBeUndefined();
    expect(withAuto.notes.join('\n')).toContain(
      '1 EKS Auto Mode node(s): Auto Mode manages the CNI (no aws-node)',
    );
    expect(withAuto.notes.join('\n')).not.toContain('no instance-type facts');
  });
});

describe('ipHeadroom in an IPv6 cluster', () => {
  const ipv4 = ipHeadroom(NODES, PODS, SUBNETS, context);
  const ipv6 = ipHeadroom(NODES, PODS, SUBNETS, {
    ...context,
    ipFamily: 'ipv6',
  });

  it('limits the pods that fit by node slots only: pod addresses cannot run out', () => {
    for (const zone of ipv6.zones) {
      expect(zone.additionalPods).toBe(zone.freePodSlots);
      expect(zone.limitedBy).toBe('node-slots');
      expect(zone.warmAddresses).toBe(0);
    }
    // The IPv4 figures of the same cluster are limited by its nearly full subnet.
    const total = (h: typeof ipv4) =>
      h.zones.reduce((s, z) => s + z.additionalPods, 0);
    expect(total(ipv6)).toBeGreaterThan(total(ipv4));
    expect(ipv6.ipFamily).toBe('ipv6');
    expect(ipv6.notes.join('\n')).toContain(
      'IPv6 cluster: pods get IPv6 addresses',
    );
    expect(ipv6.notes.join('\n')).not.toContain('no instance-type facts');
  });

  it('keeps counting the subnets, whose IPv4 addresses the nodes still take', () => {
    expect(ipv6.subnets).toEqual(ipv4.subnets);
    expect(ipv6.nodes.every(n => n.ipv6Pods && !n.footprint)).toBe(true);
  });
});

describe('ipHeadroom of an EKS Auto Mode cluster', () => {
  // A /24 whose 16 blocks each hold one address of another ENI: 240 - 16 addresses are free,
  // but no /28 block is.
  const subnet = {
    SubnetId: 'subnet-0f1e2d3c4b5a69788',
    CidrBlock: '10.80.7.0/24',
    AvailabilityZone: 'eu-central-1a',
    AvailableIpAddressCount: 251 - 16,
  };
  const scattered = Array.from({ length: 16 }, (_, i) => ({
    SubnetId: subnet.SubnetId,
    PrivateIpAddress: `10.80.7.${i * 16 + 8}`,
  }));
  const autoNode = {
    metadata: {
      name: 'i-0a1b2c3d4e5f60001',
      labels: {
        'eks.amazonaws.com/compute-type': 'auto',
        'karpenter.sh/capacity-type': 'spot',
        'karpenter.sh/nodepool': 'general-purpose',
        'topology.kubernetes.io/zone': 'eu-central-1a',
        'node.kubernetes.io/instance-type': 'm5.large',
      },
    },
    status: { allocatable: { pods: '110' } },
  };
  const pods = Array.from({ length: 20 }, (_, i) => ({
    metadata: { name: `api-${i}`, namespace: 'shop' },
    spec: { nodeName: autoNode.metadata.name },
    status: { phase: 'Running' },
  }));
  const autoMode = {
    enabled: true,
    source: 'compute-config' as const,
    nodePools: ['general-purpose', 'system'],
    autoModeNodes: 1,
  };
  const headroom = ipHeadroom([autoNode], pods, [subnet], {
    settings: DEFAULT_AWS_NODE_SETTINGS,
    instanceTypes: INSTANCE_TYPES,
    networkInterfaces: scattered,
    autoMode,
  });

  it('takes max pods from Auto Mode and holds the pods in /28 prefixes', () => {
    const node = headroom.nodes[0];
    expect(node).toMatchObject({
      computeType: 'auto',
      capacityType: 'spot',
      nodeGroup: 'general-purpose',
      maxPods: 110,
      freePodSlots: 90,
    });
    expect(node.podAddressCapacity).toBeUndefined();
    expect(node.autoModeAddresses).toEqual({
      mode: 'single-addresses',
      prefixes: 2,
      podAddresses: 32,
      spareAddresses: 12,
    });
  });

  it('counts no free /28 block in the fragmented subnet and warns of the fallback', () => {
    expect(headroom.subnets[0].prefixBlocks).toMatchObject({
      totalBlocks: 16,
      freeBlocks: 0,
    });
    expect(headroom.zones[0].freePrefixBlocks).toBe(0);
    expect(headroom.autoMode).toEqual(autoMode);
    expect(headroom.notes.join('\n')).toContain(
      'subnet-0f1e2d3c4b5a69788 (eu-central-1a): no free /28 block left although 235 addresses are free: new prefixes cannot be had, so Auto Mode falls back to single addresses',
    );
  });

  it('lets the spare prefix addresses and the free single addresses fill the free slots', () => {
    expect(headroom.zones[0]).toMatchObject({
      freePodSlots: 90,
      warmAddresses: 12,
      additionalPods: 90,
    });
  });

  it('says the /28 figure is unknown when the ENIs were not read', () => {
    const unread = ipHeadroom([autoNode], pods, [subnet], {
      settings: DEFAULT_AWS_NODE_SETTINGS,
      autoMode,
    });
    expect(unread.subnets[0].prefixBlocks).toBeUndefined();
    expect(unread.nodes[0].autoModeAddresses?.mode).toBe('prefixes');
    expect(unread.notes.join('\n')).toContain('free /28 blocks unknown');
  });

  it('warns a prefix-delegation cluster that few /28 blocks are left', () => {
    const pd = ipHeadroom([], [], [subnet], {
      settings: { ...DEFAULT_AWS_NODE_SETTINGS, prefixDelegation: true },
      networkInterfaces: scattered.slice(2),
    });
    expect(pd.subnets[0].prefixBlocks?.freeBlocks).toBe(1);
    expect(pd.notes.join('\n')).toContain(
      'only 1 free /28 block(s) left (16 addresses as prefixes); after them prefix delegation fails with InsufficientCidrBlocks',
    );
  });
});
