import type {
  KubeContainer,
  KubeNode,
  KubePod,
  KubePodDisruptionBudget,
  KubeTaint,
} from '../types';
import { END_OF_EXTENDED_1_31, isoFrom } from './clock';

/*
 * A small production-like EKS cluster in eu-west-1 (the shape of `kubectl get -o json`
 * output, trimmed to the fields the calculations read): two on-demand managed node
 * group nodes, two Karpenter spot nodes (one being disrupted), one spot managed node
 * group node with a rebalance recommendation, one Fargate node; gRPC services
 * deployed by Deployments and a StatefulSet, system DaemonSets on the host network,
 * a finished Job and a pod stuck without an IP.
 */

type NodeSpec = {
  name: string;
  zone: string;
  instanceType?: string;
  labels: Record<string, string>;
  cpu: string;
  memory: string;
  pods: string;
  taints?: KubeTaint[];
  kubeletVersion?: string;
};

function makeNode(spec: NodeSpec): KubeNode {
  return {
    metadata: {
      name: spec.name,
      uid: `uid-${spec.name}`,
      labels: {
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/region': 'eu-west-1',
        'topology.kubernetes.io/zone': spec.zone,
        ...(spec.instanceType
          ? { 'node.kubernetes.io/instance-type': spec.instanceType }
          : {}),
        ...spec.labels,
      },
    },
    spec: {
      providerID: `aws:///${spec.zone}/i-0${spec.name.length}4f1c2d3e4f5a6b`,
      taints: spec.taints,
    },
    status: {
      allocatable: {
        cpu: spec.cpu,
        memory: spec.memory,
        pods: spec.pods,
        'ephemeral-storage': '76224326324',
      },
      nodeInfo: {
        kubeletVersion: spec.kubeletVersion ?? 'v1.31.7-eks-473151a',
      },
    },
  };
}

export const NODES: KubeNode[] = [
  makeNode({
    name: 'ip-10-0-33-12.eu-west-1.compute.internal',
    zone: 'eu-west-1a',
    instanceType: 'm5.large',
    labels: {
      'eks.amazonaws.com/nodegroup': 'system-od',
      'eks.amazonaws.com/capacityType': 'ON_DEMAND',
    },
    cpu: '1930m',
    memory: '7220184Ki',
    pods: '29',
  }),
  makeNode({
    name: 'ip-10-0-65-40.eu-west-1.compute.internal',
    zone: 'eu-west-1b',
    instanceType: 'm5.large',
    labels: {
      'eks.amazonaws.com/nodegroup': 'system-od',
      'eks.amazonaws.com/capacityType': 'ON_DEMAND',
    },
    cpu: '1930m',
    memory: '7220184Ki',
    pods: '29',
  }),
  makeNode({
    name: 'ip-10-0-34-201.eu-west-1.compute.internal',
    zone: 'eu-west-1a',
    instanceType: 'c6i.xlarge',
    labels: {
      'karpenter.sh/nodepool': 'spot-general',
      'karpenter.sh/capacity-type': 'spot',
    },
    cpu: '3920m',
    memory: '6584Mi',
    pods: '58',
  }),
  makeNode({
    name: 'ip-10-0-98-7.eu-west-1.compute.internal',
    zone: 'eu-west-1c',
    instanceType: 'm6i.xlarge',
    labels: {
      'karpenter.sh/nodepool': 'spot-general',
      'karpenter.sh/capacity-type': 'spot',
    },
    cpu: '3920m',
    memory: '14162Mi',
    pods: '58',
    taints: [
      {
        key: 'karpenter.sh/disrupted',
        effect: 'NoSchedule',
        timeAdded: isoFrom(END_OF_EXTENDED_1_31, -5, '09:14:02'),
      },
    ],
  }),
  makeNode({
    name: 'ip-10-0-66-150.eu-west-1.compute.internal',
    zone: 'eu-west-1b',
    instanceType: 'm5.xlarge',
    labels: {
      'eks.amazonaws.com/nodegroup': 'spot-batch',
      'eks.amazonaws.com/capacityType': 'SPOT',
    },
    cpu: '3920m',
    memory: '15136564Ki',
    pods: '58',
    taints: [
      {
        key: 'aws-node-termination-handler/rebalance-recommendation',
        value: 'rebalance-recommendation-event-3a4b5c',
        effect: 'PreferNoSchedule',
      },
    ],
  }),
  makeNode({
    name: 'fargate-ip-10-0-99-3.eu-west-1.compute.internal',
    zone: 'eu-west-1c',
    labels: {
      'eks.amazonaws.com/compute-type': 'fargate',
      'eks.amazonaws.com/fargate-profile': 'batch',
    },
    cpu: '2',
    memory: '3Gi',
    pods: '1',
  }),
];

export const [OD_A, OD_B, SPOT_A, SPOT_C, SPOT_B, FARGATE_C] = NODES.map(
  n => n.metadata.name as string,
);

type PodSpec = {
  name: string;
  namespace: string;
  node?: string;
  labels?: Record<string, string>;
  owner?: { kind: string; name: string };
  containers?: KubeContainer[];
  initContainers?: KubeContainer[];
  overhead?: Record<string, string>;
  hostNetwork?: boolean;
  phase?: string;
  ready?: boolean;
};

function container(name: string, cpu: string, memory: string): KubeContainer {
  return {
    name,
    image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/${name}:1.4.2`,
    resources: { requests: { cpu, memory }, limits: { memory } },
  };
}

export function pod(spec: PodSpec): KubePod {
  const phase = spec.phase ?? 'Running';
  const ready = spec.ready ?? phase === 'Running';
  return {
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      uid: `uid-${spec.namespace}-${spec.name}`,
      labels: spec.labels,
      ownerReferences: spec.owner
        ? [
            {
              apiVersion: 'apps/v1',
              kind: spec.owner.kind,
              name: spec.owner.name,
              controller: true,
            },
          ]
        : undefined,
    },
    spec: {
      nodeName: spec.node,
      hostNetwork: spec.hostNetwork,
      containers: spec.containers ?? [container('app', '250m', '256Mi')],
      initContainers: spec.initContainers,
      overhead: spec.overhead,
    },
    status: {
      phase,
      podIP: spec.node && phase === 'Running' ? '10.0.40.17' : undefined,
      conditions: [
        { type: 'PodScheduled', status: spec.node ? 'True' : 'False' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
      ],
    },
  };
}

function replicaSetPod(
  deployment: string,
  hash: string,
  suffix: string,
  namespace: string,
  node: string,
  extra: Partial<PodSpec> = {},
): KubePod {
  return pod({
    name: `${deployment}-${hash}-${suffix}`,
    namespace,
    node,
    labels: {
      'app.kubernetes.io/name': deployment,
      'app.kubernetes.io/part-of': 'shop',
      'pod-template-hash': hash,
    },
    owner: { kind: 'ReplicaSet', name: `${deployment}-${hash}` },
    containers: [
      container(deployment, '500m', '512Mi'),
      container('envoy', '100m', '128Mi'),
    ],
    ...extra,
  });
}

function daemonPods(ds: string, namespace: string, hostNetwork: boolean) {
  return NODES.filter(
    n => n.metadata.labels?.['eks.amazonaws.com/compute-type'] !== 'fargate',
  ).map((n, i) =>
    pod({
      name: `${ds}-${['x7k2p', 'b9q4m', 'h3n8t', 'r5w1z', 'k8d6c'][i]}`,
      namespace,
      node: n.metadata.name,
      labels: { 'k8s-app': ds },
      owner: { kind: 'DaemonSet', name: ds },
      hostNetwork,
      containers: [container(ds, '25m', '64Mi')],
    }),
  );
}

export const PODS: KubePod[] = [
  // checkout: 3 replicas over 2 zones, 2 of them on spot, covered by a PDB
  replicaSetPod('checkout', '7d9f8b6c5d', 'lq2xv', 'shop-prod', SPOT_A),
  replicaSetPod('checkout', '7d9f8b6c5d', 'p8m4n', 'shop-prod', SPOT_C),
  replicaSetPod('checkout', '7d9f8b6c5d', 'z2k7w', 'shop-prod', OD_A),
  // payments: both replicas on one spot node, no PDB
  replicaSetPod('payments', '5c6d7e8f9a', 'a1b2c', 'shop-prod', SPOT_A),
  replicaSetPod('payments', '5c6d7e8f9a', 'd3e4f', 'shop-prod', SPOT_A),
  // search: half on spot, both in eu-west-1b, PDB via matchExpressions
  replicaSetPod('search', '6f7a8b9c0d', 'g5h6j', 'shop-prod', SPOT_B),
  replicaSetPod('search', '6f7a8b9c0d', 'k7l8m', 'shop-prod', OD_B),
  // ledger: StatefulSet on on-demand only
  ...['0', '1', '2'].map(i =>
    pod({
      name: `ledger-${i}`,
      namespace: 'shop-prod',
      node: i === '1' ? OD_B : OD_A,
      labels: { 'app.kubernetes.io/name': 'ledger' },
      owner: { kind: 'StatefulSet', name: 'ledger' },
      containers: [container('ledger', '200m', '1Gi')],
    }),
  ),
  // coredns on the on-demand system nodes
  replicaSetPod('coredns', '79b8b6d65f', 'wq7rx', 'kube-system', OD_A, {
    labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '79b8b6d65f' },
    containers: [container('coredns', '100m', '70Mi')],
  }),
  replicaSetPod('coredns', '79b8b6d65f', 'tz4mn', 'kube-system', OD_B, {
    labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '79b8b6d65f' },
    containers: [container('coredns', '100m', '70Mi')],
  }),
  // host-network DaemonSets on every EC2 node
  ...daemonPods('aws-node', 'kube-system', true),
  ...daemonPods('kube-proxy', 'kube-system', true),
  // a migration Job that finished on the spot node: its requests no longer count
  pod({
    name: 'db-migrate-28867201-x2v9q',
    namespace: 'shop-prod',
    node: SPOT_A,
    owner: { kind: 'Job', name: 'db-migrate-28867201' },
    containers: [container('migrate', '2', '2Gi')],
    phase: 'Succeeded',
  }),
  // a report pod on Fargate with a bigger init container and runtime overhead
  pod({
    name: 'nightly-report-5kq2w',
    namespace: 'shop-prod',
    node: FARGATE_C,
    owner: { kind: 'Job', name: 'nightly-report' },
    initContainers: [container('fetch-data', '1', '1Gi')],
    containers: [container('report', '500m', '2Gi')],
    overhead: { cpu: '250m', memory: '120Mi' },
  }),
  // a new checkout replica the scheduler has not placed yet
  replicaSetPod('checkout', '7d9f8b6c5d', 'n4q9s', 'shop-prod', '', {
    phase: 'Pending',
    node: undefined,
  }),
];

export const PDBS: KubePodDisruptionBudget[] = [
  {
    metadata: { name: 'checkout', namespace: 'shop-prod' },
    spec: {
      minAvailable: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' } },
    },
  },
  {
    metadata: { name: 'search', namespace: 'shop-prod' },
    spec: {
      maxUnavailable: 1,
      selector: {
        matchExpressions: [
          {
            key: 'app.kubernetes.io/name',
            operator: 'In',
            values: ['search', 'search-indexer'],
          },
        ],
      },
    },
  },
  {
    // same labels, other namespace: must not cover shop-prod/payments
    metadata: { name: 'payments', namespace: 'shop-staging' },
    spec: {
      minAvailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
    },
  },
];

/** `<namespace>/<ReplicaSet>` -> Deployment, as the backend reads it from ReplicaSets. */
export const REPLICA_SET_OWNERS: Record<string, string> = {
  'shop-prod/checkout-7d9f8b6c5d': 'checkout',
  'shop-prod/payments-5c6d7e8f9a': 'payments',
  'shop-prod/search-6f7a8b9c0d': 'search',
  'kube-system/coredns-79b8b6d65f': 'coredns',
};
