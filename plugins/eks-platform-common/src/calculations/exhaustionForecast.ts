import type { FigureRule } from './figure';

/**
 * One stored observation of free addresses (a subnet, a zone, or a cluster).
 *
 * @public
 */
export type FreeAddressSample = {
  /** ISO time, epoch milliseconds or a Date. */
  timestamp: string | number | Date;
  freeAddresses: number;
};

/**
 * Options of {@link forecastExhaustion}.
 *
 * @public
 */
export type ExhaustionForecastOptions = {
  /** The moment to forecast from; default the latest sample's time. */
  now?: string | number | Date;
  /** Only samples this recent (before `now`) are fitted; default {@link FORECAST_WINDOW_DAYS}. */
  windowHours?: number;
  /** Fewer samples than this in the window gives `not-enough-history`; default 6. */
  minSamples?: number;
  /** A window spanning less than this gives `not-enough-history`; default 24 hours. */
  minSpanHours?: number;
  /**
   * A slope shallower than this (addresses lost per day) counts as flat; default 0.5,
   * so a trend that would take years is not reported as exhaustion.
   */
  flatSlopePerDay?: number;
};

/**
 * The forecast.
 * - `not-enough-history`: too few samples or too short a span to fit a trend
 * - `no-exhaustion`: free addresses are flat or rising
 * - `exhausting`: falling; `daysUntilExhaustion` and `exhaustionDate` say when
 * - `exhausted`: nothing free now
 *
 * @public
 */
export type ExhaustionForecast = {
  status: 'not-enough-history' | 'no-exhaustion' | 'exhausting' | 'exhausted';
  /** Fitted change of free addresses per day (negative when falling). */
  slopePerDay?: number;
  /** Free addresses at `now` on the fitted line. */
  fittedFreeNow?: number;
  daysUntilExhaustion?: number;
  /** ISO date-time at which the fitted line reaches zero. */
  exhaustionDate?: string;
  samplesUsed: number;
  spanHours: number;
  latestFree?: number;
  /** The outcome in words. */
  reason: string;
};

/**
 * The days of stored history the exhaustion forecast fits its line through.
 *
 * @public
 */
export const FORECAST_WINDOW_DAYS = 14;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function toMillis(t: string | number | Date): number {
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'number') return t;
  return Date.parse(t);
}

/**
 * Days until free addresses reach zero, from a stored history of
 * (timestamp, free addresses) samples: an ordinary least-squares line through the
 * samples of the recent window, projected from `now`. Too few samples or too short a
 * span gives `not-enough-history`; a flat or rising trend gives `no-exhaustion`.
 * Samples with unparseable times or non-finite counts are ignored.
 *
 * This is a straight-line trend: it does not know about planned scale-ups or the
 * warm-pool jumps a new node causes. Source: ordinary least squares
 * (slope = cov(t, y) / var(t)).
 *
 * @public
 */
export function forecastExhaustion(
  samples: FreeAddressSample[],
  options: ExhaustionForecastOptions = {},
): ExhaustionForecast {
  const windowHours = options.windowHours ?? FORECAST_WINDOW_DAYS * 24;
  const minSamples = Math.max(2, options.minSamples ?? 6);
  const minSpanHours = options.minSpanHours ?? 24;
  const flat = options.flatSlopePerDay ?? 0.5;

  const points = samples
    .map(s => ({ t: toMillis(s.timestamp), y: s.freeAddresses }))
    .filter(p => Number.isFinite(p.t) && Number.isFinite(p.y))
    .sort((a, b) => a.t - b.t);
  const now =
    options.now !== undefined
      ? toMillis(options.now)
      : points[points.length - 1]?.t ?? 0;
  const recent = points.filter(
    p => p.t <= now && p.t >= now - windowHours * HOUR,
  );
  const latest = recent[recent.length - 1];
  const spanHours = recent.length > 1 ? (latest.t - recent[0].t) / HOUR : 0;
  const base = {
    samplesUsed: recent.length,
    spanHours,
    latestFree: latest?.y,
  };

  if (latest && latest.y <= 0) {
    return {
      ...base,
      status: 'exhausted',
      daysUntilExhaustion: 0,
      reason: 'no free addresses left',
    };
  }
  if (recent.length < minSamples || spanHours < minSpanHours) {
    return {
      ...base,
      status: 'not-enough-history',
      reason: `need at least ${minSamples} samples over ${minSpanHours} hours; have ${
        recent.length
      } over ${Math.round(spanHours * 10) / 10} hours`,
    };
  }

  const n = recent.length;
  const meanT = recent.reduce((s, p) => s + p.t, 0) / n;
  const meanY = recent.reduce((s, p) => s + p.y, 0) / n;
  let cov = 0;
  let varT = 0;
  for (const p of recent) {
    cov += (p.t - meanT) * (p.y - meanY);
    varT += (p.t - meanT) ** 2;
  }
  const slopePerMs = varT > 0 ? cov / varT : 0;
  const slopePerDay = slopePerMs * DAY;
  const fittedFreeNow = meanY + slopePerMs * (now - meanT);

  if (slopePerDay > -flat) {
    return {
      ...base,
      status: 'no-exhaustion',
      slopePerDay,
      fittedFreeNow,
      reason:
        slopePerDay >= 0
          ? 'free addresses are rising or flat'
          : `free addresses fall by only ${
              Math.round(-slopePerDay * 100) / 100
            } a day`,
    };
  }
  const days = Math.max(0, fittedFreeNow) / -slopePerDay;
  return {
    ...base,
    status: 'exhausting',
    slopePerDay,
    fittedFreeNow,
    daysUntilExhaustion: days,
    exhaustionDate: new Date(now + days * DAY).toISOString(),
    reason: `losing ${
      Math.round(-slopePerDay * 10) / 10
    } addresses a day: about ${Math.floor(days)} days left`,
  };
}

/**
 * The rule of the days until a cluster's least-free subnet runs out, as the views explain it.
 *
 * @public
 */
export const FORECAST_RULES = {
  daysToExhaustion: {
    formula: `days = free addresses now / addresses lost per day, from a least-squares line through the last ${FORECAST_WINDOW_DAYS} days of free addresses of the least-free subnet`,
    source: 'stored history of EC2 DescribeSubnets AvailableIpAddressCount',
  },
} satisfies Record<string, FigureRule>;
