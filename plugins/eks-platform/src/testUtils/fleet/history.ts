import type {
  ExhaustionForecast,
  HistoryMetric,
  HistoryResponse,
  SubnetHeadroom,
} from '@eks-platform/plugin-eks-platform-common';
import { COLLECTED_AT } from './clock';
import { stagingLossPerDay, stagingSubnets } from './staging';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const POINTS_PER_DAY = 4;
const POINTS = 7 * POINTS_PER_DAY + 1;

/** One value every 6 hours over the week up to COLLECTED_AT; `value(i)` gives point i, the latest last. */
function points(value: (i: number) => number) {
  const end = Date.parse(COLLECTED_AT);
  return Array.from({ length: POINTS }, (_, i) => ({
    at: new Date(end - (POINTS - 1 - i) * 6 * HOUR).toISOString(),
    value: value(i),
  }));
}

/** A value that stepped from `before` to `after` half-way through the week. */
const stepped = (before: number, after: number) => (i: number) =>
  i < (POINTS - 1) / 2 ? before : after;

/**
 * A subnet's exhaustion forecast when it loses `lossPerDay` addresses a day: the straight
 * line the backend fits, so its days left and date follow from the rate.
 */
function steadyLossForecast(
  subnet: SubnetHeadroom,
  lossPerDay: number,
): ExhaustionForecast {
  const latest = subnet.freeAddresses;
  const days = latest / lossPerDay;
  return {
    status: 'exhausting',
    slopePerDay: -lossPerDay,
    fittedFreeNow: latest,
    daysUntilExhaustion: days,
    exhaustionDate: new Date(
      Date.parse(COLLECTED_AT) + days * DAY,
    ).toISOString(),
    samplesUsed: POINTS,
    spanHours: 7 * 24,
    latestFree: latest,
    reason: `losing ${lossPerDay} addresses a day: about ${Math.floor(
      days,
    )} days left`,
  };
}

/**
 * The staging subnets' forecasts by subnet id: each loses its zone's rate a day.
 */
export const stagingForecasts: Record<string, ExhaustionForecast> =
  Object.fromEntries(
    stagingSubnets.map((s, k) => [
      s.subnetId!,
      steadyLossForecast(s, stagingLossPerDay[k]),
    ]),
  );

/** The staging subnets' free addresses: a steady fall at each one's rate, ending at today's count. */
function freeIpSeries(): HistoryResponse['series'] {
  return stagingSubnets.map((s, k) => {
    const lossPerPoint = stagingLossPerDay[k] / POINTS_PER_DAY;
    return {
      key: s.subnetId!,
      label: `${s.subnetId} (${s.availabilityZone})`,
      points: points(i =>
        Math.round(s.freeAddresses + (POINTS - 1 - i) * lossPerPoint),
      ),
      forecast: stagingForecasts[s.subnetId!],
    };
  });
}

const clusterSeries: Record<
  Exclude<HistoryMetric, 'free-ips'>,
  { label: string; value: (i: number) => number }
> = {
  'requested-cpu': {
    label: 'Requested CPU (millicores)',
    value: i => 20_000 + (i % 4) * 900 + i * 120,
  },
  'allocatable-cpu': {
    label: 'Allocatable CPU (millicores)',
    value: stepped(90_240, 98_240),
  },
  'spot-cpu-share': {
    label: 'Spot share of allocatable CPU',
    value: stepped(0.76, 0.78),
  },
  'additional-pods': { label: 'Additional pods that fit', value: i => 60 - i },
};

/**
 * `GET /clusters/:name/history` for the fixture clusters: the same week for each, with the
 * staging subnets' steady fall of free addresses.
 *
 * @public
 */
export function fleetHistory(
  cluster: string,
  metric: HistoryMetric,
): HistoryResponse {
  const base = {
    cluster,
    metric,
    from: new Date(Date.parse(COLLECTED_AT) - 7 * DAY).toISOString(),
    to: COLLECTED_AT,
  };
  if (metric === 'free-ips') return { ...base, series: freeIpSeries() };
  const { label, value } =
    clusterSeries[metric] ?? clusterSeries['additional-pods'];
  return { ...base, series: [{ key: cluster, label, points: points(value) }] };
}
