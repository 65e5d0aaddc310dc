import type { IpAssignmentFailure } from '@eks-platform/plugin-eks-platform-common';
import { fixtureTime } from './clock';
import { podZones } from './network';

/** staging-eu-west-1's zones: /24 subnets nearly full, so addresses are the limit everywhere. */
export const stagingZones = podZones(
  {
    region: 'eu-west-1',
    subnetId: 'subnet-0b2c3d4e5f6a7?404',
    firstCidr: '10.40.0.0/24',
  },
  [
    ['a', 7, 2, 31, 15, 2, 24],
    ['b', 3, 2, 38, 8, 0, 13],
    ['c', 9, 2, 29, 17, 4, 22],
  ],
);

/** staging-eu-west-1's pod subnets; the one in eu-west-1b has the fewest addresses left. */
export const stagingSubnets = stagingZones.map(z => z.subnets[0]);

/**
 * Addresses each staging subnet lost per day over the history week, by zone. The history
 * and the cluster's days to exhaustion both follow from these rates.
 */
export const stagingLossPerDay = [2, 1.875, 1];

const SANDBOX_FAILED =
  'Failed to create pod sandbox: plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container';

/** payments-stg pods the VPC CNI could not give an address, as their events say. */
export const stagingIpFailures: IpAssignmentFailure[] = [
  {
    namespace: 'payments-stg',
    podName: 'payments-api-6c9d7f5b8-qk2vx',
    nodeName: 'ip-10-40-1-87.eu-west-1.compute.internal',
    kind: 'subnet-exhausted',
    source: 'FailedCreatePodSandBox',
    message: `${SANDBOX_FAILED}; InsufficientFreeAddressesInSubnet`,
    count: 14,
    lastSeen: fixtureTime('23:38:12'),
  },
  {
    namespace: 'payments-stg',
    podName: 'payments-api-6c9d7f5b8-w7m4d',
    nodeName: 'ip-10-40-0-142.eu-west-1.compute.internal',
    kind: 'ip-assignment-failed',
    source: 'FailedCreatePodSandBox',
    message: SANDBOX_FAILED,
    count: 9,
    lastSeen: fixtureTime('23:36:40'),
  },
];
