import {
  EKS_FALLBACK_CALENDAR,
  type ClusterOverview,
  type ClusterVersionStatus,
  type EksClusterVersionInfo,
  versionStatus,
} from '@eks-platform/plugin-eks-platform-common';
import { FIXTURE_DAY, FIXTURE_NOW } from './clock';

/** The API's support status of a calendar row on FIXTURE_DAY, as DescribeClusterVersions states it. */
function apiStatusOn(day: string, row: EksClusterVersionInfo): string {
  if (day < String(row.endOfStandardSupportDate)) return 'STANDARD_SUPPORT';
  if (day < String(row.endOfExtendedSupportDate)) return 'EXTENDED_SUPPORT';
  return 'UNSUPPORTED';
}

/**
 * The fixture fleet's DescribeClusterVersions answer: AWS's calendar with each row's status
 * on FIXTURE_DAY. Deriving it keeps the fixtures' phases and days left on AWS's dates.
 */
const fixtureClusterVersions: EksClusterVersionInfo[] =
  EKS_FALLBACK_CALENDAR.map(row => ({
    clusterVersion: row.clusterVersion,
    releaseDate: row.releaseDate,
    endOfStandardSupportDate: row.endOfStandardSupportDate,
    endOfExtendedSupportDate: row.endOfExtendedSupportDate,
    versionStatus: apiStatusOn(FIXTURE_DAY, row),
  }));

/**
 * A fixture cluster's version status at FIXTURE_NOW, computed as the backend does. Upgrade
 * policy `EXTENDED` is the EKS default; checkout-green runs `STANDARD`.
 */
export function fixtureVersion(
  clusterVersion: string,
  supportType: 'STANDARD' | 'EXTENDED' = 'EXTENDED',
): ClusterVersionStatus {
  return versionStatus({
    clusterVersion,
    versions: fixtureClusterVersions,
    now: FIXTURE_NOW,
    supportType,
  });
}

/** Kubernetes 1.31, the legacy cluster's version: five days of extended support left. @public */
export const version131 = fixtureVersion('1.31');
/** Kubernetes 1.32 in extended support (prod-ap-south-1, checkout-blue). @public */
export const version132 = fixtureVersion('1.32');
/** Kubernetes 1.33 in extended support (prod-eu-west-1, staging-eu-west-1). @public */
export const version133 = fixtureVersion('1.33');
/** Kubernetes 1.34 in standard support with upgrade policy STANDARD (checkout-green). @public */
export const version134 = fixtureVersion('1.34', 'STANDARD');

/** The fleet table's short form of a version status. */
export function versionOf(
  status: ClusterVersionStatus,
): ClusterOverview['version'] {
  return {
    kubernetesVersion: status.version,
    phase: status.phase,
    daysLeft: status.daysLeftInPhase,
    nextDeadline: status.nextDeadline?.date,
    summary: status.summary,
  };
}
