import { EKS_FALLBACK_CALENDAR } from '@eks-platform/plugin-eks-platform-common';

/**
 * AWS's end of extended support of Kubernetes 1.31 on EKS, read from the EKS calendar: the
 * fixtures' days are placed around it, so their days left follow from AWS's dates.
 *
 * @public
 */
export const END_OF_EXTENDED_1_31 = String(
  EKS_FALLBACK_CALENDAR.find(v => v.clusterVersion === '1.31')!
    .endOfExtendedSupportDate,
);

/**
 * The ISO time `days` after `day` (`YYYY-MM-DD`, UTC) at `time`: fixture times computed
 * from a fact rather than written as literal dates that go stale.
 *
 * @public
 */
export const isoFrom = (day: string, days: number, time = '00:00:00') =>
  new Date(Date.parse(`${day}T${time}Z`) + days * 86_400_000).toISOString();

/**
 * The moment the fixtures describe: a few minutes after the last collection run, five days
 * before 1.31's end of extended support. Tests pin `Date.now()` to it so relative times and
 * days left stay stable.
 *
 * @public
 */
export const FIXTURE_NOW = isoFrom(END_OF_EXTENDED_1_31, -5, '23:45:00.000');

/** FIXTURE_NOW's day, `YYYY-MM-DD`, as the page prints it. @public */
export const FIXTURE_DAY = FIXTURE_NOW.slice(0, 10);

/** When the fixture collector last ran: every fresh cluster's `collectedAt`. */
export const COLLECTED_AT = isoFrom(END_OF_EXTENDED_1_31, -5, '23:42:00.000');

/** The fixture time `hh:mm:ss(.mmm)` on FIXTURE_DAY. */
export const fixtureTime = (time: string) =>
  isoFrom(END_OF_EXTENDED_1_31, -5, time);
