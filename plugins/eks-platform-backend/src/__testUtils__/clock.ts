const DAY_MS = 86_400_000;
/** Midnight (UTC) of the day before today: test data lies in the recent past on any day. */
const BASE_MS = (Math.floor(Date.now() / DAY_MS) - 1) * DAY_MS;

/** The ISO time `days` after the base day, at `time` (`HH:MM:SS.mmm`, UTC): dates computed from the clock. */
export const isoAt = (days: number, time = '00:00:00.000') => {
  const [h, m, s] = time.split(':').map(Number);
  return new Date(
    BASE_MS + days * DAY_MS + ((h * 60 + m) * 60 + s) * 1000,
  ).toISOString();
};
