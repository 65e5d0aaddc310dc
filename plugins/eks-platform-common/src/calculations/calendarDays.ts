/*
 * Day arithmetic of the support calendar, in UTC days; internal to the calculations (not
 * exported from the package).
 */
const DAY = 86_400_000;

/** An API time (ISO text, epoch seconds or milliseconds, or Date) in epoch milliseconds. */
export function toTime(
  value: string | number | Date | undefined,
): number | undefined {
  if (value === undefined || value === '') return undefined;
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value < 1e11 ? value * 1000 : value;
  else ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** An API date (ISO text, epoch seconds, or Date) as `YYYY-MM-DD` in UTC. */
export function toDay(
  value: string | number | Date | undefined,
): string | undefined {
  const ms = toTime(value);
  return ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from one `YYYY-MM-DD` day to another. */
export function daysBetween(fromDay: string, toDayText: string): number {
  return Math.round((Date.parse(toDayText) - Date.parse(fromDay)) / DAY);
}
