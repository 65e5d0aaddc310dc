import { TestDatabases } from '@backstage/backend-test-utils';
import type { ClusterDetail } from '@eks-platform/plugin-eks-platform-common';
import { collectedDetail, startDemoFleet } from '../../__testUtils__/demoFleet';

jest.setTimeout(60_000);

// factory-us-west-2 in the demo fleet: 2 EC2 nodes, 3 hybrid nodes with a /25 each of the remote
// pod network 10.201.0.0/22, and 33 pods on them (line-controller x24, vision-inference x9).
describe('collecting a cluster with EKS Hybrid Nodes from the simulator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let fleet: Awaited<ReturnType<typeof startDemoFleet>>;
  let detail: ClusterDetail;

  beforeAll(async () => {
    fleet = await startDemoFleet();
    detail = await collectedDetail(
      fleet.sim,
      await databases.init('SQLITE_3'),
      'factory-us-west-2',
    );
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it("reads the remote networks from DescribeCluster and counts the hybrid nodes' pods and blocks", () => {
    const remote = detail.ip!.headroom.remoteNetworks!;
    expect(remote.hybridNodes).toBe(3);
    expect(remote.nodeNetworks).toEqual([
      { cidr: '10.200.0.0/24', totalAddresses: 256 },
    ]);
    expect(remote.podNetworks).toHaveLength(1);
    const [network] = remote.podNetworks;
    expect(network).toMatchObject({
      cidr: '10.201.0.0/22',
      totalAddresses: 1024,
      pods: 33,
      freeAddresses: 991,
      unallocatedAddresses: 640,
      blockPrefixLength: 25,
      freeBlocks: 5,
    });
    expect(network.nodeBlocks.map(b => b.podCidr).sort()).toEqual([
      '10.201.0.0/25',
      '10.201.0.128/25',
      '10.201.1.0/25',
    ]);
    // 11 pods with an address per node, plus kube-proxy on the host network.
    for (const block of network.nodeBlocks) {
      expect(block).toMatchObject({
        addresses: 128,
        pods: 11,
        freeAddresses: 117,
        maxPods: 110,
        freePodSlots: 98,
      });
    }
  });

  it('keeps hybrid nodes out of the subnet figures and notes them on the fleet row', () => {
    const { headroom } = detail.ip!;
    expect(headroom.notes.join('\n')).toMatch(/3 hybrid node\(s\) left out/);
    expect(headroom.zones.reduce((s, z) => s + z.nodes, 0)).toBe(2);
    expect(detail.overview.ip).toMatchObject({
      hybrid: { nodes: 3, freeRemotePodAddresses: 991 },
    });
  });
});
