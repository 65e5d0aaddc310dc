import type { ClusterOverview } from '@eks-platform/plugin-eks-platform-common';
import { capacityOf } from './capacity';
import { clusterOverview } from './cluster';
import { podZones, quietOutlook } from './network';
import { greenRollback, rollbackOpenOf } from './rollback';
import { version132, version134 } from './versions';

/** Both halves of the pair run in the same account and region. */
const checkout = { region: 'eu-central-1', accountId: '111122223333' };

/** The blue half of the checkout blue/green pair: the old cluster, on 1.32. @public */
export const checkoutBlue = clusterOverview({
  ...checkout,
  name: 'checkout-blue',
  title: 'Checkout blue (old)',
  version: version132,
  capacity: capacityOf({
    spot: { nodes: 3, cpu: [22_680, 1_900], memoryGib: [54, 2] },
    'on-demand': { nodes: 2, cpu: [8_820, 800], memoryGib: [28, 0.96875] },
  }),
  ip: {
    zones: podZones(
      {
        region: 'eu-central-1',
        subnetId: 'subnet-0a1b2c3d4e5f6?606',
        firstCidr: '10.60.0.0/21',
      },
      [
        ['a', 1_962, 2, 30, 80, 16, 96],
        ['b', 1_990, 2, 25, 51, 12, 63],
        ['c', 2_001, 1, 10, 30, 8, 38],
      ],
    ),
    outlook: quietOutlook('no-exhaustion'),
  },
});

const greenOverview = clusterOverview({
  ...checkout,
  name: 'checkout-green',
  title: 'Checkout green (new)',
  version: version134,
  capacity: capacityOf({
    spot: { nodes: 2, cpu: [7_920, 400], memoryGib: [27.5, 0.5] },
    'on-demand': { nodes: 2, cpu: [7_920, 300], memoryGib: [27.5, 0.5] },
  }),
  ip: {
    zones: podZones(
      {
        region: 'eu-central-1',
        subnetId: 'subnet-0a1b2c3d4e5f6?707',
        firstCidr: '10.70.0.0/21',
      },
      [
        ['a', 2_030, 2, 12, 52, 10, 62],
        ['b', 2_021, 2, 14, 51, 10, 61],
      ],
    ),
    outlook: quietOutlook('not-enough-history'),
  },
});

/**
 * The green half: the new cluster, upgraded in place to 1.34 three days ago (its rollback
 * window open), with upgrade policy STANDARD. @public
 */
export const checkoutGreen: ClusterOverview = {
  ...greenOverview,
  version: {
    ...greenOverview.version!,
    rollbackOpen: rollbackOpenOf(greenRollback),
  },
};
