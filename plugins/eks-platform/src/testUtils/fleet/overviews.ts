import type {
  ClusterOverview,
  ClusterOverviewResponse,
} from '@eks-platform/plugin-eks-platform-common';
import { capacityOf } from './capacity';
import { checkoutBlue, checkoutGreen } from './checkout';
import { fixtureTime } from './clock';
import { clusterOverview, registered } from './cluster';
import { stagingForecasts } from './history';
import { podZones, quietOutlook } from './network';
import { stagingZones } from './staging';
import { version131, version132, version133 } from './versions';

/** prod-eu-west-1's nodes: 78% of its CPU on spot. */
export const prodEuCapacity = capacityOf({
  spot: {
    nodes: 15,
    cpu: [76_596, 16_650],
    memoryGib: [292.5, 22.5],
    pods: [1_170, 112],
  },
  'on-demand': {
    nodes: 5,
    cpu: [21_604, 6_800],
    memoryGib: [82.5, 16.5],
    pods: [290, 41],
  },
});

/** prod-eu-west-1's zones: /20 subnets, so node slots are the limit everywhere. */
export const prodEuZones = podZones(
  {
    region: 'eu-west-1',
    subnetId: 'subnet-0a1b2c3d4e5f6?101',
    firstCidr: '10.10.0.0/20',
  },
  [
    ['a', 3_902, 7, 52, 301, 96, 342],
    ['b', 3_874, 7, 55, 64, 40, 80],
    ['c', 3_931, 6, 46, 47, 30, 60],
  ],
);

/** The spot-heavy production cluster in Ireland. @public */
export const prodEuWest1 = clusterOverview({
  name: 'prod-eu-west-1',
  title: 'Production EU (spot-heavy)',
  region: 'eu-west-1',
  accountId: '111122223333',
  version: version133,
  capacity: prodEuCapacity,
  ip: { zones: prodEuZones, outlook: quietOutlook('no-exhaustion') },
});

/** Staging, running out of pod addresses within two days. @public */
export const stagingEuWest1 = clusterOverview({
  name: 'staging-eu-west-1',
  title: 'Staging EU',
  region: 'eu-west-1',
  accountId: '222233334444',
  version: version133,
  capacity: capacityOf({
    spot: { nodes: 4, cpu: [7_776, 3_900], memoryGib: [23, 6] },
    'on-demand': { nodes: 2, cpu: [1_944, 1_250], memoryGib: [12, 3] },
  }),
  ip: {
    zones: stagingZones,
    outlook: { forecasts: stagingForecasts, podsFailingIpAssignment: 6 },
  },
});

/** The legacy cluster on Kubernetes 1.31, all on-demand. @public */
export const legacyEuWest1 = clusterOverview({
  name: 'legacy-eu-west-1',
  title: 'Legacy EU (1.31)',
  region: 'eu-west-1',
  accountId: '333344445555',
  version: version131,
  capacity: capacityOf({
    spot: { nodes: 0, cpu: [0, 0], memoryGib: [0, 0] },
    'on-demand': { nodes: 6, cpu: [17_370, 3_100], memoryGib: [61, 5.75] },
  }),
  ip: {
    zones: podZones(
      {
        region: 'eu-west-1',
        subnetId: 'subnet-0c3d4e5f6a7b8?505',
        firstCidr: '10.50.0.0/21',
      },
      [
        ['a', 1_990, 3, 40, 74, 20, 90],
        ['b', 1_936, 3, 41, 74, 18, 88],
      ],
    ),
    outlook: quietOutlook('not-enough-history'),
  },
});

/** Collected an hour ago; the latest run was throttled by EC2, so subnets are missing. @public */
export const prodApSouth1 = clusterOverview({
  name: 'prod-ap-south-1',
  title: 'Production AP (custom networking)',
  region: 'ap-south-1',
  accountId: '111122223333',
  version: version132,
  capacity: capacityOf({
    spot: { nodes: 3, cpu: [23_785, 3_750], memoryGib: [87, 6] },
    'on-demand': { nodes: 3, cpu: [11_715, 2_000], memoryGib: [44, 3.9375] },
  }),
  freshness: {
    collectedAt: fixtureTime('22:40:00.000'),
    stale: true,
    partial: ['ec2'],
    lastError: {
      kind: 'throttled',
      source: 'ec2',
      message: 'EC2 DescribeSubnets was throttled (RequestLimitExceeded)',
      at: fixtureTime('23:40:05.000'),
      status: 503,
    },
  },
});

/** Never collected yet: the collector cannot reach the API server. @public */
export const prodUsEast1: ClusterOverview = {
  ...registered({
    name: 'prod-us-east-1',
    title: 'Production US (prefix delegation)',
    region: 'us-east-1',
    accountId: '111122223333',
  }),
  stale: true,
  partial: [],
  lastError: {
    kind: 'unreachable',
    source: 'kubernetes',
    message: 'connect ECONNREFUSED 127.0.0.1:7791',
    at: fixtureTime('23:41:30.000'),
  },
};

/** The fleet table's rows in the backend's order. @public */
export const fleetOverviews: ClusterOverview[] = [
  prodEuWest1,
  prodUsEast1,
  prodApSouth1,
  stagingEuWest1,
  legacyEuWest1,
  checkoutBlue,
  checkoutGreen,
];

/** `GET /clusters` for the fixture fleet. @public */
export const fleetOverviewResponse: ClusterOverviewResponse = {
  items: fleetOverviews,
};
