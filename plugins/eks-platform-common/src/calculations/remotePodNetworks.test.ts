import { remotePodNetworkHeadroom } from './remotePodNetworks';
import type { KubeNode } from './types';

function hybridNode(name: string, podCIDRs?: string[]): KubeNode {
  return {
    metadata: {
      name,
      labels: {
        'eks.amazonaws.com/compute-type': 'hybrid',
        'kubernetes.io/os': 'linux',
      },
    },
    spec: { ...(podCIDRs && { podCIDRs }) },
    status: { allocatable: { pods: '110', cpu: '16', memory: '64Gi' } },
  };
}

const EC2_NODE: KubeNode = {
  metadata: {
    name: 'ip-10-0-1-10.eu-west-1.compute.internal',
    labels: { 'node.kubernetes.io/instance-type': 'm5.large' },
  },
  status: { allocatable: { pods: '29' } },
};

// The EKS guide's Cilium values: a remote pod network split into /25 blocks per node.
const CONFIG = {
  remoteNodeNetworks: [{ cidrs: ['10.80.0.0/16'] }],
  remotePodNetworks: [{ cidrs: ['10.85.0.0/22'] }],
};

const ips = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}.${i + 10}`);

describe('remotePodNetworkHeadroom', () => {
  it('counts pods, node blocks and the blocks still free in a remote pod network', () => {
    const result = remotePodNetworkHeadroom(
      CONFIG,
      [
        hybridNode('mi-0a1', ['10.85.0.0/25']),
        hybridNode('mi-0a2', ['10.85.0.128/25']),
        EC2_NODE,
      ],
      { 'mi-0a1': ips('10.85.0', 40), 'mi-0a2': ips('10.85.0', 0) },
      // kube-proxy and cilium-agent run on the host network: slots, no address.
      { 'mi-0a1': 42, 'mi-0a2': 2 },
    );
    expect(result.hybridNodes).toBe(2);
    expect(result.nodeNetworks).toEqual([
      { cidr: '10.80.0.0/16', totalAddresses: 65536 },
    ]);
    expect(result.podNetworks).toEqual([
      {
        cidr: '10.85.0.0/22',
        totalAddresses: 1024,
        pods: 40,
        freeAddresses: 984,
        unallocatedAddresses: 768,
        blockPrefixLength: 25,
        // 8 blocks of /25 in a /22, 2 held: 6 more hybrid nodes fit.
        freeBlocks: 6,
        nodeBlocks: [
          {
            nodeName: 'mi-0a1',
            podCidr: '10.85.0.0/25',
            addresses: 128,
            pods: 40,
            freeAddresses: 88,
            maxPods: 110,
            freePodSlots: 68,
          },
          {
            nodeName: 'mi-0a2',
            podCidr: '10.85.0.128/25',
            addresses: 128,
            pods: 0,
            freeAddresses: 128,
            maxPods: 110,
            freePodSlots: 108,
          },
        ],
      },
    ]);
  });

  it('says the per-node block is unknown when nodes report no podCIDRs', () => {
    const result = remotePodNetworkHeadroom(CONFIG, [hybridNode('mi-0b1')], {
      'mi-0b1': ips('10.85.2', 12),
    });
    const [network] = result.podNetworks;
    expect(network).toMatchObject({
      pods: 12,
      freeAddresses: 1012,
      nodeBlocks: [],
      unallocatedAddresses: 1024,
    });
    expect(network.freeBlocks).toBeUndefined();
    expect(result.notes.join('\n')).toMatch(
      /1 hybrid node\(s\) report no spec.podCIDRs.*unknown/,
    );
  });

  it('notes pods outside every remote pod network and CIDRs it cannot read', () => {
    const result = remotePodNetworkHeadroom(
      {
        remotePodNetworks: [{ cidrs: ['10.85.0.0/22', 'fd00:85::/64'] }],
      },
      [hybridNode('mi-0c1', ['10.85.1.0/24'])],
      { 'mi-0c1': ['10.85.1.20', '192.168.7.3'] },
    );
    expect(result.podNetworks[0].pods).toBe(1);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        'not IPv4 CIDRs, left out: fd00:85::/64',
        '1 pod(s) on hybrid nodes have addresses outside every remote pod network (not counted above)',
      ]),
    );
  });

  it('says so when hybrid nodes run without remote pod networks', () => {
    const result = remotePodNetworkHeadroom(
      { remoteNodeNetworks: [{ cidrs: ['10.80.0.0/16'] }] },
      [hybridNode('mi-0d1')],
      {},
    );
    expect(result.podNetworks).toEqual([]);
    expect(result.notes[0]).toMatch(/no remote pod networks/);
  });

  it('keeps a block that straddles another block out of the free count', () => {
    const result = remotePodNetworkHeadroom(
      { remotePodNetworks: [{ cidrs: ['10.85.0.0/24'] }] },
      [
        hybridNode('mi-0e1', ['10.85.0.0/26']),
        hybridNode('mi-0e2', ['10.85.0.64/26']),
        hybridNode('mi-0e3', ['10.85.0.128/25']),
      ],
      {},
    );
    // Most blocks are /26; the /25 covers two /26 slots: 4 - 4 = 0 free.
    expect(result.podNetworks[0]).toMatchObject({
      blockPrefixLength: 26,
      freeBlocks: 0,
      unallocatedAddresses: 0,
    });
  });
});
