import { summariseCapacity } from './spotCapacity';
import { NODES, PODS, SPOT_A, FARGATE_C } from './__fixtures__/cluster';

const MI = 1024 * 1024;

describe('summariseCapacity', () => {
  const summary = summariseCapacity(NODES, PODS);

  it('computes requested CPU per node as kubectl describe node does', () => {
    const requested = Object.fromEntries(
      summary.nodes.map(n => [n.nodeName.split('.')[0], n.requestedCpuMillis]),
    );
    expect(requested).toEqual({
      'ip-10-0-33-12': 1150,
      'ip-10-0-65-40': 950,
      'ip-10-0-34-201': 1850,
      'ip-10-0-98-7': 650,
      'ip-10-0-66-150': 650,
      'fargate-ip-10-0-99-3': 1250,
    });
  });

  it('leaves out finished pods and counts the init container and overhead', () => {
    const spotA = summary.nodes.find(n => n.nodeName === SPOT_A)!;
    expect(spotA.pods).toBe(5); // the Succeeded migration Job is not counted
    const fargate = summary.nodes.find(n => n.nodeName === FARGATE_C)!;
    expect(fargate.requestedMemoryBytes).toBe(2048 * MI + 120 * MI);
  });

  it('reads allocatable from the node status', () => {
    expect(summary.total.allocatableCpuMillis).toBe(1930 * 2 + 3920 * 3 + 2000);
    expect(summary.total.allocatablePods).toBe(29 * 2 + 58 * 3 + 1);
    expect(summary.nodes[0].allocatableMemoryBytes).toBe(7220184 * 1024);
  });

  it('groups by capacity type, node group and zone', () => {
    expect(
      summary.byCapacityType.map(g => [g.key, g.nodes, g.requestedCpuMillis]),
    ).toEqual([
      ['fargate', 1, 1250],
      ['on-demand', 2, 2100],
      ['spot', 3, 3150],
    ]);
    expect(summary.byNodeGroup.map(g => [g.key, g.nodes])).toEqual([
      ['fargate', 1],
      ['spot-batch', 1],
      ['spot-general', 2],
      ['system-od', 2],
    ]);
    expect(summary.byZone.map(g => [g.key, g.nodes, g.pods])).toEqual([
      ['eu-west-1a', 2, 11],
      ['eu-west-1b', 2, 8],
      ['eu-west-1c', 2, 4],
    ]);
    expect(
      summary.byCapacityTypeNodeGroupZone.map(
        g => `${g.capacityType}/${g.nodeGroup}/${g.zone}`,
      ),
    ).toEqual([
      'fargate/fargate/eu-west-1c',
      'on-demand/system-od/eu-west-1a',
      'on-demand/system-od/eu-west-1b',
      'spot/spot-batch/eu-west-1b',
      'spot/spot-general/eu-west-1a',
      'spot/spot-general/eu-west-1c',
    ]);
  });

  it('reports the spot share of CPU and the nodes being interrupted', () => {
    expect(summary.spotCpuShare).toBeCloseTo(11760 / 17620, 6);
    expect(
      summary.interruptedNodes.map(n => [n.nodeName, n.interruptions[0].kind]),
    ).toEqual([
      ['ip-10-0-98-7.eu-west-1.compute.internal', 'karpenter-disruption'],
      ['ip-10-0-66-150.eu-west-1.compute.internal', 'rebalance-recommendation'],
    ]);
  });

  it('counts pods not placed on a listed node separately', () => {
    expect(summary.unplacedPods).toBe(1);
  });

  it('handles an empty cluster', () => {
    const empty = summariseCapacity([], []);
    expect(empty.total.nodes).toBe(0);
    expect(empty.spotCpuShare).toBe(0);
  });
});
