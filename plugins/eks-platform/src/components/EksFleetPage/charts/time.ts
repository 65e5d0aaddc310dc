export const DAY_MS = 86_400_000;

/** `2026-11-21` for epoch milliseconds. */
export function dayLabel(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `11-21 06:00` for epoch milliseconds (UTC). */
export function shortTimeLabel(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** The default history window: the 14 days up to now. */
export function defaultRange(now = Date.now()): { from: string; to: string } {
  return {
    from: new Date(now - 14 * DAY_MS).toISOString(),
    to: new Date(now).toISOString(),
  };
}
