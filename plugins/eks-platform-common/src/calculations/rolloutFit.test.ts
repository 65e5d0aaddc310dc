import { DEFAULT_AWS_NODE_SETTINGS } from './awsNodeSettings';
import { ipHeadroom } from './ipHeadroom';
import {
  onDemandPodFit,
  podFitLimit,
  rolloutPods,
  rolloutSurge,
  unrequestedCpu,
} from './rolloutFit';
import { NODES, PODS } from './__fixtures__/cluster';
import {
  PUBLISHED_INSTANCE_TYPES,
  toInstanceTypeInfo,
} from './__fixtures__/publishedInstanceTypes';
import { SUBNETS } from './__fixtures__/subnets';

const headroom = ipHeadroom(NODES, PODS, SUBNETS, {
  settings: DEFAULT_AWS_NODE_SETTINGS,
  instanceTypes: Object.fromEntries(
    PUBLISHED_INSTANCE_TYPES.map(r => [r[0], toInstanceTypeInfo(r)]),
  ),
});

describe('rolloutSurge', () => {
  it('rounds maxSurge up, as the Deployment controller does', () => {
    // The Kubernetes docs' example: 10 replicas with maxSurge 30% may run 13 pods.
    expect(rolloutSurge(10, 30)).toMatchObject({
      value: 3,
      formula: 'ceil(10 replicas x 30% maxSurge) = 3',
    });
    expect(rolloutSurge(3, 25).value).toBe(1);
    expect(rolloutSurge(1, 0).value).toBe(0);
    expect(rolloutSurge(3, 25).source).toMatch(/rounded up/);
  });
});

describe('rolloutPods', () => {
  it('adds the surge to the replicas: what must fit for a rollout not to stall', () => {
    expect(rolloutPods(10, 30)).toMatchObject({
      value: 13,
      formula: '10 replicas + ceil(10 x 30% maxSurge) = 10 + 3 = 13 pods',
    });
    expect(rolloutPods(1, 0).value).toBe(1);
  });
});

describe('onDemandPodFit', () => {
  it('counts reserved nodes (capacity reservations) as on-demand, never spot', () => {
    const reserved = {
      ...headroom,
      nodes: headroom.nodes.map(n =>
        n.capacityType === 'spot'
          ? { ...n, capacityType: 'reserved' as const }
          : n,
      ),
    };
    const withReserved = onDemandPodFit(reserved)!.value;
    expect(withReserved).toBeGreaterThan(onDemandPodFit(headroom)!.value);
    // With every spot node reserved, only Fargate is left out: the zones' whole EC2 fit.
    const ec2Zones = headroom.zones.reduce((s, z) => s + z.additionalPods, 0);
    expect(withReserved).toBe(ec2Zones);
  });

  it('counts only on-demand EC2 nodes, zone by zone', () => {
    const fit = onDemandPodFit(headroom);
    // system-od is the fixture's one on-demand group: the same nodes, the same zones.
    const group = headroom.nodeGroups.find(g => g.nodeGroup === 'system-od');
    expect(fit?.value).toBe(group?.additionalPods);
    expect(fit?.value).toBe(47);
    expect(fit?.formula).toContain('eu-west-1b: min(');
    expect(fit?.formula.endsWith('= 47')).toBe(true);
  });

  it('is unknown without per-node headroom', () => {
    expect(onDemandPodFit(undefined)).toBeUndefined();
    expect(onDemandPodFit({ ...headroom, nodes: [] })).toBeUndefined();
  });
});

describe('podFitLimit', () => {
  it('names the subnet when its addresses run out before the node slots', () => {
    expect(podFitLimit(headroom.zones)?.value).toBe('free node pod slots');
    const nearlyFull = headroom.zones.filter(z => z.zone === 'eu-west-1b');
    expect(podFitLimit(nearlyFull)).toMatchObject({
      value: 'subnet addresses',
      formula:
        '54 addresses (warm + free in the pod subnets) < 79 free node pod slots',
    });
    expect(podFitLimit([])).toBeUndefined();
  });
});

describe('unrequestedCpu', () => {
  it('is allocatable minus requested', () => {
    expect(
      unrequestedCpu({ allocatableCpuMillis: 7820, requestedCpuMillis: 5150 }),
    ).toMatchObject({
      value: 2670,
      formula: '7820m allocatable - 5150m requested = 2670m',
    });
  });
});
