import { daysBetween, toDay } from './calendarDays';
import type { ExplainedFigure } from './figure';

const CALENDAR =
  'EKS user guide, Kubernetes version lifecycle: 14 months of standard support, then 12 of extended support';

/**
 * Days of standard and of extended support a cluster's version has left from today (UTC), a phase
 * already over counting 0. Extended days start where standard support ends, so the two add up to
 * the days until the end of extended support.
 *
 * @public
 */
export function supportDaysLeft(
  dates: { endOfStandardSupport?: string; endOfExtendedSupport?: string },
  now: number = Date.now(),
): { standardDays: ExplainedFigure; extendedDays: ExplainedFigure } {
  const today = toDay(now)!;
  const daysTo = (day?: string) => {
    const end = toDay(day);
    return end ? daysBetween(today, end) : undefined;
  };
  const std = daysTo(dates.endOfStandardSupport);
  const ext = daysTo(dates.endOfExtendedSupport);
  const standard = Math.max(0, std ?? 0);
  const extended = Math.max(0, (ext ?? 0) - standard);
  return {
    standardDays: {
      value: standard,
      formula: `max(0, ${
        dates.endOfStandardSupport ?? 'unknown'
      } - ${today}) = ${standard} days`,
      source: CALENDAR,
    },
    extendedDays: {
      value: extended,
      formula: `max(0, ${
        dates.endOfExtendedSupport ?? 'unknown'
      } - ${today} - ${standard} standard days) = ${extended} days`,
      source: CALENDAR,
    },
  };
}
