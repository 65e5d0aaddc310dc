import { TestDatabases } from '@backstage/backend-test-utils';
import type { ClusterDetail } from '@eks-platform/plugin-eks-platform-common';
import { shiftMinor, versionAtPlace } from '@eks-platform/fleet-simulator';
import { demoServices, startDemoFleet } from '../../__testUtils__/demoFleet';
import type { ClusterViewService } from '../../views/ClusterViewService';
import type { CollectionService } from '../../collector/CollectionService';

jest.setTimeout(60_000);

// Today: the scenario's versions are resolved against the EKS calendar on this day too, so the
// phases expected below are worked out from the calendar and the clock.
const NOW = new Date();

describe('collecting the simulated demo fleet with the real clients', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let fleet: Awaited<ReturnType<typeof startDemoFleet>>;
  let collection: CollectionService;
  let views: ClusterViewService;
  const details = new Map<string, ClusterDetail>();

  beforeAll(async () => {
    fleet = await startDemoFleet();
    ({ collection, views } = await demoServices({
      sim: fleet.sim,
      knex: await databases.init('SQLITE_3'),
      now: () => NOW,
    }));
    for (const cluster of fleet.sim.clusters()) {
      const { ok } = await collection.collect(cluster.name);
      if (!ok) throw new Error(`Collecting ${cluster.name} failed`);
      details.set(cluster.name, await views.getDetail(cluster.name));
    }
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it('collects every demo cluster completely, paging pods with limit and continue', async () => {
    const { items } = await views.listOverviews();
    expect(items.map(c => [c.name, c.stale, c.partial, c.collectedAt])).toEqual(
      fleet.sim
        .clusters()
        .map(c => c.name)
        .sort()
        .map(name => [name, false, [], NOW.toISOString()]),
    );
    for (const cluster of fleet.sim.clusters()) {
      const detail = details.get(cluster.name)!;
      expect(detail.spot!.capacity.total.nodes).toBe(cluster.nodeCount);
    }
    expect(
      fleet.sim.requestLog.count({
        cluster: 'prod-eu-west-1',
        api: 'kubernetes',
        path: '/api/v1/pods',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('shows the staging cluster out of pod addresses, with its pods failing IP assignment', () => {
    const detail = details.get('staging-eu-west-1')!;
    expect(detail.overview.ip).toMatchObject({
      leastFreeSubnet: {
        subnetId: 'subnet-0b2c3d4e5f6a7b404',
        availabilityZone: 'eu-west-1b',
        freeAddresses: 3,
        usableAddresses: 251,
      },
      podsFailingIpAssignment: 6,
    });
    expect(
      detail.ip!.headroom.subnets.map(s => s.freeAddresses).sort(),
    ).toEqual([3, 7, 9]);
    expect(detail.ip!.failures).toHaveLength(6);
    expect(
      detail.ip!.failures.every(f => f.kind === 'ip-assignment-failed'),
    ).toBe(true);
    expect(detail.ip!.cni).toMatchObject({
      warmIpTarget: 5,
      minimumIpTarget: 10,
    });
  });

  it('shows the legacy cluster as unsupported since its end of extended support, with kubelets at the skew limit and failing insights', () => {
    const detail = details.get('legacy-eu-west-1')!;
    // The scenario puts it on the newest version past its end of extended support, today.
    const legacy = versionAtPlace(fleet.sim.catalog, 'unsupported', NOW);
    const endOfExtended = fleet.sim.catalog.versions
      .find(v => v.version === legacy)!
      .endOfExtendedSupport.toISOString()
      .slice(0, 10);
    expect(detail.overview.version).toMatchObject({
      kubernetesVersion: legacy,
      phase: 'unsupported',
    });
    // The auto-upgrade has been due since support ended: that date, no days left.
    expect(detail.overview.version?.nextDeadline).toBe(endOfExtended);
    expect(detail.overview.version?.daysLeft).toBeUndefined();
    expect(detail.version!.status).toMatchObject({
      endOfExtendedSupport: endOfExtended,
      summary: expect.stringContaining(`since ${endOfExtended}`),
      nextDeadline: { kind: 'auto-upgrade', daysLeft: 0 },
    });
    expect(detail.version!.status.summary).toContain(
      'nodes and add-ons stay on their versions',
    );
    expect(detail.version!.status.source).toBe('api');
    const al2 = detail.version!.skew.find(s => s.nodeGroup === 'legacy-al2');
    expect(al2?.kubeletVersions).toEqual([shiftMinor(legacy, -3)]);
    // 3 minors behind the control plane is the most the skew policy allows:
    // the calculation warns; the next upgrade would break it, which is what
    // EKS's "Kubelet version skew" insight reports as ERROR.
    expect(al2?.worst).toMatchObject({ status: 'warn', minorsBehind: 3 });
    expect(
      detail.version!.insights.failing.find(
        i => i.name === 'Kubelet version skew',
      )?.status,
    ).toBe('ERROR');
    expect(detail.version!.insights.counts).toMatchObject({
      ERROR: 3,
      WARNING: 1,
      PASSING: 1,
    });
    expect(detail.version!.insights.worst).toBe('ERROR');
  });

  it('tells the demo fleet’s version stories on any day: extended support ending first, STANDARD policy nearing its auto-upgrade, the newest version', () => {
    const calendar = fleet.sim.catalog;
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const row = (place: 'oldest-extended' | 'oldest-standard' | 'newest') =>
      calendar.versions.find(
        v => v.version === versionAtPlace(calendar, place, NOW),
      )!;
    const daysTo = (d: Date) =>
      Math.round((d.getTime() - Date.parse(day(NOW))) / 86_400_000);

    const extended = row('oldest-extended');
    expect(details.get('prod-ap-south-1')!.overview.version).toMatchObject({
      kubernetesVersion: extended.version,
      phase: 'extended',
      nextDeadline: day(extended.endOfExtendedSupport),
      daysLeft: daysTo(extended.endOfExtendedSupport),
    });

    const standard = row('oldest-standard');
    const blue = details.get('checkout-blue')!;
    expect(blue.overview.version).toMatchObject({
      kubernetesVersion: standard.version,
      phase: 'standard',
      nextDeadline: day(standard.endOfStandardSupport),
      daysLeft: daysTo(standard.endOfStandardSupport),
    });
    expect(blue.version!.status.nextDeadline?.kind).toBe('auto-upgrade');

    expect(details.get('checkout-green')!.overview.version).toMatchObject({
      kubernetesVersion: row('newest').version,
      phase: 'standard',
    });
  });

  it('reads the in-place upgrade of checkout-green and keeps its rollback window open, with its rollback-readiness insights', () => {
    const green = details.get('checkout-green')!;
    const DAY = 86_400_000;
    const version = fleet.sim.cluster('checkout-green').kubernetesVersion;
    const rollback = green.version!.rollback!;
    expect(rollback).toMatchObject({
      value: true,
      status: 'open',
      upgradedVersion: version,
      targetVersion: shiftMinor(version, -1),
    });
    // Upgraded 3 days before the simulator started (a moment before NOW).
    const upgradedAt = Date.parse(rollback.upgradedAt!);
    expect(Math.abs(NOW.getTime() - 3 * DAY - upgradedAt)).toBeLessThan(60_000);
    const untilDay = new Date(upgradedAt + 7 * DAY).toISOString().slice(0, 10);
    const daysLeft = Math.round(
      (Date.parse(untilDay) - Date.parse(NOW.toISOString().slice(0, 10))) / DAY,
    );
    expect(rollback).toMatchObject({ untilDay, daysLeft });
    expect(green.overview.version!.rollbackOpen).toEqual({
      targetVersion: shiftMinor(version, -1),
      untilDay,
      daysLeft,
    });
    // The failed attempt the day before does not count; every listed update was described once.
    expect(
      fleet.sim.requestLog.count({
        cluster: 'checkout-green',
        operation: 'DescribeUpdate',
      }),
    ).toBe(3);
    const { insights } = green.version!;
    expect(insights.byCategory.ROLLBACK_READINESS).toMatchObject({
      ERROR: 1,
      WARNING: 1,
    });
    expect(
      insights.failing.filter(i => i.category === 'ROLLBACK_READINESS'),
    ).toHaveLength(2);
    // A cluster EKS never upgraded in place has nothing to roll back.
    const blue = details.get('checkout-blue')!;
    expect(blue.version!.rollback).toMatchObject({
      value: false,
      status: 'no-upgrade',
    });
    expect(blue.overview.version!.rollbackOpen).toBeUndefined();
  });

  it('says the IPv6 cluster cannot run out of pod addresses and counts its node slots only', () => {
    const green = details.get('checkout-green')!;
    expect(green.overview.ip).toMatchObject({ ipFamily: 'ipv6' });
    const headroom = green.ip!.headroom;
    expect(headroom.ipFamily).toBe('ipv6');
    for (const zone of headroom.zones) {
      expect(zone.additionalPods).toBe(zone.freePodSlots);
      expect(zone.limitedBy).toBe('node-slots');
    }
    expect(green.overview.ip!.additionalPods).toBe(
      headroom.zones.reduce((s, z) => s + z.freePodSlots, 0),
    );
    expect(headroom.notes.join('\n')).toContain('IPv6 cluster');
    // Its IPv4 neighbour keeps the subnet-limited figures.
    expect(details.get('checkout-blue')!.overview.ip!.ipFamily).toBeUndefined();
  });

  it('recognises the Auto Mode cluster: computeConfig, Karpenter capacity, no aws-node settings, max pods from the nodes', () => {
    const auto = details.get('auto-eu-central-1')!;
    expect(auto.overview.autoMode).toEqual({
      enabled: true,
      source: 'compute-config',
      nodePools: ['general-purpose', 'system'],
      nodeRoleArn: 'arn:aws:iam::111122223333:role/AmazonEKSAutoNodeRole',
      autoModeNodes: 6,
    });
    expect(auto.ip!.cni).toEqual({});
    expect(auto.ip!.cniManagedBy).toBe('eks-auto-mode');
    const headroom = auto.ip!.headroom;
    expect(headroom.autoMode?.enabled).toBe(true);
    for (const node of headroom.nodes) {
      expect(node.computeType).toBe('auto');
      // What Auto Mode set on the node, never a VPC CNI computation.
      expect(node.maxPods).toBe(110);
      expect(node.footprint).toBeUndefined();
      expect(node.podAddressCapacity).toBeUndefined();
    }
    expect(auto.spot!.capacity.byCapacityType.map(g => g.key).sort()).toEqual([
      'on-demand',
      'spot',
    ]);
    expect(headroom.notes.join('\n')).toContain('Auto Mode manages the CNI');
    // A managed-CNI cluster keeps its aws-node settings.
    expect(details.get('prod-us-east-1')!.ip!.cniManagedBy).toBeUndefined();
  });

  it('counts the free /28 blocks of each subnet from its ENIs, and warns of the fragmented one', () => {
    const auto = details.get('auto-eu-central-1')!;
    const subnets = new Map(
      auto.ip!.headroom.subnets.map(s => [s.subnetId, s]),
    );
    const fragmented = subnets.get('subnet-0a1b2c3d4e5f6a808')!;
    expect(fragmented.freeAddresses).toBeGreaterThan(150);
    expect(fragmented.prefixBlocks).toMatchObject({
      totalBlocks: 16,
      freeBlocks: 0,
      unseenAddresses: 0,
    });
    expect(fragmented.prefixBlocks!.addressesOnEnis).toBe(
      fragmented.usedAddresses,
    );
    // eu-central-1b's prefix reservation was read; its blocks stay free for prefixes.
    const reserved = subnets.get('subnet-0a1b2c3d4e5f6b808')!;
    expect(reserved.prefixBlocks?.reservations).toBe(1);
    expect(reserved.prefixBlocks!.freeBlocks).toBeGreaterThan(40);
    expect(auto.overview.ip!.fewestPrefixBlocks).toEqual({
      subnetId: 'subnet-0a1b2c3d4e5f6a808',
      availabilityZone: 'eu-central-1a',
      freeBlocks: 0,
      freeAddresses: fragmented.freeAddresses,
      upperBound: false,
    });
    const zoneA = auto.ip!.headroom.zones.find(z => z.zone === 'eu-central-1a');
    expect(zoneA?.freePrefixBlocks).toBe(0);
    expect(
      auto
        .ip!.headroom.nodes.filter(n => n.zone === 'eu-central-1a')
        .every(n => n.autoModeAddresses?.mode === 'single-addresses'),
    ).toBe(true);
    expect(auto.ip!.headroom.notes.join('\n')).toContain(
      `subnet-0a1b2c3d4e5f6a808 (eu-central-1a): no free /28 block left although ${fragmented.freeAddresses} addresses are free`,
    );
    // The prefix-delegation cluster gets the /28 figure too; a secondary-IP cluster no overview line.
    expect(
      details.get('prod-us-east-1')!.overview.ip!.fewestPrefixBlocks
        ?.freeBlocks,
    ).toBeGreaterThan(0);
    expect(
      details.get('prod-eu-west-1')!.overview.ip!.fewestPrefixBlocks,
    ).toBeUndefined();
  });

  it('shows most of the EU production cluster on spot', () => {
    const detail = details.get('prod-eu-west-1')!;
    expect(detail.overview.spot).toMatchObject({ spotNodes: 15, nodes: 20 });
    expect(detail.overview.spot!.spotCpuShare).toBeGreaterThan(0.5);
    expect(
      detail.spot!.capacity.interruptedNodes.length,
    ).toBeGreaterThanOrEqual(3);
    const payments = detail.spot!.workloads.find(
      w => w.workload.name === 'payments-api',
    );
    expect(payments).toMatchObject({
      workload: { namespace: 'payments-prod', kind: 'Deployment' },
      replicas: 8,
      pdbNames: expect.arrayContaining([expect.any(String)]),
    });
    expect(payments!.readyOnSpot).toBe(payments!.readyReplicas);
  });

  it('counts 110 pods per m5.large under prefix delegation in us-east-1, 44 per m5.xlarge with custom networking', () => {
    const usEast = details.get('prod-us-east-1')!;
    expect(usEast.ip!.cni.prefixDelegation).toBe(true);
    const m5Large = usEast.ip!.headroom.nodes.filter(
      n => n.instanceType === 'm5.large',
    );
    expect(m5Large.length).toBeGreaterThan(0);
    expect(m5Large.every(n => n.maxPods === 110)).toBe(true);
    expect(m5Large[0].podAddressCapacity).toBe(3 * 9 * 16);

    const apSouth = details.get('prod-ap-south-1')!;
    expect(apSouth.ip!.cni.customNetworking).toBe(true);
    const m5Xlarge = apSouth.ip!.headroom.nodes.filter(
      n => n.instanceType === 'm5.xlarge',
    );
    expect(m5Xlarge.every(n => n.maxPods === 44)).toBe(true);
    expect(m5Xlarge.every(n => n.podSubnetId?.endsWith('313'))).toBe(true);
  });

  it('lists every namespace of a cluster, including ones without workloads, so the scaffolder can refuse a taken name', () => {
    const detail = details.get('prod-eu-west-1')!;
    expect(detail.namespaces).toEqual(
      expect.arrayContaining(['default', 'kube-system', 'payments-prod']),
    );
    expect(detail.namespaces).toEqual([...detail.namespaces!].sort());
    expect(
      fleet.sim.requestLog.count({
        cluster: 'prod-eu-west-1',
        api: 'kubernetes',
        path: '/api/v1/namespaces',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('records history for each collection', async () => {
    const history = await views.getHistory({
      cluster: 'staging-eu-west-1',
      metric: 'free-ips',
      from: new Date(NOW.getTime() - 3_600_000),
      to: NOW,
    });
    expect(
      history.series.map(s => [s.key, s.points.map(p => p.value)]),
    ).toEqual([
      ['subnet-0b2c3d4e5f6a7a404', [7]],
      ['subnet-0b2c3d4e5f6a7b404', [3]],
      ['subnet-0b2c3d4e5f6a7c404', [9]],
    ]);
  });
});
