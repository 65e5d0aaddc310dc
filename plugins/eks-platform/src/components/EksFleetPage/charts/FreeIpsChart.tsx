import { useApi } from '@backstage/core-plugin-api';
import type { HistoryResponse } from '@eks-platform/plugin-eks-platform-common';
import useAsync from 'react-use/esm/useAsync';
import { Line, LineChart, ReferenceLine } from 'recharts';
import { eksPlatformApiRef } from '../../../api';
import { formatDateTime, formatDays } from '../../common';
import { ChartCard } from './ChartCard';
import { ChartFrame } from './ChartFrame';
import { TimeSeriesGuides } from './ChartGuides';
import { DAY_MS, defaultRange } from './time';
import { useChartTheme } from './useChartTheme';

/** How far ahead a forecast line is drawn at most. */
const FORECAST_HORIZON_DAYS = 30;

type Row = { t: number } & Record<string, number | undefined>;

/**
 * The free-ips series as chart rows keyed by subnet, plus a `<key>:forecast` line for
 * each falling subnet from its fitted value at the last sample to zero (or to the
 * 30-day horizon).
 */
export function freeIpRows(history: HistoryResponse): {
  rows: Row[];
  keys: Array<{ key: string; label: string; forecast: boolean }>;
} {
  const byTime = new Map<number, Row>();
  const row = (t: number) => {
    const existing = byTime.get(t) ?? { t };
    byTime.set(t, existing);
    return existing;
  };
  const keys: Array<{ key: string; label: string; forecast: boolean }> = [];
  for (const series of history.series) {
    keys.push({ key: series.key, label: series.label, forecast: false });
    let last: { t: number; value: number } | undefined;
    for (const point of series.points) {
      const t = Date.parse(point.at);
      if (!Number.isFinite(t)) continue;
      row(t)[series.key] = point.value;
      if (!last || t > last.t) last = { t, value: point.value };
    }
    const f = series.forecast;
    if (last && f?.status === 'exhausting' && f.slopePerDay !== undefined) {
      const start = f.fittedFreeNow ?? last.value;
      const days = Math.min(
        f.daysUntilExhaustion ?? FORECAST_HORIZON_DAYS,
        FORECAST_HORIZON_DAYS,
      );
      const forecastKey = `${series.key}:forecast`;
      keys.push({
        key: forecastKey,
        label: `${series.label} forecast`,
        forecast: true,
      });
      row(last.t)[forecastKey] = start;
      row(last.t + days * DAY_MS)[forecastKey] = Math.max(
        0,
        start + f.slopePerDay * days,
      );
    }
  }
  return {
    rows: [...byTime.values()].sort((a, b) => a.t - b.t),
    keys,
  };
}

/**
 * Free addresses per pod subnet over time with the exhaustion forecast (dashed), for
 * one cluster.
 */
export const FreeIpsChart = (props: { cluster: string }) => {
  const api = useApi(eksPlatformApiRef);
  const chart = useChartTheme();
  const { value, loading, error } = useAsync(
    () => api.getHistory(props.cluster, 'free-ips', defaultRange()),
    [api, props.cluster],
  );
  const data = value ? freeIpRows(value) : undefined;
  const colour = (i: number) => chart.series[i % chart.series.length];
  const seriesIndex = new Map(
    (value?.series ?? []).map((s, i) => [s.key, i] as const),
  );
  const forecasts = (value?.series ?? []).filter(s => s.forecast);

  return (
    <ChartCard
      testId="eks-fleet-free-ips-chart"
      title="Free IPs per subnet"
      subheader={`${props.cluster}: free addresses per subnet (EC2 AvailableIpAddressCount) and the least-squares forecast, dashed`}
      loading={loading}
      error={error}
      empty={
        value && value.series.length === 0
          ? `No subnet history has been stored for ${props.cluster} yet.`
          : undefined
      }
      summary={
        forecasts.length > 0 && (
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {forecasts.map(s => (
              <li key={s.key}>
                {s.label}: {s.forecast!.latestFree ?? '?'} free;{' '}
                {s.forecast!.daysUntilExhaustion !== undefined &&
                s.forecast!.exhaustionDate
                  ? `runs out in ${formatDays(
                      s.forecast!.daysUntilExhaustion,
                    )} (${formatDateTime(s.forecast!.exhaustionDate)})`
                  : s.forecast!.reason}
              </li>
            ))}
          </ul>
        )
      }
    >
      <ChartFrame height={280}>
        <LineChart data={data?.rows}>
          <TimeSeriesGuides
            valueAxis={{ allowDecimals: false }}
            formatter={(v: any) => Math.round(Number(v))}
          />
          <ReferenceLine y={0} stroke={chart.error} />
          {data?.keys.map(k => {
            const base = k.forecast ? k.key.replace(/:forecast$/, '') : k.key;
            return (
              <Line
                key={k.key}
                dataKey={k.key}
                name={k.label}
                type="linear"
                stroke={colour(seriesIndex.get(base) ?? 0)}
                strokeDasharray={k.forecast ? '6 4' : undefined}
                dot={false}
                connectNulls
                legendType={k.forecast ? 'none' : 'line'}
                isAnimationActive={false}
              />
            );
          })}
        </LineChart>
      </ChartFrame>
    </ChartCard>
  );
};
