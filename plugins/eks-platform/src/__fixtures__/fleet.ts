import type {
  ClusterDetail,
  ClusterOverview,
  ClusterOverviewResponse,
  ClusterVersionStatus,
  EntityViewResponse,
  HistoryMetric,
  HistoryResponse,
  IpAssignmentFailure,
  SubnetHeadroom,
  WorkloadSpotRisk,
  ZoneIpHeadroom,
} from '@eks-platform/plugin-eks-platform-common';
import { END_OF_EXTENDED_1_31, isoFrom } from './clock';

/**
 * The moment the fixtures describe: a few minutes after the last collection run, five days
 * before 1.31's end of extended support (AWS's calendar). Tests pin `Date.now()` to it so
 * relative times and days left stay stable.
 */
export const FIXTURE_NOW = isoFrom(END_OF_EXTENDED_1_31, -5, '23:45:00.000');
/** FIXTURE_NOW's day, `YYYY-MM-DD`, as the page prints it. */
export const FIXTURE_DAY = FIXTURE_NOW.slice(0, 10);

const COLLECTED_AT = isoFrom(END_OF_EXTENDED_1_31, -5, '23:42:00.000');

function subnet(
  subnetId: string,
  availabilityZone: string,
  cidrBlock: string,
  freeAddresses: number,
): SubnetHeadroom {
  const mask = Number(cidrBlock.split('/')[1]);
  const totalAddresses = 2 ** (32 - mask);
  const usableAddresses = totalAddresses - 5;
  const usedAddresses = usableAddresses - freeAddresses;
  return {
    subnetId,
    availabilityZone,
    cidrBlock,
    totalAddresses,
    usableAddresses,
    freeAddresses,
    usedAddresses,
    utilisation: usedAddresses / usableAddresses,
  };
}

// --- staging-eu-west-1: out of pod IPs -------------------------------------------------------

/** 10.40.0.0/24: 256 addresses, 251 usable, 7 free. */
export const stagingSubnetA = subnet(
  'subnet-0b2c3d4e5f6a7a404',
  'eu-west-1a',
  '10.40.0.0/24',
  7,
);
export const stagingSubnetB = subnet(
  'subnet-0b2c3d4e5f6a7b404',
  'eu-west-1b',
  '10.40.1.0/24',
  3,
);
export const stagingSubnetC = subnet(
  'subnet-0b2c3d4e5f6a7c404',
  'eu-west-1c',
  '10.40.2.0/24',
  9,
);

function zone(
  subnets: SubnetHeadroom[],
  fit: Omit<
    ZoneIpHeadroom,
    'zone' | 'subnets' | 'usableAddresses' | 'usedAddresses' | 'utilisation'
  >,
): ZoneIpHeadroom {
  const usableAddresses = subnets.reduce((s, x) => s + x.usableAddresses, 0);
  const usedAddresses = subnets.reduce((s, x) => s + x.usedAddresses, 0);
  return {
    zone: subnets[0].availabilityZone ?? '(unknown)',
    subnets,
    usableAddresses,
    usedAddresses,
    utilisation: usedAddresses / usableAddresses,
    ...fit,
  };
}

export const stagingZones: ZoneIpHeadroom[] = [
  zone([stagingSubnetA], {
    nodes: 2,
    podsWithVpcAddress: 31,
    freePodSlots: 15,
    warmAddresses: 2,
    freeSubnetAddresses: 7,
    additionalPods: 9,
    limitedBy: 'subnet-addresses',
    addressesToFillAllSlots: 24,
  }),
  zone([stagingSubnetB], {
    nodes: 2,
    podsWithVpcAddress: 38,
    freePodSlots: 8,
    warmAddresses: 0,
    freeSubnetAddresses: 3,
    additionalPods: 3,
    limitedBy: 'subnet-addresses',
    addressesToFillAllSlots: 13,
  }),
  zone([stagingSubnetC], {
    nodes: 2,
    podsWithVpcAddress: 29,
    freePodSlots: 17,
    warmAddresses: 4,
    freeSubnetAddresses: 9,
    additionalPods: 13,
    limitedBy: 'subnet-addresses',
    addressesToFillAllSlots: 22,
  }),
];

export const stagingIpFailures: IpAssignmentFailure[] = [
  {
    namespace: 'payments-stg',
    podName: 'payments-api-6c9d7f5b8-qk2vx',
    nodeName: 'ip-10-40-1-87.eu-west-1.compute.internal',
    kind: 'subnet-exhausted',
    source: 'FailedCreatePodSandBox',
    message:
      'Failed to create pod sandbox: plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container; InsufficientFreeAddressesInSubnet',
    count: 14,
    lastSeen: isoFrom(END_OF_EXTENDED_1_31, -5, '23:38:12'),
  },
  {
    namespace: 'payments-stg',
    podName: 'payments-api-6c9d7f5b8-w7m4d',
    nodeName: 'ip-10-40-0-142.eu-west-1.compute.internal',
    kind: 'ip-assignment-failed',
    source: 'FailedCreatePodSandBox',
    message:
      'Failed to create pod sandbox: plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container',
    count: 9,
    lastSeen: isoFrom(END_OF_EXTENDED_1_31, -5, '23:36:40'),
  },
];

// --- version statuses (evaluated on 2026-11-21) --------------------------------------------

export const version133: ClusterVersionStatus = {
  version: '1.33',
  phase: 'extended',
  apiVersionStatus: 'EXTENDED_SUPPORT',
  supportType: 'EXTENDED',
  releaseDate: '2025-05-29',
  endOfStandardSupport: '2026-07-29',
  endOfExtendedSupport: '2027-07-29',
  daysLeftInPhase: 250,
  nextDeadline: {
    kind: 'auto-upgrade',
    date: '2027-07-29',
    daysLeft: 250,
    description:
      'extended support ends 2027-07-29; EKS auto-upgrades the control plane then',
  },
  nextVersion: '1.34',
  latestVersion: '1.34',
  versionsBehindLatest: 1,
  source: 'api',
  summary:
    '1.33 is in extended support (billed extra); 250 days until 2027-07-29 (auto-upgrade)',
};

/** The legacy cluster: Kubernetes 1.31, extended support ends 2026-11-26. */
export const version131: ClusterVersionStatus = {
  version: '1.31',
  phase: 'extended',
  apiVersionStatus: 'EXTENDED_SUPPORT',
  supportType: 'EXTENDED',
  releaseDate: '2024-09-26',
  endOfStandardSupport: '2025-11-26',
  endOfExtendedSupport: '2026-11-26',
  daysLeftInPhase: 5,
  nextDeadline: {
    kind: 'auto-upgrade',
    date: '2026-11-26',
    daysLeft: 5,
    description:
      'extended support ends 2026-11-26; EKS auto-upgrades the control plane then',
  },
  nextVersion: '1.32',
  latestVersion: '1.34',
  versionsBehindLatest: 3,
  source: 'api',
  summary:
    '1.31 is in extended support (billed extra); 5 days until 2026-11-26 (auto-upgrade)',
};

export const version132: ClusterVersionStatus = {
  version: '1.32',
  phase: 'extended',
  apiVersionStatus: 'EXTENDED_SUPPORT',
  supportType: 'EXTENDED',
  releaseDate: '2025-01-23',
  endOfStandardSupport: '2026-03-23',
  endOfExtendedSupport: '2027-03-23',
  daysLeftInPhase: 122,
  nextDeadline: {
    kind: 'auto-upgrade',
    date: '2027-03-23',
    daysLeft: 122,
    description:
      'extended support ends 2027-03-23; EKS auto-upgrades the control plane then',
  },
  nextVersion: '1.33',
  latestVersion: '1.34',
  versionsBehindLatest: 2,
  source: 'api',
  summary:
    '1.32 is in extended support (billed extra); 122 days until 2027-03-23 (auto-upgrade)',
};

export const version134: ClusterVersionStatus = {
  version: '1.34',
  phase: 'standard',
  apiVersionStatus: 'STANDARD_SUPPORT',
  supportType: 'STANDARD',
  releaseDate: '2025-10-02',
  endOfStandardSupport: '2026-12-02',
  endOfExtendedSupport: '2027-12-02',
  daysLeftInPhase: 11,
  nextDeadline: {
    kind: 'auto-upgrade',
    date: '2026-12-02',
    daysLeft: 11,
    description:
      'standard support ends 2026-12-02; upgrade policy STANDARD: EKS auto-upgrades the control plane then',
  },
  latestVersion: '1.34',
  versionsBehindLatest: 0,
  source: 'api',
  summary:
    '1.34 is in standard support; 11 days until 2026-12-02 (auto-upgrade)',
};

function versionOf(status: ClusterVersionStatus): ClusterOverview['version'] {
  return {
    kubernetesVersion: status.version,
    phase: status.phase,
    daysLeft: status.daysLeftInPhase,
    nextDeadline: status.nextDeadline?.date,
    summary: status.summary,
  };
}

const fresh = {
  collectedAt: COLLECTED_AT,
  stale: false,
  partial: [],
} as const;

// --- the fleet table ------------------------------------------------------------------------

export const prodEuWest1: ClusterOverview = {
  name: 'prod-eu-west-1',
  title: 'Production EU (spot-heavy)',
  authProvider: 'serviceAccount',
  source: 'config',
  eks: {
    clusterName: 'prod-eu-west-1',
    region: 'eu-west-1',
    accountId: '111122223333',
  },
  ...fresh,
  partial: [],
  version: versionOf(version133),
  spot: {
    spotCpuShare: 0.78,
    spotNodes: 15,
    nodes: 20,
    requestedCpuMillis: 23_450,
    allocatableCpuMillis: 98_240,
    requestedMemoryBytes: 41_875_931_136,
    allocatableMemoryBytes: 402_653_184_000,
  },
  ip: {
    leastFreeSubnet: {
      subnetId: 'subnet-0a1b2c3d4e5f6b101',
      availabilityZone: 'eu-west-1b',
      freeAddresses: 3_874,
      usableAddresses: 4_091,
    },
    additionalPods: 412,
    forecastStatus: 'no-exhaustion',
    podsFailingIpAssignment: 0,
  },
};

export const stagingEuWest1: ClusterOverview = {
  name: 'staging-eu-west-1',
  title: 'Staging EU',
  authProvider: 'serviceAccount',
  source: 'config',
  eks: {
    clusterName: 'staging-eu-west-1',
    region: 'eu-west-1',
    accountId: '222233334444',
  },
  ...fresh,
  partial: [],
  version: versionOf(version133),
  spot: {
    spotCpuShare: 0.8,
    spotNodes: 4,
    nodes: 6,
    requestedCpuMillis: 5_150,
    allocatableCpuMillis: 9_720,
    requestedMemoryBytes: 9_663_676_416,
    allocatableMemoryBytes: 37_580_963_840,
  },
  ip: {
    leastFreeSubnet: {
      subnetId: stagingSubnetB.subnetId,
      availabilityZone: stagingSubnetB.availabilityZone,
      freeAddresses: 3,
      usableAddresses: 251,
    },
    additionalPods: 25,
    daysToExhaustion: 1.6,
    forecastStatus: 'exhausting',
    podsFailingIpAssignment: 6,
  },
};

export const legacyEuWest1: ClusterOverview = {
  name: 'legacy-eu-west-1',
  title: 'Legacy EU (1.31)',
  authProvider: 'serviceAccount',
  source: 'config',
  eks: {
    clusterName: 'legacy-eu-west-1',
    region: 'eu-west-1',
    accountId: '333344445555',
  },
  ...fresh,
  partial: [],
  version: versionOf(version131),
  spot: {
    spotCpuShare: 0,
    spotNodes: 0,
    nodes: 6,
    requestedCpuMillis: 3_100,
    allocatableCpuMillis: 17_370,
    requestedMemoryBytes: 6_174_015_488,
    allocatableMemoryBytes: 65_498_251_264,
  },
  ip: {
    leastFreeSubnet: {
      subnetId: 'subnet-0c3d4e5f6a7b8b505',
      availabilityZone: 'eu-west-1b',
      freeAddresses: 1_936,
      usableAddresses: 2_043,
    },
    additionalPods: 148,
    forecastStatus: 'not-enough-history',
    podsFailingIpAssignment: 0,
  },
};

/** Collected an hour ago; the latest run was throttled by EC2, so subnets are missing. */
export const prodApSouth1: ClusterOverview = {
  name: 'prod-ap-south-1',
  title: 'Production AP (custom networking)',
  authProvider: 'serviceAccount',
  source: 'config',
  eks: {
    clusterName: 'prod-ap-south-1',
    region: 'ap-south-1',
    accountId: '111122223333',
  },
  collectedAt: isoFrom(END_OF_EXTENDED_1_31, -5, '22:40:00.000'),
  stale: true,
  partial: ['ec2'],
  lastError: {
    kind: 'throttled',
    source: 'ec2',
    message: 'EC2 DescribeSubnets was throttled (RequestLimitExceeded)',
    at: isoFrom(END_OF_EXTENDED_1_31, -5, '23:40:05.000'),
    status: 503,
  },
  version: versionOf(version132),
  spot: {
    spotCpuShare: 0.67,
    spotNodes: 3,
    nodes: 6,
    requestedCpuMillis: 5_750,
    allocatableCpuMillis: 35_460,
    requestedMemoryBytes: 10_670_309_376,
    allocatableMemoryBytes: 140_660_178_944,
  },
};

export const checkoutBlue: ClusterOverview = {
  name: 'checkout-blue',
  title: 'Checkout blue (old)',
  authProvider: 'serviceAccount',
  source: 'config',
  eks: {
    clusterName: 'checkout-blue',
    region: 'eu-central-1',
    accountId: '111122223333',
  },
  ...fresh,
  partial: [],
  version: versionOf(version132),
  spot: {
    spotCpuShare: 0.72,
    spotNodes: 3,
    nodes: 5,
    requestedCpuMillis: 2_700,
    allocatableCpuMillis: 31_460,
    requestedMemoryBytes: 3_187_671_040,
    allocatableMemoryBytes: 88_046_829_568,
  },
  ip: {
    leastFreeSubnet: {
      subnetId: 'subnet-0a1b2c3d4e5f6a606',
      availabilityZone: 'eu-central-1a',
      freeAddresses: 1_962,
      usableAddresses: 2_043,
    },
    additionalPods: 161,
    forecastStatus: 'no-exhaustion',
    podsFailingIpAssignment: 0,
  },
};

export const checkoutGreen: ClusterOverview = {
  name: 'checkout-green',
  title: 'Checkout green (new)',
  authProvider: 'serviceAccount',
  source: 'config',
  eks: {
    clusterName: 'checkout-green',
    region: 'eu-central-1',
    accountId: '111122223333',
  },
  ...fresh,
  partial: [],
  version: versionOf(version134),
  spot: {
    spotCpuShare: 0.5,
    spotNodes: 2,
    nodes: 4,
    requestedCpuMillis: 700,
    allocatableCpuMillis: 15_840,
    requestedMemoryBytes: 1_073_741_824,
    allocatableMemoryBytes: 59_055_800_320,
  },
  ip: {
    leastFreeSubnet: {
      subnetId: 'subnet-0a1b2c3d4e5f6b707',
      availabilityZone: 'eu-central-1b',
      freeAddresses: 2_021,
      usableAddresses: 2_043,
    },
    additionalPods: 103,
    forecastStatus: 'not-enough-history',
    podsFailingIpAssignment: 0,
  },
};

/** Never collected yet: the collector cannot reach the API server. */
export const prodUsEast1: ClusterOverview = {
  name: 'prod-us-east-1',
  title: 'Production US (prefix delegation)',
  authProvider: 'serviceAccount',
  source: 'config',
  eks: {
    clusterName: 'prod-us-east-1',
    region: 'us-east-1',
    accountId: '111122223333',
  },
  stale: true,
  partial: [],
  lastError: {
    kind: 'unreachable',
    source: 'kubernetes',
    message: 'connect ECONNREFUSED 127.0.0.1:7791',
    at: isoFrom(END_OF_EXTENDED_1_31, -5, '23:41:30.000'),
  },
};

export const fleetOverviews: ClusterOverview[] = [
  prodEuWest1,
  prodUsEast1,
  prodApSouth1,
  stagingEuWest1,
  legacyEuWest1,
  checkoutBlue,
  checkoutGreen,
];

export const fleetOverviewResponse: ClusterOverviewResponse = {
  items: fleetOverviews,
};

// --- cluster details -------------------------------------------------------------------------

export const legacyDetail: ClusterDetail = {
  overview: legacyEuWest1,
  version: {
    status: version131,
    upgradePolicy: 'EXTENDED',
    skew: [
      {
        nodeGroup: 'legacy-al2',
        kubeletVersions: ['1.28'],
        nodeCount: 3,
        worst: {
          status: 'warn',
          apiServerVersion: '1.31',
          kubeletVersion: '1.28',
          minorsBehind: 3,
          allowedMinorsBehind: 3,
          reason:
            'kubelet 1.28 is 3 minor versions behind the API server 1.31, the most allowed: upgrade nodes before the control plane',
        },
      },
      {
        nodeGroup: 'core-131',
        kubeletVersions: ['1.31'],
        nodeCount: 3,
        worst: {
          status: 'ok',
          apiServerVersion: '1.31',
          kubeletVersion: '1.31',
          minorsBehind: 0,
          allowedMinorsBehind: 3,
          reason: 'kubelet 1.31 matches the API server',
        },
      },
    ],
    insights: {
      total: 5,
      counts: { PASSING: 1, WARNING: 1, ERROR: 3, UNKNOWN: 0 },
      byCategory: {
        UPGRADE_READINESS: { PASSING: 1, WARNING: 1, ERROR: 3, UNKNOWN: 0 },
      },
      worst: 'ERROR',
      failing: [
        {
          name: 'Deprecated APIs removed in Kubernetes v1.32',
          category: 'UPGRADE_READINESS',
          status: 'ERROR',
          reason: 'Deprecated API usage detected within last 30 days.',
          kubernetesVersion: '1.32',
        },
        {
          name: 'kube-proxy version skew',
          category: 'UPGRADE_READINESS',
          status: 'ERROR',
          reason:
            'kube-proxy v1.28.15-eksbuild.30 is more than 3 minor versions behind 1.32.',
          kubernetesVersion: '1.32',
        },
        {
          name: 'Kubelet version skew',
          category: 'UPGRADE_READINESS',
          status: 'ERROR',
          reason:
            'Node group legacy-al2 runs kubelet 1.28; after an upgrade to 1.32 it would be 4 minor versions behind the control plane.',
          kubernetesVersion: '1.32',
        },
        {
          name: 'Amazon Linux 2 compatibility',
          category: 'UPGRADE_READINESS',
          status: 'WARNING',
          reason:
            'Node group legacy-al2 uses an Amazon Linux 2 AMI; EKS publishes no AL2 AMIs for Kubernetes 1.33 and later.',
          kubernetesVersion: '1.33',
        },
      ],
    },
    addons: [
      {
        addonName: 'kube-proxy',
        installedVersion: 'v1.28.15-eksbuild.30',
        targetClusterVersion: '1.32',
        compatible: false,
        compatibleVersions: ['v1.32.6-eksbuild.8', 'v1.32.0-eksbuild.2'],
        defaultVersionForTarget: 'v1.32.6-eksbuild.8',
        reason:
          'kube-proxy v1.28.15-eksbuild.30 does not support 1.32; upgrade to v1.32.6-eksbuild.8',
      },
      {
        addonName: 'vpc-cni',
        installedVersion: 'v1.19.2-eksbuild.1',
        targetClusterVersion: '1.32',
        compatible: true,
        compatibleVersions: ['v1.20.4-eksbuild.1', 'v1.19.2-eksbuild.1'],
        defaultVersionForTarget: 'v1.19.2-eksbuild.1',
        reason: 'vpc-cni v1.19.2-eksbuild.1 supports 1.32',
      },
    ],
  },
};

function prodEuCapacity(): NonNullable<ClusterDetail['spot']>['capacity'] {
  const spot = {
    key: 'spot',
    nodes: 15,
    allocatableCpuMillis: 76_627,
    requestedCpuMillis: 16_650,
    allocatableMemoryBytes: 314_069_483_520,
    requestedMemoryBytes: 24_159_191_040,
    allocatablePods: 1_170,
    pods: 112,
  };
  const onDemand = {
    key: 'on-demand',
    nodes: 5,
    allocatableCpuMillis: 21_613,
    requestedCpuMillis: 6_800,
    allocatableMemoryBytes: 88_583_700_480,
    requestedMemoryBytes: 17_716_740_096,
    allocatablePods: 290,
    pods: 41,
  };
  return {
    total: {
      nodes: 20,
      allocatableCpuMillis: 98_240,
      requestedCpuMillis: 23_450,
      allocatableMemoryBytes: 402_653_184_000,
      requestedMemoryBytes: 41_875_931_136,
      allocatablePods: 1_460,
      pods: 153,
    },
    byCapacityType: [onDemand, spot],
    byNodeGroup: [],
    byZone: [],
    byCapacityTypeNodeGroupZone: [],
    nodes: [],
    interruptedNodes: [],
    unplacedPods: 0,
    spotCpuShare: 0.78,
  };
}

export const prodEuDetail: ClusterDetail = {
  overview: prodEuWest1,
  spot: { capacity: prodEuCapacity(), workloads: [] },
  version: {
    status: version133,
    upgradePolicy: 'EXTENDED',
    skew: [],
    insights: {
      total: 2,
      counts: { PASSING: 2, WARNING: 0, ERROR: 0, UNKNOWN: 0 },
      byCategory: {
        UPGRADE_READINESS: { PASSING: 2, WARNING: 0, ERROR: 0, UNKNOWN: 0 },
      },
      worst: 'PASSING',
      failing: [],
    },
    addons: [],
  },
};

const versionByCluster: Record<string, ClusterVersionStatus> = {
  'prod-eu-west-1': version133,
  'prod-ap-south-1': version132,
  'staging-eu-west-1': version133,
  'legacy-eu-west-1': version131,
  'checkout-blue': version132,
  'checkout-green': version134,
};

/** `GET /clusters/:name` for every fixture cluster (prod-us-east-1 was never collected). */
export function fleetDetail(name: string): ClusterDetail | undefined {
  if (name === legacyDetail.overview.name) return legacyDetail;
  if (name === prodEuDetail.overview.name) return prodEuDetail;
  const overview = fleetOverviews.find(c => c.name === name);
  if (!overview) return undefined;
  const status = versionByCluster[name];
  return {
    overview,
    version: status
      ? {
          status,
          upgradePolicy: status.supportType,
          skew: [],
          insights: {
            total: 0,
            counts: { PASSING: 0, WARNING: 0, ERROR: 0, UNKNOWN: 0 },
            byCategory: {},
            worst: 'PASSING',
            failing: [],
          },
          addons: [],
        }
      : undefined,
  };
}

// --- the entity view of payments-grpc --------------------------------------------------------

export const paymentsOnProdEu: WorkloadSpotRisk = {
  workload: {
    namespace: 'payments-prod',
    kind: 'Deployment',
    name: 'payments-api',
  },
  replicas: 8,
  readyReplicas: 8,
  readyOnSpot: 8,
  spotShare: 1,
  zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  nodeCount: 7,
  pdbNames: ['payments-api'],
  readyOnInterruptedNodes: 1,
  level: 'medium',
  reasons: [
    '8 of 8 ready replicas (100%) run on spot nodes',
    'PodDisruptionBudget payments-api covers it',
    'spread over 3 zones',
    '1 ready replica is on a node being interrupted',
  ],
  summary:
    'medium risk: 8 of 8 ready replicas (100%) run on spot nodes; PodDisruptionBudget payments-api covers it; spread over 3 zones; 1 ready replica is on a node being interrupted',
};

export const paymentsOnStaging: WorkloadSpotRisk = {
  workload: {
    namespace: 'payments-stg',
    kind: 'Deployment',
    name: 'payments-api',
  },
  replicas: 3,
  readyReplicas: 1,
  readyOnSpot: 1,
  spotShare: 1,
  zones: ['eu-west-1c'],
  nodeCount: 1,
  pdbNames: [],
  readyOnInterruptedNodes: 0,
  level: 'high',
  reasons: [
    '1 of 1 ready replicas (100%) run on spot nodes',
    'its only ready replica is on spot',
  ],
  summary:
    'high risk: 1 of 1 ready replicas (100%) run on spot nodes; its only ready replica is on spot',
};

export const paymentsEntityView: EntityViewResponse = {
  entityRef: 'component:default/payments-grpc',
  unknownClusters: [],
  clusters: [
    {
      cluster: prodEuWest1,
      namespaces: ['payments-prod'],
      workloads: [paymentsOnProdEu],
      zones: [
        zone(
          [
            subnet(
              'subnet-0a1b2c3d4e5f6a101',
              'eu-west-1a',
              '10.10.0.0/20',
              3_902,
            ),
          ],
          {
            nodes: 7,
            podsWithVpcAddress: 52,
            freePodSlots: 301,
            warmAddresses: 96,
            freeSubnetAddresses: 3_902,
            additionalPods: 301,
            limitedBy: 'node-slots',
            addressesToFillAllSlots: 342,
          },
        ),
      ],
      subnets: [
        subnet('subnet-0a1b2c3d4e5f6a101', 'eu-west-1a', '10.10.0.0/20', 3_902),
      ],
      ipFailures: [],
      version: prodEuDetail.version,
    },
    {
      cluster: stagingEuWest1,
      namespaces: ['payments-stg'],
      workloads: [paymentsOnStaging],
      zones: stagingZones,
      subnets: [stagingSubnetA, stagingSubnetB, stagingSubnetC],
      ipFailures: stagingIpFailures,
      version: {
        status: version133,
        upgradePolicy: 'EXTENDED',
        skew: [],
        insights: {
          total: 2,
          counts: { PASSING: 2, WARNING: 0, ERROR: 0, UNKNOWN: 0 },
          byCategory: {},
          worst: 'PASSING',
          failing: [],
        },
        addons: [],
      },
    },
  ],
};

/** The billing service on the legacy 1.31 cluster. */
export const billingEntityView: EntityViewResponse = {
  entityRef: 'component:default/billing-api',
  unknownClusters: [],
  clusters: [
    {
      cluster: legacyEuWest1,
      namespaces: ['billing-prod'],
      workloads: [
        {
          workload: {
            namespace: 'billing-prod',
            kind: 'Deployment',
            name: 'billing-api',
          },
          replicas: 3,
          readyReplicas: 3,
          readyOnSpot: 0,
          spotShare: 0,
          zones: ['eu-west-1a', 'eu-west-1b'],
          nodeCount: 3,
          pdbNames: ['billing-api'],
          readyOnInterruptedNodes: 0,
          level: 'low',
          reasons: [
            '0 of 3 ready replicas (0%) run on spot nodes',
            'PodDisruptionBudget billing-api covers it',
            'spread over 2 zones',
          ],
          summary:
            'low risk: 0 of 3 ready replicas (0%) run on spot nodes; PodDisruptionBudget billing-api covers it; spread over 2 zones',
        },
      ],
      zones: [],
      subnets: [],
      ipFailures: [],
      version: legacyDetail.version,
    },
  ],
};

// --- history ---------------------------------------------------------------------------------

const HOUR = 3_600_000;

/** Points every 6 hours over the 7 days before FIXTURE_NOW. */
function points(value: (i: number) => number) {
  const end = Date.parse(COLLECTED_AT);
  return Array.from({ length: 29 }, (_, i) => ({
    at: new Date(end - (28 - i) * 6 * HOUR).toISOString(),
    value: value(i),
  }));
}

/** `GET /clusters/:name/history` for the fixture clusters (a steady fall of staging addresses). */
export function fleetHistory(
  cluster: string,
  metric: HistoryMetric,
): HistoryResponse {
  const base = {
    cluster,
    metric,
    from: new Date(Date.parse(COLLECTED_AT) - 7 * 24 * HOUR).toISOString(),
    to: COLLECTED_AT,
  };
  switch (metric) {
    case 'requested-cpu':
      return {
        ...base,
        series: [
          {
            key: cluster,
            label: 'Requested CPU (millicores)',
            points: points(i => 20_000 + (i % 4) * 900 + i * 120),
          },
        ],
      };
    case 'allocatable-cpu':
      return {
        ...base,
        series: [
          {
            key: cluster,
            label: 'Allocatable CPU (millicores)',
            points: points(i => (i < 14 ? 90_240 : 98_240)),
          },
        ],
      };
    case 'spot-cpu-share':
      return {
        ...base,
        series: [
          {
            key: cluster,
            label: 'Spot share of allocatable CPU',
            points: points(i => (i < 14 ? 0.76 : 0.78)),
          },
        ],
      };
    case 'free-ips':
      return {
        ...base,
        series: [stagingSubnetA, stagingSubnetB, stagingSubnetC].map((s, k) => {
          const latest = s.freeAddresses;
          const lossPerPoint = [0.5, 0.6, 0.25][k];
          return {
            key: s.subnetId!,
            label: `${s.subnetId} (${s.availabilityZone})`,
            points: points(i => Math.round(latest + (28 - i) * lossPerPoint)),
            forecast: {
              status: 'exhausting' as const,
              slopePerDay: -lossPerPoint * 4,
              fittedFreeNow: latest,
              daysUntilExhaustion: latest / (lossPerPoint * 4),
              exhaustionDate: new Date(
                Date.parse(COLLECTED_AT) +
                  (latest / (lossPerPoint * 4)) * 24 * HOUR,
              ).toISOString(),
              samplesUsed: 29,
              spanHours: 168,
              latestFree: latest,
              reason: `losing ${
                lossPerPoint * 4
              } addresses a day: about ${Math.floor(
                latest / (lossPerPoint * 4),
              )} days left`,
            },
          };
        }),
      };
    default:
      return {
        ...base,
        series: [
          {
            key: cluster,
            label: 'Additional pods that fit',
            points: points(i => 60 - i),
          },
        ],
      };
  }
}
