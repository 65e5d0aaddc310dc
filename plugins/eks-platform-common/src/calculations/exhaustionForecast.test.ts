import { FreeAddressSample, forecastExhaustion } from './exhaustionForecast';
import { END_OF_EXTENDED_1_31, isoFrom } from './__fixtures__/clock';

const START = Date.parse(isoFrom(END_OF_EXTENDED_1_31, -25));
const HOUR = 3_600_000;

/** Samples every `everyHours`, free = start + perDay * days (+ optional jitter). */
function series(
  count: number,
  everyHours: number,
  start: number,
  perDay: number,
  jitter: number[] = [],
): FreeAddressSample[] {
  return Array.from({ length: count }, (_, i) => ({
    timestamp: new Date(START + i * everyHours * HOUR).toISOString(),
    freeAddresses:
      Math.round(start + (perDay * i * everyHours) / 24) +
      (jitter[i % jitter.length] ?? 0),
  }));
}

describe('forecastExhaustion', () => {
  it('projects a steady decline to zero', () => {
    // 1000 free, losing 50 a day, sampled every 6 hours for 4 days
    const samples = series(17, 6, 1000, -50);
    const forecast = forecastExhaustion(samples);
    expect(forecast.status).toBe('exhausting');
    expect(forecast.slopePerDay).toBeCloseTo(-50, 1);
    expect(forecast.fittedFreeNow).toBeCloseTo(800, 0);
    expect(forecast.daysUntilExhaustion).toBeCloseTo(16, 1);
    expect(forecast.exhaustionDate?.slice(0, 10)).toBe(
      isoFrom(END_OF_EXTENDED_1_31, -5).slice(0, 10),
    );
    expect(forecast.reason).toBe(
      'losing 50 addresses a day: about 16 days left',
    );
  });

  it('fits through noise', () => {
    const samples = series(29, 6, 2000, -100, [12, -9, 4, -15, 8]);
    const forecast = forecastExhaustion(samples);
    expect(forecast.slopePerDay).toBeGreaterThan(-103);
    expect(forecast.slopePerDay).toBeLessThan(-97);
  });

  it('reports no exhaustion when the trend is flat or rising', () => {
    expect(forecastExhaustion(series(12, 6, 500, 0)).status).toBe(
      'no-exhaustion',
    );
    const rising = forecastExhaustion(series(12, 6, 500, 40));
    expect(rising.status).toBe('no-exhaustion');
    expect(rising.reason).toBe('free addresses are rising or flat');
    expect(rising.daysUntilExhaustion).toBeUndefined();
  });

  it('treats a very slow decline as flat', () => {
    const forecast = forecastExhaustion(series(12, 6, 5000, -0.2));
    expect(forecast.status).toBe('no-exhaustion');
  });

  it('needs enough samples and a long enough span', () => {
    const few = forecastExhaustion(series(4, 12, 1000, -50));
    expect(few.status).toBe('not-enough-history');
    expect(few.reason).toBe(
      'need at least 6 samples over 24 hours; have 4 over 36 hours',
    );
    const short = forecastExhaustion(series(10, 1, 1000, -500));
    expect(short.status).toBe('not-enough-history');
    expect(forecastExhaustion([]).status).toBe('not-enough-history');
    expect(
      forecastExhaustion(series(10, 1, 1000, -500), { minSpanHours: 6 }).status,
    ).toBe('exhausting');
  });

  it('fits only the recent window', () => {
    // rising for 20 days, then falling for 6 days: a 6-day window sees only the fall
    const rising = series(21, 24, 1000, 20);
    const falling = Array.from({ length: 7 }, (_, i) => ({
      timestamp: START + (20 + i) * 24 * HOUR,
      freeAddresses: 1400 - 60 * i,
    }));
    const forecast = forecastExhaustion([...rising, ...falling], {
      windowHours: 6 * 24,
    });
    expect(forecast.status).toBe('exhausting');
    expect(forecast.slopePerDay).toBeCloseTo(-60, 0);
  });

  it('forecasts from a given time and ignores later or broken samples', () => {
    const samples = [
      ...series(9, 6, 1000, -50),
      { timestamp: 'not a date', freeAddresses: 3 },
      { timestamp: START + 100 * 24 * HOUR, freeAddresses: 0 },
    ];
    const forecast = forecastExhaustion(samples, {
      now: START + 2 * 24 * HOUR,
    });
    expect(forecast.samplesUsed).toBe(9);
    expect(forecast.daysUntilExhaustion).toBeCloseTo(18, 1);
  });

  it('says exhausted when nothing is free', () => {
    const samples = [
      ...series(8, 6, 100, -50),
      { timestamp: START + 48 * HOUR, freeAddresses: 0 },
    ];
    expect(forecastExhaustion(samples)).toMatchObject({
      status: 'exhausted',
      daysUntilExhaustion: 0,
    });
  });
});
