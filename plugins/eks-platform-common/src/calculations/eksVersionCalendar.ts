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
 * Source of 1.28 to 1.34: the EKS user guide, "Understand the Kubernetes version lifecycle on
 * EKS", section "Amazon EKS Kubernetes release calendar" (UTC; read in its awsdocs edition of
 * 2024-12 for 1.28 and a later one listing 1.29 to 1.34). 1.35: its end of standard and extended
 * support as that calendar lists them (quoted by aws-samples' EKS operation review); its EKS
 * release date is derived from them (standard support lasts 14 months from the release). 1.36:
 * not read from AWS's calendar; release and end of standard support as a third-party upgrade guide
 * reports them (they fit the 14-month rule), end of extended support derived (+12 months).
 *
 * @public
 */
export const EKS_FALLBACK_CALENDAR: FallbackCalendarEntry[] = [
  {
    clusterVersion: '1.28',
    releaseDate: '2023-09-26',
    endOfStandardSupportDate: '2024-11-26',
    endOfExtendedSupportDate: '2025-11-26',
    source: 'EKS user guide release calendar',
  },
  {
    clusterVersion: '1.29',
    releaseDate: '2024-01-23',
    endOfStandardSupportDate: '2025-03-23',
    endOfExtendedSupportDate: '2026-03-23',
    source: 'EKS user guide release calendar',
  },
  {
    clusterVersion: '1.30',
    releaseDate: '2024-05-23',
    endOfStandardSupportDate: '2025-07-23',
    endOfExtendedSupportDate: '2026-07-23',
    source: 'EKS user guide release calendar',
  },
  {
    clusterVersion: '1.31',
    releaseDate: '2024-09-26',
    endOfStandardSupportDate: '2025-11-26',
    endOfExtendedSupportDate: '2026-11-26',
    source: 'EKS user guide release calendar',
  },
  {
    clusterVersion: '1.32',
    releaseDate: '2025-01-23',
    endOfStandardSupportDate: '2026-03-23',
    endOfExtendedSupportDate: '2027-03-23',
    source: 'EKS user guide release calendar',
  },
  {
    clusterVersion: '1.33',
    releaseDate: '2025-05-29',
    endOfStandardSupportDate: '2026-07-29',
    endOfExtendedSupportDate: '2027-07-29',
    source: 'EKS user guide release calendar',
  },
  {
    clusterVersion: '1.34',
    releaseDate: '2025-10-02',
    endOfStandardSupportDate: '2026-12-02',
    endOfExtendedSupportDate: '2027-12-02',
    source: 'EKS user guide release calendar',
  },
  {
    clusterVersion: '1.35',
    releaseDate: '2026-01-27',
    endOfStandardSupportDate: '2027-03-27',
    endOfExtendedSupportDate: '2028-03-27',
    source:
      'EKS user guide release calendar via aws-samples (support ends); release derived: end of standard - 14 months',
  },
  {
    clusterVersion: '1.36',
    releaseDate: '2026-06-02',
    endOfStandardSupportDate: '2027-08-02',
    endOfExtendedSupportDate: '2028-08-02',
    source:
      'not AWS-verified: release and end of standard as a third-party EKS upgrade guide reports them; end of extended derived: end of standard + 12 months',
  },
];

/**
 * The day the fallback calendar was assembled.
 *
 * @public
 */
export const EKS_FALLBACK_CALENDAR_AS_OF = '2026-12-02';
