import type { EksClusterVersionInfo } from './types';

/**
 * A row of the offline fallback calendar, with where its dates come from.
 *
 * @public
 */
export type FallbackCalendarEntry = EksClusterVersionInfo & {
  /** Where the dates come from. */
  source: string;
};

/**
 * OFFLINE FALLBACK ONLY. EKS support dates as known on {@link EKS_FALLBACK_CALENDAR_AS_OF},
 * for when `DescribeClusterVersions` cannot be called (no AWS access, tests, demos).
 * Always prefer the API: AWS changes these dates. Anything derived from this table
 * must say it came from the fallback (see `versionStatus`' `source`).
 *
 * Sources: the domain notes' calendar (from the EKS user guide page
 * "Understand the Kubernetes version lifecycle on EKS"): 1.31 extended support ends
 * 2026-11-26; 1.32 standard 2026-03-23, extended 2027-03-23; 1.33 standard 2026-07-29;
 * 1.34 standard 2026-12-02. The other dates (release dates, 1.29/1.30/1.35 rows, the
 * remaining extended dates) are from endoflife.date/amazon-eks, a third-party page,
 * and agree with "14 months standard + 12 months extended".
 *
 * @public
 */
export const EKS_FALLBACK_CALENDAR: FallbackCalendarEntry[] = [
  {
    clusterVersion: '1.29',
    releaseDate: '2024-01-23',
    endOfStandardSupportDate: '2025-03-23',
    endOfExtendedSupportDate: '2026-03-23',
    source: 'endoflife.date (third-party)',
  },
  {
    clusterVersion: '1.30',
    releaseDate: '2024-05-23',
    endOfStandardSupportDate: '2025-07-23',
    endOfExtendedSupportDate: '2026-07-23',
    source: 'endoflife.date (third-party)',
  },
  {
    clusterVersion: '1.31',
    releaseDate: '2024-09-26',
    endOfStandardSupportDate: '2025-11-26',
    endOfExtendedSupportDate: '2026-11-26',
    source:
      'EKS user guide via domain notes (extended); endoflife.date (others)',
  },
  {
    clusterVersion: '1.32',
    releaseDate: '2025-01-23',
    endOfStandardSupportDate: '2026-03-23',
    endOfExtendedSupportDate: '2027-03-23',
    source: 'EKS user guide via domain notes; release date endoflife.date',
  },
  {
    clusterVersion: '1.33',
    releaseDate: '2025-05-28',
    endOfStandardSupportDate: '2026-07-29',
    endOfExtendedSupportDate: '2027-07-29',
    source:
      'EKS user guide via domain notes (standard); endoflife.date (others)',
  },
  {
    clusterVersion: '1.34',
    releaseDate: '2025-10-02',
    endOfStandardSupportDate: '2026-12-02',
    endOfExtendedSupportDate: '2027-12-02',
    source:
      'EKS user guide via domain notes (standard); endoflife.date (others)',
  },
  {
    clusterVersion: '1.35',
    releaseDate: '2026-01-28',
    endOfStandardSupportDate: '2027-03-27',
    endOfExtendedSupportDate: '2028-03-27',
    source: 'endoflife.date (third-party)',
  },
];

/**
 * The day the fallback calendar was assembled.
 *
 * @public
 */
export const EKS_FALLBACK_CALENDAR_AS_OF = '2026-11-21';
