import { DEFAULT_AWS_NODE_SETTINGS } from './awsNodeSettings';
import { ipHeadroom, nodeIpUsage } from './ipHeadroom';
import { maxPodsFor } from './maxPods';
import {
  POD_ENI_RESOURCE,
  TRUNK_ATTACHED_LABEL,
  enisForPodAddresses,
  nodeBranchEnis,
  podBranchEnis,
} from './securityGroupsForPods';
import {
  PUBLISHED_INSTANCE_TYPES,
  toInstanceTypeInfo,
} from './__fixtures__/publishedInstanceTypes';
import type { KubeNode, KubePod } from './types';

const INSTANCE_TYPES = Object.fromEntries(
  PUBLISHED_INSTANCE_TYPES.filter(r =>
    ['m5.large', 'c5.large', 'c5.xlarge'].includes(r[0]),
  ).map(r => [r[0], toInstanceTypeInfo(r)]),
);
const SETTINGS = { ...DEFAULT_AWS_NODE_SETTINGS, podEni: true };

// Branch ENIs per instance type from aws/amazon-vpc-resource-controller-k8s limits.go
// (BranchInterface): c5.large 9, c5.xlarge 18.
function trunkNode(name: string, type: string, branchEnis: number): KubeNode {
  return {
    metadata: {
      name,
      labels: {
        'node.kubernetes.io/instance-type': type,
        'topology.kubernetes.io/zone': 'eu-west-2a',
        'eks.amazonaws.com/nodegroup': 'payments',
        [TRUNK_ATTACHED_LABEL]: 'true',
      },
    },
    status: {
      allocatable: {
        cpu: '1930m',
        pods: type === 'c5.large' ? '29' : '58',
        [POD_ENI_RESOURCE]: String(branchEnis),
      },
    },
  };
}

function pod(name: string, nodeName: string, podEni?: string): KubePod {
  return {
    metadata: { name, namespace: 'payments' },
    spec: {
      nodeName,
      containers: [
        {
          name: 'app',
          resources: podEni
            ? {
                requests: { cpu: '100m', [POD_ENI_RESOURCE]: podEni },
                limits: { [POD_ENI_RESOURCE]: podEni },
              }
            : { requests: { cpu: '100m' } },
        },
      ],
    },
    status: { phase: 'Running' },
  };
}

describe('podBranchEnis', () => {
  it('reads the pod-eni request, or the limit alone', () => {
    expect(podBranchEnis(pod('a', 'n', '1'))).toBe(1);
    expect(podBranchEnis(pod('b', 'n'))).toBe(0);
    const limitOnly = pod('c', 'n');
    limitOnly.spec!.containers![0].resources = {
      limits: { [POD_ENI_RESOURCE]: '1' },
    };
    expect(podBranchEnis(limitOnly)).toBe(1);
  });
});

describe('nodeBranchEnis', () => {
  it('gives a c5.large trunk node its 9 branch ENIs and counts the pods on them', () => {
    const node = trunkNode('n1', 'c5.large', 9);
    const pods = [pod('a', 'n1', '1'), pod('b', 'n1', '1'), pod('c', 'n1')];
    expect(nodeBranchEnis(node, pods, SETTINGS)).toEqual({
      trunkAttached: true,
      capacity: 9,
      used: 2,
      free: 7,
      // the trunk's primary address and one per branch ENI
      subnetAddresses: 3,
    });
  });

  it('says nothing of a cluster without security groups for pods', () => {
    const node = trunkNode('n1', 'c5.large', 9);
    delete node.metadata.labels![TRUNK_ATTACHED_LABEL];
    delete node.status!.allocatable![POD_ENI_RESOURCE];
    expect(nodeBranchEnis(node, [], DEFAULT_AWS_NODE_SETTINGS)).toBeUndefined();
  });

  it('knows a node without a trunk yet when ENABLE_POD_ENI is on', () => {
    const node = trunkNode('n1', 'c5.large', 9);
    delete node.metadata.labels![TRUNK_ATTACHED_LABEL];
    delete node.status!.allocatable![POD_ENI_RESOURCE];
    expect(nodeBranchEnis(node, [], SETTINGS)).toMatchObject({
      trunkAttached: false,
      capacity: undefined,
      subnetAddresses: 0,
    });
  });
});

describe('the trunk ENI', () => {
  it('takes one ENI from pod addresses: c5.large holds 20 pods, not 29', () => {
    // (ENIs - 1) x (IPv4 per ENI - 1) + 2 = 2 x 9 + 2
    expect(enisForPodAddresses(3, true)).toBe(2);
    expect(enisForPodAddresses(3, false)).toBe(3);
    const result = maxPodsFor(INSTANCE_TYPES['c5.large'], { trunkEni: true });
    expect(result.maxPods).toBe(20);
    expect(result.podIpCapacity).toBe(18);
    expect(result.notes.join(' ')).toMatch(/trunk ENI/);
    expect(
      maxPodsFor(INSTANCE_TYPES['c5.xlarge'], { trunkEni: true }).maxPods,
    ).toBe(44);
  });

  it('leaves branch-ENI pods out of the warm pool and counts the trunk in the node figures', () => {
    const node = trunkNode('n1', 'c5.large', 9);
    const pods = [
      ...Array.from({ length: 4 }, (_, i) => pod(`sg-${i}`, 'n1', '1')),
      ...Array.from({ length: 5 }, (_, i) => pod(`plain-${i}`, 'n1')),
    ];
    const usage = nodeIpUsage(node, pods, {
      settings: SETTINGS,
      instanceTypes: INSTANCE_TYPES,
    });
    expect(usage.podsWithVpcAddress).toBe(9);
    expect(usage.podAddressCapacity).toBe(18);
    expect(usage.branchEnis).toMatchObject({ capacity: 9, used: 4 });
    // 5 pods from the warm pool: ceil(5 / 9) + WARM_ENI_TARGET 1 = 2 ENIs, the trunk's limit
    expect(usage.footprint).toMatchObject({ enis: 2, podAddresses: 18 });
  });

  it('sums branch ENIs per zone and node group, with a note', () => {
    const nodes = [
      trunkNode('n1', 'c5.large', 9),
      trunkNode('n2', 'c5.xlarge', 18),
    ];
    const pods = [pod('a', 'n1', '1'), pod('b', 'n2', '1'), pod('c', 'n2')];
    const result = ipHeadroom(nodes, pods, [], {
      settings: SETTINGS,
      instanceTypes: INSTANCE_TYPES,
    });
    expect(result.zones[0].branchEnis).toEqual({
      nodes: 2,
      capacity: 27,
      used: 2,
      free: 25,
    });
    expect(result.nodeGroups[0].branchEnis).toEqual(result.zones[0].branchEnis);
    expect(result.notes.join(' ')).toMatch(
      /2 node\(s\) have a trunk ENI.*2 pod\(s\) use branch ENIs/,
    );
  });
});
