const DAY_MS = 86_400_000;
/** Midnight (UTC) of the day before today: test data lies in the recent past on any day. */
const BASE_MS = (Math.floor(Date.now() / DAY_MS) - 1) * DAY_MS;

/** The ISO time `days` after the base day, at `time` (UTC): tests compute their dates from the clock. */
export const isoAt = (days: number, time = '00:00:00.000') =>
  new Date(BASE_MS + days * DAY_MS + Date.parse(`1970-01-01T${time}Z`)).toISOString();
