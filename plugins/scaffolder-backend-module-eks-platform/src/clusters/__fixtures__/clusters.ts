import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  ClusterDetail,
  ClusterOverview,
  NamespaceCheckResponse,
  DEFAULT_AWS_NODE_SETTINGS,
  EKS_FALLBACK_CALENDAR,
  Ec2Subnet,
  KubeNode,
  KubePod,
  assessSpotRisk,
  ipHeadroom,
  summariseCapacity,
  versionStatus,
} from '@eks-platform/plugin-eks-platform-common';

/*
 * Three clusters as the eks-platform backend serves them, computed with the shared calculations
 * from small node, pod and subnet lists (the snapshot was collected the day after 1.31's end of
 * extended support, 2026-11-26 in AWS's calendar):
 * - prod-eu-west-1: 1.34, spot-heavy (Karpenter spot + on-demand managed node group), plenty of
 *   room, and payments-api already running in payments-api-prod;
 * - staging-eu-west-1: 1.33 in extended support, pod subnets nearly exhausted: 7 free addresses in
 *   eu-west-1a (one on-demand and one spot node), none left in 1b and 1c;
 * - legacy-eu-west-1: 1.31, past the end of extended support (2026-11-26); its backend could not
 *   list namespaces.
 * prod-eu-west-1 also has an empty namespace, orders-api-prod, created by hand.
 */

/** AWS's end of extended support of Kubernetes 1.31 on EKS: the fixtures' days are placed around it. */
const END_OF_EXTENDED_1_31 = '2026-11-26';
const at = (days: number, time: string) =>
  new Date(
    Date.parse(`${END_OF_EXTENDED_1_31}T${time}Z`) + days * 86_400_000,
  ).toISOString();

/** When the fixture snapshot was collected, and when the fake backend asks a cluster. */
export const COLLECTED_AT = at(1, '06:00:00');
export const CHECKED_AT = at(1, '06:04:10');

type NodeSpec = {
  name: string;
  zone: string;
  capacity: 'spot' | 'on-demand';
  maxPods: number;
};

function node(spec: NodeSpec): KubeNode {
  const karpenter = spec.capacity === 'spot';
  return {
    metadata: {
      name: spec.name,
      labels: {
        'kubernetes.io/hostname': spec.name,
        'topology.kubernetes.io/zone': spec.zone,
        'node.kubernetes.io/instance-type': 'm5.xlarge',
        ...(karpenter
          ? {
              'karpenter.sh/capacity-type': 'spot',
              'karpenter.sh/nodepool': 'general-spot',
            }
          : {
              'eks.amazonaws.com/capacityType': 'ON_DEMAND',
              'eks.amazonaws.com/nodegroup': 'system-od',
            }),
      },
    },
    status: {
      allocatable: {
        cpu: '3920m',
        memory: '15137164Ki',
        pods: String(spec.maxPods),
      },
      nodeInfo: { kubeletVersion: 'v1.33.5-eks-113cf36' },
    },
  };
}

function pods(
  nodeName: string,
  count: number,
  namespace: string,
  app: string,
): KubePod[] {
  return Array.from({ length: count }, (_, i) => ({
    metadata: {
      name: `${app}-7d9c8b6f5-${nodeName.slice(-3)}${i}`,
      namespace,
      labels: { 'app.kubernetes.io/name': app },
      ownerReferences: [
        { kind: 'ReplicaSet', name: `${app}-7d9c8b6f5`, controller: true },
      ],
    },
    spec: {
      nodeName,
      containers: [
        {
          name: 'server',
          resources: { requests: { cpu: '250m', memory: '256Mi' } },
        },
      ],
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  }));
}

function subnet(
  id: string,
  zone: string,
  cidr: string,
  free: number,
): Ec2Subnet {
  return {
    SubnetId: id,
    AvailabilityZone: zone,
    CidrBlock: cidr,
    AvailableIpAddressCount: free,
  };
}

function build(options: {
  name: string;
  title: string;
  kubernetesVersion: string;
  accountId: string;
  nodes: KubeNode[];
  pods: KubePod[];
  subnets: Ec2Subnet[];
  /**
   * Namespaces besides those of the pods and the four every cluster has; `false` for a backend
   * that could not list namespaces (its role predates the namespace list).
   */
  namespaces: string[] | false;
}): { overview: ClusterOverview; detail: ClusterDetail } {
  const headroom = ipHeadroom(options.nodes, options.pods, options.subnets, {
    settings: DEFAULT_AWS_NODE_SETTINGS,
  });
  const capacity = summariseCapacity(options.nodes, options.pods);
  const status = versionStatus({
    clusterVersion: options.kubernetesVersion,
    versions: EKS_FALLBACK_CALENDAR,
    now: COLLECTED_AT,
    source: 'fallback-calendar',
  });
  const least = [...headroom.subnets].sort(
    (a, b) => a.freeAddresses - b.freeAddresses,
  )[0];
  const overview: ClusterOverview = {
    name: options.name,
    title: options.title,
    authProvider: 'aws',
    source: 'config',
    eks: {
      clusterName: options.name,
      region: 'eu-west-1',
      accountId: options.accountId,
    },
    collectedAt: COLLECTED_AT,
    stale: false,
    partial: [],
    version: {
      kubernetesVersion: options.kubernetesVersion,
      phase: status.phase,
      daysLeft: status.daysLeftInPhase,
      nextDeadline: status.nextDeadline?.date,
      summary: status.summary,
    },
    spot: {
      spotCpuShare: capacity.spotCpuShare,
      spotNodes: capacity.nodes.filter(n => n.capacityType === 'spot').length,
      nodes: capacity.total.nodes,
      requestedCpuMillis: capacity.total.requestedCpuMillis,
      allocatableCpuMillis: capacity.total.allocatableCpuMillis,
      requestedMemoryBytes: capacity.total.requestedMemoryBytes,
      allocatableMemoryBytes: capacity.total.allocatableMemoryBytes,
    },
    ip: {
      leastFreeSubnet: least && {
        subnetId: least.subnetId,
        availabilityZone: least.availabilityZone,
        freeAddresses: least.freeAddresses,
        usableAddresses: least.usableAddresses,
      },
      additionalPods: headroom.zones.reduce((s, z) => s + z.additionalPods, 0),
      forecastStatus: 'not-enough-history',
      podsFailingIpAssignment: 0,
    },
  };
  const namespaces =
    options.namespaces === false
      ? undefined
      : [
          ...new Set([
            'default',
            'kube-node-lease',
            'kube-public',
            'kube-system',
            ...options.pods.map(p => p.metadata.namespace!),
            ...options.namespaces,
          ]),
        ].sort();
  const detail: ClusterDetail = {
    overview,
    ...(namespaces && { namespaces }),
    spot: {
      capacity,
      workloads: assessSpotRisk({
        nodes: options.nodes,
        pods: options.pods,
        pdbs: [],
        replicaSetOwners: Object.fromEntries(
          options.pods.map(p => [
            `${p.metadata.namespace}/${p.metadata.ownerReferences?.[0].name}`,
            p.metadata.labels?.['app.kubernetes.io/name'] ?? '',
          ]),
        ),
      }),
    },
    ip: { headroom, failures: [], forecasts: {}, cni: { WARM_ENI_TARGET: 1 } },
  };
  return { overview, detail };
}

const prodNodes = [
  node({
    name: 'ip-10-10-1-21',
    zone: 'eu-west-1a',
    capacity: 'spot',
    maxPods: 58,
  }),
  node({
    name: 'ip-10-10-17-40',
    zone: 'eu-west-1b',
    capacity: 'spot',
    maxPods: 58,
  }),
  node({
    name: 'ip-10-10-33-12',
    zone: 'eu-west-1c',
    capacity: 'spot',
    maxPods: 58,
  }),
  node({
    name: 'ip-10-10-2-88',
    zone: 'eu-west-1a',
    capacity: 'on-demand',
    maxPods: 58,
  }),
];

export const prodEuWest1 = build({
  name: 'prod-eu-west-1',
  title: 'Production EU (spot-heavy)',
  kubernetesVersion: '1.34',
  accountId: '111122223333',
  nodes: prodNodes,
  pods: [
    ...pods('ip-10-10-1-21', 2, 'payments-api-prod', 'payments-api'),
    ...pods('ip-10-10-17-40', 2, 'payments-api-prod', 'payments-api'),
    ...pods('ip-10-10-2-88', 3, 'ledger-prod', 'ledger-api'),
  ],
  subnets: [
    subnet('subnet-0a1b2c3d4e5f6a101', 'eu-west-1a', '10.10.0.0/20', 3811),
    subnet('subnet-0a1b2c3d4e5f6b101', 'eu-west-1b', '10.10.16.0/20', 3902),
    subnet('subnet-0a1b2c3d4e5f6c101', 'eu-west-1c', '10.10.32.0/20', 3950),
  ],
  // Created by hand, nothing deployed yet.
  namespaces: ['orders-api-prod'],
});

export const stagingEuWest1 = build({
  name: 'staging-eu-west-1',
  title: 'Staging EU',
  kubernetesVersion: '1.33',
  accountId: '222233334444',
  nodes: [
    node({
      name: 'ip-10-40-0-17',
      zone: 'eu-west-1a',
      capacity: 'spot',
      maxPods: 29,
    }),
    node({
      name: 'ip-10-40-0-52',
      zone: 'eu-west-1a',
      capacity: 'on-demand',
      maxPods: 29,
    }),
    node({
      name: 'ip-10-40-1-9',
      zone: 'eu-west-1b',
      capacity: 'spot',
      maxPods: 29,
    }),
    node({
      name: 'ip-10-40-2-33',
      zone: 'eu-west-1c',
      capacity: 'spot',
      maxPods: 29,
    }),
  ],
  pods: [
    ...pods('ip-10-40-0-17', 10, 'ledger-stg', 'ledger-api'),
    ...pods('ip-10-40-0-52', 6, 'coredns-stg', 'platform-dns'),
    ...pods('ip-10-40-1-9', 27, 'orders-stg', 'orders-api'),
    ...pods('ip-10-40-2-33', 29, 'search-stg', 'search-api'),
  ],
  subnets: [
    subnet('subnet-0b2c3d4e5f6a7a404', 'eu-west-1a', '10.40.0.0/24', 7),
    subnet('subnet-0b2c3d4e5f6a7b404', 'eu-west-1b', '10.40.1.0/24', 0),
    subnet('subnet-0b2c3d4e5f6a7c404', 'eu-west-1c', '10.40.2.0/24', 0),
  ],
  namespaces: [],
});

export const legacyEuWest1 = build({
  name: 'legacy-eu-west-1',
  title: 'Legacy EU (1.31)',
  kubernetesVersion: '1.31',
  accountId: '333344445555',
  nodes: [
    node({
      name: 'ip-10-50-3-4',
      zone: 'eu-west-1a',
      capacity: 'on-demand',
      maxPods: 58,
    }),
    node({
      name: 'ip-10-50-9-7',
      zone: 'eu-west-1b',
      capacity: 'on-demand',
      maxPods: 58,
    }),
  ],
  pods: pods('ip-10-50-3-4', 3, 'billing-prod', 'billing-api'),
  subnets: [
    subnet('subnet-0c3d4e5f6a7b8a505', 'eu-west-1a', '10.50.0.0/21', 1890),
    subnet('subnet-0c3d4e5f6a7b8b505', 'eu-west-1b', '10.50.8.0/21', 1934),
  ],
  namespaces: false,
});

export const fixtureClusters = [prodEuWest1, stagingEuWest1, legacyEuWest1];

/**
 * What the eks-platform backend's namespace check answers for the fixtures: whether the namespace
 * is in the cluster's namespaces (plus `createdSince`, created after the snapshot).
 *
 * @throws NotFoundError for an unknown cluster; ServiceUnavailableError for a cluster whose
 *   collector role has no namespace access (no namespace list in the fixture).
 */
export function fixtureNamespaceCheck(
  clusters: typeof fixtureClusters,
  cluster: string,
  namespace: string,
  createdSince: string[] = [],
): NamespaceCheckResponse {
  const detail = clusters.find(c => c.overview.name === cluster)?.detail;
  if (!detail) throw new NotFoundError(`No cluster named '${cluster}'`);
  if (!detail.namespaces) {
    throw new ServiceUnavailableError(
      `Could not ask cluster ${cluster} whether namespace ${namespace} exists: Reading the namespace was forbidden (403)`,
    );
  }
  return {
    cluster,
    namespace,
    exists: [...detail.namespaces, ...createdSince].includes(namespace),
    checkedAt: CHECKED_AT,
  };
}
