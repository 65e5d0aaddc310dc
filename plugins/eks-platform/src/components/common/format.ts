/*
 * Number and time formatting for the views. Everything is rendered in English with
 * fixed precision, and absolute times in UTC, so a screenshot reads the same for every
 * viewer.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `1234` -> `1,234`. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** A share 0..1 as a whole percentage: `0.78` -> `78%`. */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Millicores as cores with one decimal: `23450` -> `23.5`. */
export function formatCores(millis: number): string {
  return (millis / 1000).toFixed(1);
}

/** Bytes as GiB with one decimal: `41875931136` -> `39.0`. */
export function formatGiB(bytes: number): string {
  return (bytes / 2 ** 30).toFixed(1);
}

/** Days with one decimal below 10, whole days above: `1.6 days`, `250 days`, `1 day`. */
export function formatDays(days: number): string {
  const text =
    days < 10 ? `${Math.round(days * 10) / 10}` : `${Math.round(days)}`;
  return `${text} ${text === '1' ? 'day' : 'days'}`;
}

/** An ISO date-time as `2026-11-21 23:42 UTC`; an ISO date stays `2026-11-26`. */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const text = new Date(ms).toISOString();
  return iso.length <= 10
    ? text.slice(0, 10)
    : `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/**
 * How long ago (or until) `iso` is from `now`, in words: `just now`, `3 min ago`,
 * `2 h ago`, `4 days ago`, `in 5 min`.
 */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const diff = now - ms;
  const abs = Math.abs(diff);
  let text: string;
  if (abs < 60_000) return 'just now';
  if (abs < 3_600_000) text = `${Math.floor(abs / 60_000)} min`;
  else if (abs < 86_400_000) text = `${Math.floor(abs / 3_600_000)} h`;
  else {
    const days = Math.floor(abs / 86_400_000);
    text = `${days} ${days === 1 ? 'day' : 'days'}`;
  }
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}
