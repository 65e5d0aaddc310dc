import {
  type ClusterOverview,
  type EksInsightSummary,
  type RollbackWindow,
  rollbackWindow,
} from '@eks-platform/plugin-eks-platform-common';
import { FIXTURE_NOW } from './clock';

const DAY = 86_400_000;

/**
 * checkout-green's rollback window at FIXTURE_NOW, computed by the common rule from an in-place
 * upgrade to 1.34 three days earlier (a first attempt failed the day before). @public
 */
export const greenRollback: RollbackWindow = rollbackWindow({
  updates: [
    {
      id: 'b7c1d2e3-0001-4f5a-8b9c-0d1e2f3a4b5c',
      type: 'VersionUpdate',
      status: 'Successful',
      createdAt: new Date(Date.parse(FIXTURE_NOW) - 3 * DAY).toISOString(),
      params: [{ type: 'Version', value: '1.34' }],
    },
    {
      id: 'b7c1d2e3-0002-4f5a-8b9c-0d1e2f3a4b5c',
      type: 'VersionUpdate',
      status: 'Failed',
      createdAt: new Date(Date.parse(FIXTURE_NOW) - 4 * DAY).toISOString(),
      params: [{ type: 'Version', value: '1.34' }],
    },
  ],
  now: FIXTURE_NOW,
  clusterVersion: '1.34',
});

/** The fleet row's short form of an open rollback window. */
export function rollbackOpenOf(
  window: RollbackWindow,
): NonNullable<ClusterOverview['version']>['rollbackOpen'] {
  return window.value
    ? {
        targetVersion: window.targetVersion,
        untilDay: window.untilDay!,
        daysLeft: window.daysLeft!,
      }
    : undefined;
}

/** checkout-green's rollback-readiness insights, beside its passing upgrade insight. */
export const greenInsights: EksInsightSummary[] = [
  {
    name: 'Kubelet version skew',
    category: 'ROLLBACK_READINESS',
    kubernetesVersion: '1.33',
    insightStatus: {
      status: 'ERROR',
      reason:
        'Node groups system-od and karpenter-spot run kubelet 1.34, newer than 1.33.',
    },
  },
  {
    name: 'Kubelet version skew',
    category: 'UPGRADE_READINESS',
    kubernetesVersion: '1.35',
    insightStatus: { status: 'PASSING' },
  },
];
