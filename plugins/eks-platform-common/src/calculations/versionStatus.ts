import { compareKubernetesVersions, minorVersionOf } from './kubernetesVersion';
import type { EksClusterVersionInfo } from './types';
import { daysBetween, toDay } from './calendarDays';
import type { FigureRule } from './figure';

/**
 * Support phase of a cluster version.
 *
 * @public
 */
export type SupportPhase = 'standard' | 'extended' | 'unsupported' | 'unknown';

/**
 * The next date that matters for a cluster.
 * - `end-of-standard-support`: extended support (and its extra charge) begins
 * - `auto-upgrade`: EKS upgrades the control plane (end of standard support with
 *   upgrade policy `STANDARD`, or end of extended support)
 *
 * @public
 */
export type VersionDeadline = {
  kind: 'end-of-standard-support' | 'auto-upgrade';
  /** `YYYY-MM-DD`. */
  date: string;
  /** Whole days from `now` (0 on the day, negative when past). */
  daysLeft: number;
  description: string;
};

/**
 * The support status of a cluster's Kubernetes version.
 *
 * @public
 */
export type ClusterVersionStatus = {
  version: string;
  phase: SupportPhase;
  /** `STANDARD_SUPPORT` / `EXTENDED_SUPPORT` / `UNSUPPORTED` as the API said, if given. */
  apiVersionStatus?: string;
  supportType: 'STANDARD' | 'EXTENDED';
  releaseDate?: string;
  endOfStandardSupport?: string;
  endOfExtendedSupport?: string;
  /** Days until the current phase ends. */
  daysLeftInPhase?: number;
  nextDeadline?: VersionDeadline;
  /** The next minor version EKS offers, when listed. */
  nextVersion?: string;
  /** The newest version listed. */
  latestVersion?: string;
  /** Minor versions between this one and the newest. */
  versionsBehindLatest?: number;
  /** `api` for DescribeClusterVersions data, `fallback-calendar` for the offline table. */
  source: 'api' | 'fallback-calendar';
  summary: string;
};

/**
 * Input of {@link versionStatus}.
 *
 * @public
 */
export type VersionStatusInput = {
  /** The cluster's version, e.g. `1.31` (patch and suffixes are ignored). */
  clusterVersion: string;
  /** `DescribeClusterVersions` → `clusterVersions`, or the fallback calendar. */
  versions: EksClusterVersionInfo[];
  now: string | number | Date;
  /** The cluster's `upgradePolicy.supportType`; default `EXTENDED` (the EKS default). */
  supportType?: string;
  /** Say so when `versions` is the offline fallback table. Default `api`. */
  source?: 'api' | 'fallback-calendar';
};

function phaseFromApi(status: string | undefined): SupportPhase | undefined {
  switch (status?.toUpperCase()) {
    case 'STANDARD_SUPPORT':
      return 'standard';
    case 'EXTENDED_SUPPORT':
      return 'extended';
    case 'UNSUPPORTED':
      return 'unsupported';
    default:
      return undefined;
  }
}

type DeadlineInput = {
  today: string;
  endStd?: string;
  endExt?: string;
  supportType: 'STANDARD' | 'EXTENDED';
  /** When this cluster's support ends: standard support under policy STANDARD, else extended. */
  supportEnd?: string;
};

/** What EKS does once a cluster's support is over, as the EKS version lifecycle documents it. */
const AFTER_SUPPORT =
  'EKS upgrades the control plane to the next version without notice; nodes and add-ons stay on their versions';

function deadlineOf(
  phase: SupportPhase,
  d: DeadlineInput,
): { nextDeadline?: VersionDeadline; daysLeftInPhase?: number } {
  if (phase === 'standard' && d.endStd) {
    const daysLeft = daysBetween(d.today, d.endStd);
    const nextDeadline: VersionDeadline =
      d.supportType === 'STANDARD'
        ? {
            kind: 'auto-upgrade',
            date: d.endStd,
            daysLeft,
            description: `standard support ends ${d.endStd}; upgrade policy STANDARD: EKS auto-upgrades the control plane then`,
          }
        : {
            kind: 'end-of-standard-support',
            date: d.endStd,
            daysLeft,
            description: `standard support ends ${
              d.endStd
            }; extended support (extra charge) follows${
              d.endExt ? ` until ${d.endExt}` : ''
            }`,
          };
    return { nextDeadline, daysLeftInPhase: daysLeft };
  }
  if (phase === 'extended' && d.endExt) {
    const daysLeft = daysBetween(d.today, d.endExt);
    return {
      daysLeftInPhase: daysLeft,
      nextDeadline: {
        kind: 'auto-upgrade',
        date: d.endExt,
        daysLeft,
        description: `extended support ends ${d.endExt}; EKS auto-upgrades the control plane then`,
      },
    };
  }
  if (phase === 'unsupported' && d.supportEnd) {
    // The auto-upgrade was due when support ended: it is due now, not in some days.
    const ended =
      d.supportType === 'STANDARD'
        ? `standard support ended ${d.supportEnd}; upgrade policy STANDARD: no extended support`
        : `extended support ended ${d.supportEnd}`;
    return {
      nextDeadline: {
        kind: 'auto-upgrade',
        date: d.supportEnd,
        daysLeft: 0,
        description: `${ended}; the auto-upgrade is due now: ${AFTER_SUPPORT}`,
      },
    };
  }
  return {};
}

function summaryOf(
  version: string,
  phase: SupportPhase,
  d: Pick<DeadlineInput, 'supportType' | 'supportEnd'>,
): string {
  switch (phase) {
    case 'standard':
      return `${version} is in standard support`;
    case 'extended':
      return `${version} is in extended support (billed extra)`;
    case 'unsupported':
      if (!d.supportEnd) return `${version} is no longer supported`;
      return d.supportType === 'STANDARD'
        ? `${version} is past the end of standard support (${d.supportEnd}) with upgrade policy STANDARD: it does not enter extended support, and the auto-upgrade is due now`
        : `${version} is no longer supported since ${d.supportEnd}: ${AFTER_SUPPORT}`;
    default:
      return `${version}: support phase unknown`;
  }
}

/**
 * The support phase of a cluster version on a given day, its end dates, days left and
 * the next deadline, from EKS `DescribeClusterVersions` data (`versionStatus`, or the
 * deprecated `status`, is accepted; the dates decide when present, so an old snapshot
 * evaluated later stays right).
 *
 * Upgrade policy: `STANDARD` clusters are auto-upgraded at the end of standard
 * support and never enter extended support (past that date the auto-upgrade is due now);
 * `EXTENDED` (the default) clusters enter extended support, billed extra, and are
 * auto-upgraded at its end.
 *
 * Sources: EKS API `DescribeClusterVersions`, `UpgradePolicyRequest.supportType`;
 * EKS user guide "Understand the Kubernetes version lifecycle on EKS" (14 months
 * standard, 12 months extended, auto-upgrade at the end).
 *
 * @public
 */
export function versionStatus(input: VersionStatusInput): ClusterVersionStatus {
  const version = minorVersionOf(input.clusterVersion) ?? input.clusterVersion;
  const today = toDay(input.now) ?? toDay(Date.now())!;
  const supportType =
    input.supportType?.toUpperCase() === 'STANDARD' ? 'STANDARD' : 'EXTENDED';
  const source = input.source ?? 'api';
  const listed = input.versions
    .map(v => minorVersionOf(v.clusterVersion))
    .filter((v): v is string => !!v)
    .sort(compareKubernetesVersions);
  const uniqueListed = [...new Set(listed)];
  const latestVersion = uniqueListed[uniqueListed.length - 1];
  const nextVersion = uniqueListed.find(
    v => compareKubernetesVersions(v, version) > 0,
  );
  const versionsBehindLatest = latestVersion
    ? uniqueListed.filter(v => compareKubernetesVersions(v, version) > 0).length
    : undefined;
  const info = input.versions.find(
    v => minorVersionOf(v.clusterVersion) === version,
  );
  const common = {
    version,
    supportType,
    nextVersion,
    latestVersion,
    versionsBehindLatest,
    source,
  } as const;
  const fromFallback =
    source === 'fallback-calendar' ? ' (offline fallback calendar)' : '';

  if (!info) {
    return {
      ...common,
      phase: 'unknown',
      summary: `${version} is not in the version list${fromFallback}`,
    };
  }

  const apiVersionStatus = info.versionStatus ?? info.status;
  const endStd = toDay(info.endOfStandardSupportDate);
  const endExt = toDay(info.endOfExtendedSupportDate);
  // Under upgrade policy STANDARD a cluster never enters extended support.
  const supportEnd = supportType === 'STANDARD' ? endStd : endExt;
  let phase: SupportPhase;
  if (endStd && today < endStd) phase = 'standard';
  else if (supportType === 'EXTENDED' && endStd && endExt && today < endExt)
    phase = 'extended';
  else if (supportEnd && today >= supportEnd) phase = 'unsupported';
  else phase = phaseFromApi(apiVersionStatus) ?? 'unknown';

  const { nextDeadline, daysLeftInPhase } = deadlineOf(phase, {
    today,
    endStd,
    endExt,
    supportType,
    supportEnd,
  });
  let summary = summaryOf(version, phase, { supportType, supportEnd });
  if (nextDeadline && phase !== 'unsupported') {
    summary += `; ${nextDeadline.daysLeft} days until ${nextDeadline.date} (${
      nextDeadline.kind === 'auto-upgrade'
        ? 'auto-upgrade'
        : 'end of standard support'
    })`;
  }
  summary += fromFallback;

  return {
    ...common,
    phase,
    apiVersionStatus,
    releaseDate: toDay(info.releaseDate),
    endOfStandardSupport: endStd,
    endOfExtendedSupport: endExt,
    daysLeftInPhase,
    nextDeadline,
    summary,
  };
}

/**
 * The rules of a cluster version's support figures; the `fallback` sources apply when the
 * calendar came from the offline fallback because DescribeClusterVersions could not be read.
 *
 * @public
 */
export const VERSION_RULES = {
  daysLeftInPhase: {
    formula: 'days left = end of the current support phase - today (UTC)',
    source:
      'EKS DescribeClusterVersions endOfStandardSupportDate / endOfExtendedSupportDate',
  },
  daysLeftInPhaseFallback: {
    formula: 'days left = end of the current support phase - today (UTC)',
    source:
      'offline fallback calendar (DescribeClusterVersions could not be read)',
  },
  endOfStandardSupportDate: {
    formula: 'end of standard support (about 14 months after release)',
    source: 'EKS DescribeClusterVersions endOfStandardSupportDate',
  },
  endOfExtendedSupportDate: {
    formula: 'end of extended support (12 more months); EKS auto-upgrades then',
    source: 'EKS DescribeClusterVersions endOfExtendedSupportDate',
  },
  fallbackCalendar: {
    formula:
      "support dates of the offline fallback calendar (AWS's published dates)",
    source: 'offline fallback calendar',
  },
} satisfies Record<string, FigureRule>;
