import {
  CapacityTypeRule,
  DEFAULT_CAPACITY_TYPE_RULES,
  capacityTypeOf,
  instanceTypeOf,
  nodeGroupOf,
  zoneOf,
} from './capacityType';
import { NODES } from './__fixtures__/cluster';
import type { KubeNode } from './types';

function withLabels(labels: Record<string, string>): KubeNode {
  return { metadata: { name: 'ip-10-0-1-1.ec2.internal', labels } };
}

describe('capacityTypeOf', () => {
  it('reads each provisioner label', () => {
    expect(NODES.map(n => capacityTypeOf(n).capacityType)).toEqual([
      'on-demand',
      'on-demand',
      'spot',
      'spot',
      'spot',
      'fargate',
    ]);
  });

  it('says which label decided', () => {
    expect(capacityTypeOf(NODES[2])).toEqual({
      capacityType: 'spot',
      label: 'karpenter.sh/capacity-type',
      value: 'spot',
      description: 'Karpenter',
    });
  });

  it.each([
    [{ 'eks.amazonaws.com/capacityType': 'CAPACITY_BLOCK' }, 'capacity-block'],
    [{ 'karpenter.sh/capacity-type': 'reserved' }, 'reserved'],
    [{ 'karpenter.sh/capacity-type': 'on-demand' }, 'on-demand'],
    [{ 'spotinst.io/node-lifecycle': 'od' }, 'on-demand'],
    [{ 'spotinst.io/node-lifecycle': 'spot' }, 'spot'],
    [{ 'node.kubernetes.io/lifecycle': 'spot' }, 'spot'],
    [{ 'node.kubernetes.io/lifecycle': 'normal' }, 'on-demand'],
    [{}, 'unknown'],
  ])('maps %o to %s', (labels, expected) => {
    expect(capacityTypeOf(withLabels(labels)).capacityType).toBe(expected);
  });

  it('skips a label with an unknown value and tries the next rule', () => {
    const node = withLabels({
      'karpenter.sh/capacity-type': 'mystery',
      'node.kubernetes.io/lifecycle': 'spot',
    });
    expect(capacityTypeOf(node).label).toBe('node.kubernetes.io/lifecycle');
  });

  it('takes custom rules, e.g. a team label', () => {
    const rules: CapacityTypeRule[] = [
      { label: 'acme.io/purchase', values: { preemptible: 'spot' } },
      ...DEFAULT_CAPACITY_TYPE_RULES,
    ];
    const node = withLabels({ 'acme.io/purchase': 'Preemptible' });
    expect(capacityTypeOf(node, rules).capacityType).toBe('spot');
    expect(capacityTypeOf(node).capacityType).toBe('unknown');
  });
});

describe('node grouping', () => {
  it('finds managed node groups, NodePools and Fargate', () => {
    expect(NODES.map(nodeGroupOf)).toEqual([
      { kind: 'managed-node-group', name: 'system-od' },
      { kind: 'managed-node-group', name: 'system-od' },
      { kind: 'karpenter-nodepool', name: 'spot-general' },
      { kind: 'karpenter-nodepool', name: 'spot-general' },
      { kind: 'managed-node-group', name: 'spot-batch' },
      { kind: 'fargate', name: 'fargate' },
    ]);
    expect(
      nodeGroupOf(withLabels({ 'alpha.eksctl.io/nodegroup-name': 'ng-1' })),
    ).toEqual({
      kind: 'eksctl-nodegroup',
      name: 'ng-1',
    });
    expect(nodeGroupOf(withLabels({})).kind).toBe('ungrouped');
  });

  it('reads zone and instance type, including the deprecated labels', () => {
    expect(zoneOf(NODES[0])).toBe('eu-west-1a');
    expect(instanceTypeOf(NODES[0])).toBe('m5.large');
    const old = withLabels({
      'failure-domain.beta.kubernetes.io/zone': 'us-east-1d',
      'beta.kubernetes.io/instance-type': 't3.medium',
    });
    expect(zoneOf(old)).toBe('us-east-1d');
    expect(instanceTypeOf(old)).toBe('t3.medium');
    expect(zoneOf(withLabels({}))).toBeUndefined();
  });
});
