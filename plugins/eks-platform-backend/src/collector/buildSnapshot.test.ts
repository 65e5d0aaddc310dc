import {
  PodAccumulator,
  parseAwsNodeSettings,
} from '@eks-platform/plugin-eks-platform-common';
import {
  type CollectedFacts,
  buildSnapshot,
  historyPointsOf,
} from './buildSnapshot';

const node = {
  metadata: {
    name: 'ip-10-0-1-10',
    labels: {
      'eks.amazonaws.com/capacityType': 'SPOT',
      'topology.kubernetes.io/zone': 'eu-west-1a',
      'node.kubernetes.io/instance-type': 'm5.large',
    },
  },
  status: { allocatable: { cpu: '1930m', memory: '7Gi', pods: '29' } },
};

function facts(overrides: Partial<CollectedFacts> = {}): CollectedFacts {
  const pods = new PodAccumulator();
  pods.addPage([
    {
      metadata: { name: 'api-1', namespace: 'payments' },
      spec: {
        nodeName: node.metadata.name,
        containers: [{ name: 'api', resources: { requests: { cpu: '500m' } } }],
      },
      status: { phase: 'Running' },
    },
  ]);
  return {
    cluster: 'dev',
    collectedAt: new Date().toISOString(),
    partial: [],
    sourceErrors: [],
    kubernetes: {
      serverVersion: 'v1.34.1-eks-1',
      namespaces: ['payments'],
      nodes: [node],
      replicaSetOwners: {},
      ipEvents: [],
      pdbs: [],
      awsNode: { settings: parseAwsNodeSettings([]), found: true },
      eniConfigs: [],
      pods: pods.result(),
      podPages: 1,
      podListRestarts: 0,
    },
    ...overrides,
  };
}

describe('buildSnapshot', () => {
  it('computes capacity from what was read, and says when EC2 is missing', () => {
    const snapshot = buildSnapshot(facts({ partial: ['ec2'] }), {});
    expect(snapshot.partial).toEqual(['ec2']);
    expect(snapshot.kubernetes.capacity.total).toMatchObject({
      allocatableCpuMillis: 1930,
      requestedCpuMillis: 500,
    });
    expect(snapshot.kubernetes.capacity.spotCpuShare).toBe(1);
    expect(snapshot.kubernetes.namespaces).toEqual(['payments']);
    expect(snapshot.ip.notes).toContain(
      'EC2 could not be read: subnet addresses are unknown',
    );
    expect(snapshot).not.toHaveProperty('ec2');
    expect(historyPointsOf(snapshot).map(p => p.metric)).toEqual([
      'spot-cpu-share',
      'requested-cpu',
      'allocatable-cpu',
    ]);
  });

  it('adds free addresses per subnet and the pods that fit when EC2 was read', () => {
    const snapshot = buildSnapshot(
      facts({
        ec2: {
          subnets: [
            {
              SubnetId: 'subnet-a',
              CidrBlock: '10.0.1.0/24',
              AvailabilityZone: 'eu-west-1a',
              AvailableIpAddressCount: 200,
            },
          ],
          instanceTypes: [],
        },
      }),
      {},
    );
    const points = historyPointsOf(snapshot);
    expect(points).toContainEqual({
      metric: 'free-ips',
      key: 'subnet-a',
      value: 200,
    });
    const additional = points.find(p => p.metric === 'additional-pods');
    expect(additional?.value).toBe(
      snapshot.ip.zones.reduce((s, z) => s + z.additionalPods, 0),
    );
    expect(snapshot.ec2).toEqual({
      subnets: expect.any(Array),
      instanceTypes: [],
    });
  });
});
