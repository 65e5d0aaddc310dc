import { compareKubernetesVersions, minorVersionOf } from './kubernetesVersion';
import type { EksClusterVersionInfo } from './types';
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

const DAY = 86_400_000;

/** An API date (ISO text, epoch seconds, or Date) as `YYYY-MM-DD` in UTC. */
function toDay(value: string | number | Date | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value < 1e11 ? value * 1000 : value;
  else ms = Date.parse(value);
  return Number.isFinite(ms)
    ? new Date(ms).toISOString().slice(0, 10)
    : undefined;
}

function daysBetween(fromDay: string, toDayText: string): number {
  return Math.round((Date.parse(toDayText) - Date.parse(fromDay)) / DAY);
}

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

/**
 * The support phase of a cluster version on a given day, its end dates, days left and
 * the next deadline, from EKS `DescribeClusterVersions` data (`versionStatus`, or the
 * deprecated `status`, is accepted; the dates decide when present, so an old snapshot
 * evaluated later stays right).
 *
 * Upgrade policy: `STANDARD` clusters are auto-upgraded at the end of standard
 * support; `EXTENDED` (the default) clusters enter extended support, billed extra,
 * and are auto-upgraded at its end.
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
  let phase: SupportPhase;
  if (endStd && today < endStd) phase = 'standard';
  else if (endStd && endExt && today < endExt) phase = 'extended';
  else if (endExt && today >= endExt) phase = 'unsupported';
  else phase = phaseFromApi(apiVersionStatus) ?? 'unknown';

  let nextDeadline: VersionDeadline | undefined;
  let daysLeftInPhase: number | undefined;
  if (phase === 'standard' && endStd) {
    daysLeftInPhase = daysBetween(today, endStd);
    nextDeadline =
      supportType === 'STANDARD'
        ? {
            kind: 'auto-upgrade',
            date: endStd,
            daysLeft: daysLeftInPhase,
            description: `standard support ends ${endStd}; upgrade policy STANDARD: EKS auto-upgrades the control plane then`,
          }
        : {
            kind: 'end-of-standard-support',
            date: endStd,
            daysLeft: daysLeftInPhase,
            description: `standard support ends ${endStd}; extended support (extra charge) follows${
              endExt ? ` until ${endExt}` : ''
            }`,
          };
  } else if (phase === 'extended' && endExt) {
    daysLeftInPhase = daysBetween(today, endExt);
    nextDeadline = {
      kind: 'auto-upgrade',
      date: endExt,
      daysLeft: daysLeftInPhase,
      description: `extended support ends ${endExt}; EKS auto-upgrades the control plane then`,
    };
  }

  let summary: string;
  switch (phase) {
    case 'standard':
      summary = `${version} is in standard support`;
      break;
    case 'extended':
      summary =
        supportType === 'STANDARD'
          ? `${version} is past standard support with upgrade policy STANDARD: an auto-upgrade is due`
          : `${version} is in extended support (billed extra)`;
      break;
    case 'unsupported':
      summary = `${version} is no longer supported${
        endExt ? ` since ${endExt}` : ''
      }`;
      break;
    default:
      summary = `${version}: support phase unknown`;
  }
  if (nextDeadline) {
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
