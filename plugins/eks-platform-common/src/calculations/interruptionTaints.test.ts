import { interruptionsOf } from './interruptionTaints';
import { NODES } from './__fixtures__/cluster';

describe('interruptionsOf', () => {
  it('finds the Karpenter disruption and the termination handler taints', () => {
    expect(NODES.map(n => interruptionsOf(n).map(i => i.kind))).toEqual([
      [],
      [],
      [],
      ['karpenter-disruption'],
      ['rebalance-recommendation'],
      [],
    ]);
  });

  it('knows every aws-node-termination-handler taint', () => {
    const node = {
      metadata: { name: 'ip-10-0-1-1.ec2.internal' },
      spec: {
        taints: [
          {
            key: 'aws-node-termination-handler/spot-itn',
            value: 'spot-itn-1',
            effect: 'NoSchedule',
          },
          {
            key: 'aws-node-termination-handler/scheduled-maintenance',
            effect: 'NoSchedule',
          },
          {
            key: 'aws-node-termination-handler/asg-lifecycle-termination',
            effect: 'NoSchedule',
          },
          { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
        ],
      },
    };
    const found = interruptionsOf(node);
    expect(found.map(i => i.kind)).toEqual([
      'spot-interruption',
      'scheduled-maintenance',
      'asg-lifecycle-termination',
    ]);
    expect(found[0].description).toMatch(/Spot interruption notice/);
  });
});
