import { DEFAULT_AWS_NODE_SETTINGS } from './awsNodeSettings';
import { ipAssignmentFailures } from './ipAssignmentFailures';
import { ipHeadroom } from './ipHeadroom';
import { PodAccumulator, expandPodAggregates } from './podAggregation';
import { assessSpotRisk } from './spotRisk';
import { summariseCapacity } from './spotCapacity';
import {
  NODES,
  PDBS,
  PODS,
  REPLICA_SET_OWNERS,
  SPOT_B,
  pod,
} from './__fixtures__/cluster';
import {
  PUBLISHED_INSTANCE_TYPES,
  toInstanceTypeInfo,
} from './__fixtures__/publishedInstanceTypes';
import { SUBNETS } from './__fixtures__/subnets';
import type { KubeEvent, KubePod } from './types';
import { END_OF_EXTENDED_1_31, isoFrom } from './__fixtures__/clock';

const INSTANCE_TYPES = Object.fromEntries(
  PUBLISHED_INSTANCE_TYPES.filter(r =>
    ['m5.large', 'm5.xlarge', 'c6i.xlarge', 'm6i.xlarge'].includes(r[0]),
  ).map(r => [r[0], toInstanceTypeInfo(r)]),
);

function accumulateInPages(pods: KubePod[], pageSize: number) {
  const accumulator = new PodAccumulator({
    replicaSetOwners: REPLICA_SET_OWNERS,
  });
  for (let i = 0; i < pods.length; i += pageSize) {
    accumulator.addPage(pods.slice(i, i + pageSize));
  }
  return accumulator.result();
}

describe('PodAccumulator and expandPodAggregates', () => {
  const aggregates = accumulateInPages(PODS, 4);
  const standIns = expandPodAggregates(aggregates);

  it('keeps one class per workload, node, readiness and host networking, not one entry per pod', () => {
    expect(aggregates.podsListed).toBe(PODS.length);
    expect(aggregates.finishedPods).toBe(1);
    // payments' two replicas share one spot node: one class of 2 pods
    const payments = aggregates.classes.filter(
      c => c.workload.name === 'payments',
    );
    expect(payments).toEqual([
      expect.objectContaining({
        workload: {
          namespace: 'shop-prod',
          kind: 'Deployment',
          name: 'payments',
        },
        pods: 2,
        ready: true,
        cpuMillis: 2 * 600,
        memoryBytes: 2 * 640 * 1024 * 1024,
      }),
    ]);
    expect(aggregates.classes.length).toBeLessThan(PODS.length);
    expect(aggregates.workloadLabels['shop-prod/Deployment/checkout']).toEqual({
      'app.kubernetes.io/name': 'checkout',
      'app.kubernetes.io/part-of': 'shop',
      'pod-template-hash': '7d9f8b6c5d',
    });
  });

  it('gives the capacity summary of the full pod list', () => {
    expect(summariseCapacity(NODES, standIns)).toEqual(
      summariseCapacity(NODES, PODS),
    );
  });

  it('gives the IP headroom of the full pod list', () => {
    const context = {
      settings: DEFAULT_AWS_NODE_SETTINGS,
      instanceTypes: INSTANCE_TYPES,
    };
    expect(ipHeadroom(NODES, standIns, SUBNETS, context)).toEqual(
      ipHeadroom(NODES, PODS, SUBNETS, context),
    );
  });

  it('gives the branch ENIs of the full pod list (security groups for pods)', () => {
    const withEni = PODS.map((p, i) =>
      i % 2 === 0 && !p.spec?.hostNetwork
        ? {
            ...p,
            spec: {
              ...p.spec,
              containers: (p.spec?.containers ?? []).map((c, j) =>
                j === 0
                  ? {
                      ...c,
                      resources: {
                        ...c.resources,
                        requests: {
                          ...c.resources?.requests,
                          'vpc.amazonaws.com/pod-eni': '1',
                        },
                      },
                    }
                  : c,
              ),
            },
          }
        : p,
    );
    const context = {
      settings: { ...DEFAULT_AWS_NODE_SETTINGS, podEni: true },
      instanceTypes: INSTANCE_TYPES,
    };
    const full = ipHeadroom(NODES, withEni, SUBNETS, context);
    const aggregated = ipHeadroom(
      NODES,
      expandPodAggregates(accumulateInPages(withEni, 4)),
      SUBNETS,
      context,
    );
    expect(aggregated).toEqual(full);
    expect(
      full.nodes.reduce((s, n) => s + (n.branchEnis?.used ?? 0), 0),
    ).toBeGreaterThan(0);
  });

  it('gives the spot risk of the full pod list', () => {
    const input = {
      nodes: NODES,
      pdbs: PDBS,
      replicaSetOwners: REPLICA_SET_OWNERS,
    };
    expect(assessSpotRisk({ ...input, pods: standIns })).toEqual(
      assessSpotRisk({ ...input, pods: PODS }),
    );
  });

  it('keeps the pods failing IP assignment and those named by events, so failures come out the same', () => {
    const stuck = pod({
      name: 'search-6f7a8b9c0d-q1w2e',
      namespace: 'shop-prod',
      node: SPOT_B,
      labels: { 'app.kubernetes.io/name': 'search' },
      owner: { kind: 'ReplicaSet', name: 'search-6f7a8b9c0d' },
      phase: 'Pending',
    });
    stuck.status!.containerStatuses = [
      {
        name: 'search',
        ready: false,
        state: {
          waiting: {
            reason: 'ContainerCreating',
            message:
              'failed to setup network for sandbox: add cmd: failed to assign an IP address to container',
          },
        },
      },
    ];
    const events: KubeEvent[] = [
      {
        involvedObject: {
          kind: 'Pod',
          name: 'db-migrate-28867201-x2v9q',
          namespace: 'shop-prod',
        },
        type: 'Warning',
        reason: 'FailedCreatePodSandBox',
        message: 'failed to assign an IP address to container',
        count: 3,
        lastTimestamp: isoFrom(END_OF_EXTENDED_1_31, -6, '08:00:00'),
      },
    ];
    const pods = [...PODS, stuck];
    const accumulator = new PodAccumulator({
      replicaSetOwners: REPLICA_SET_OWNERS,
      podsOfInterest: ['shop-prod/db-migrate-28867201-x2v9q'],
    });
    accumulator.addPage(pods);
    const kept = accumulator.result().podsOfInterest;
    expect(kept.map(p => p.metadata.name).sort()).toEqual([
      'db-migrate-28867201-x2v9q',
      'search-6f7a8b9c0d-q1w2e',
    ]);
    expect(ipAssignmentFailures(events, kept)).toEqual(
      ipAssignmentFailures(events, pods),
    );
  });

  it('starts over after reset, as a relist after 410 Gone needs', () => {
    const accumulator = new PodAccumulator({
      replicaSetOwners: REPLICA_SET_OWNERS,
    });
    accumulator.addPage(PODS.slice(0, 5));
    accumulator.reset();
    accumulator.addPage(PODS);
    expect(accumulator.result()).toEqual(accumulateInPages(PODS, 7));
  });
});

describe('PodAccumulator and the cluster version', () => {
  it('counts requests as the cluster version does (pod-level resources from 1.34)', () => {
    const podLevel: KubePod = {
      metadata: { name: 'api-0', namespace: 'shop' },
      spec: {
        nodeName: 'n1',
        containers: [{ name: 'app', resources: { requests: { cpu: '200m' } } }],
        resources: { requests: { cpu: '1' } },
      },
      status: { phase: 'Running' },
    };
    const cpuOn = (kubernetesVersion: string) => {
      const acc = new PodAccumulator({ kubernetesVersion });
      acc.addPage([podLevel]);
      return acc.result().classes[0].cpuMillis;
    };
    expect(cpuOn('v1.34.2-eks-1')).toBe(1000);
    expect(cpuOn('v1.33.5-eks-1')).toBe(200);
  });
});

describe('PodAccumulator pod addresses', () => {
  const hybridPod = (
    name: string,
    node: string,
    extra: Partial<KubePod['status']>,
    hostNetwork = false,
  ): KubePod => ({
    metadata: { name, namespace: 'plant', labels: { app: 'line-controller' } },
    spec: { nodeName: node, hostNetwork, containers: [{ name: 'app' }] },
    status: { phase: 'Running', ...extra },
  });

  it("keeps the IPv4 addresses of the named nodes' pods only, hostNetwork pods left out", () => {
    const acc = new PodAccumulator({ podIpNodes: ['mi-0a1'] });
    acc.addPage([
      hybridPod('a', 'mi-0a1', { podIP: '10.85.0.12' }),
      hybridPod('b', 'mi-0a1', {
        podIP: 'fd00::5',
        podIPs: [{ ip: 'fd00::5' }, { ip: '10.85.0.13' }],
      }),
      hybridPod('cilium', 'mi-0a1', { podIP: '10.80.1.4' }, true),
      hybridPod('c', 'ip-10-0-1-10', { podIP: '10.0.1.77' }),
      hybridPod('d', 'mi-0a1', { phase: 'Succeeded', podIP: '10.85.0.14' }),
    ]);
    expect(acc.result().podIpsByNode).toEqual({
      'mi-0a1': ['10.85.0.12', '10.85.0.13'],
    });
  });

  it('holds no addresses when no node is named', () => {
    const acc = new PodAccumulator();
    acc.add(hybridPod('a', 'mi-0a1', { podIP: '10.85.0.12' }));
    expect(acc.result().podIpsByNode).toBeUndefined();
  });
});
