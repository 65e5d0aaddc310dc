import { TestDatabases } from '@backstage/backend-test-utils';
import type { ClusterDetail } from '@eks-platform/plugin-eks-platform-common';
import { collectedDetail, startDemoFleet } from '../../__testUtils__/demoFleet';

jest.setTimeout(60_000);

// pci-eu-west-2 of the demo fleet: security groups for pods (ENABLE_POD_ENI=true, trunk ENIs on
// its c5.large and m5.large nodes, card-vault-api and payments-api on branch ENIs) and enhanced
// subnet discovery (one subnet tagged kubernetes.io/role/cni=1, one =0).
describe('collecting a cluster with security groups for pods and tagged pod subnets', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let fleet: Awaited<ReturnType<typeof startDemoFleet>>;
  let detail: ClusterDetail;

  beforeAll(async () => {
    fleet = await startDemoFleet();
    detail = await collectedDetail(
      fleet.sim,
      await databases.init('SQLITE_3'),
      'pci-eu-west-2',
    );
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it('reads ENABLE_POD_ENI and shows each trunk node’s branch ENIs, one ENI fewer for pod addresses', () => {
    const headroom = detail.ip!.headroom;
    expect(detail.ip!.cni).toMatchObject({ podEni: true });
    const c5 = headroom.nodes.filter(n => n.instanceType === 'c5.large');
    expect(c5).toHaveLength(3);
    for (const node of c5) {
      expect(node.branchEnis).toMatchObject({
        trunkAttached: true,
        capacity: 9,
      });
      // (3 ENIs - 1 trunk) x (10 IPv4 per ENI - 1)
      expect(node.podAddressCapacity).toBe(18);
    }
    const used = c5.reduce((s, n) => s + n.branchEnis!.used, 0);
    expect(used).toBe(9); // card-vault-api x6 + payments-api x3
    const t3 = headroom.nodes.filter(n => n.instanceType === 't3.large');
    expect(t3.every(n => n.branchEnis?.trunkAttached !== true)).toBe(true);
    expect(
      headroom.nodeGroups.find(g => g.nodeGroup === 'pci-od')!.branchEnis,
    ).toEqual({ nodes: 3, capacity: 27, used: 9, free: 18 });
    expect(headroom.notes.join('\n')).toMatch(
      /security groups for pods: 4 node\(s\) have a trunk ENI/,
    );
  });

  it('counts the subnet tagged kubernetes.io/role/cni=1 in its zone and leaves the =0 subnet out', () => {
    const headroom = detail.ip!.headroom;
    const role = (cidr: string) =>
      headroom.subnets.find(s => s.cidrBlock === cidr)?.podSubnetRole;
    expect(role('10.90.0.0/24')).toBe('cluster');
    expect(role('100.64.0.0/20')).toBe('discovered');
    expect(role('100.64.16.0/20')).toBe('excluded');
    const zone = (name: string) => headroom.zones.find(z => z.zone === name)!;
    expect(
      zone('eu-west-2a')
        .subnets.map(s => s.cidrBlock)
        .sort(),
    ).toEqual(['10.90.0.0/24', '100.64.0.0/20']);
    expect(zone('eu-west-2b').subnets.map(s => s.cidrBlock)).toEqual([
      '10.90.1.0/24',
    ]);
    expect(zone('eu-west-2a').freeSubnetAddresses).toBeGreaterThan(4000);
    expect(
      fleet.sim.requestLog.count({
        cluster: 'pci-eu-west-2',
        api: 'ec2',
        operation: 'DescribeSubnets',
      }),
    ).toBe(2);
  });
});
