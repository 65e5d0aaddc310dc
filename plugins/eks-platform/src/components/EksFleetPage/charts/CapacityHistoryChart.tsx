import { useApi } from '@backstage/core-plugin-api';
import type { HistoryResponse } from '@eks-platform/plugin-eks-platform-common';
import useAsync from 'react-use/esm/useAsync';
import { Area, ComposedChart, Line } from 'recharts';
import { eksPlatformApiRef } from '../../../api';
import { formatPercent } from '../../common';
import { ChartCard } from './ChartCard';
import { ChartFrame } from './ChartFrame';
import { TimeSeriesGuides } from './ChartGuides';
import { defaultRange } from './time';
import { useChartTheme } from './useChartTheme';

/** One point of the capacity chart, in cores. */
export type CapacityPoint = {
  t: number;
  spot?: number;
  other?: number;
  requested?: number;
  spotShare?: number;
};

/**
 * Joins the requested-cpu, allocatable-cpu and spot-cpu-share series (first series
 * of each response) by time: allocatable split into spot and other capacity by the
 * spot share, in cores.
 */
export function capacityPoints(
  requested: HistoryResponse,
  allocatable: HistoryResponse,
  spotShare: HistoryResponse,
): CapacityPoint[] {
  const byTime = new Map<
    number,
    { requested?: number; allocatable?: number; share?: number }
  >();
  const put = (
    response: HistoryResponse,
    key: 'requested' | 'allocatable' | 'share',
  ) => {
    for (const point of response.series[0]?.points ?? []) {
      const t = Date.parse(point.at);
      if (!Number.isFinite(t)) continue;
      byTime.set(t, { ...byTime.get(t), [key]: point.value });
    }
  };
  put(requested, 'requested');
  put(allocatable, 'allocatable');
  put(spotShare, 'share');
  return [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, v]) => {
      const cores =
        v.allocatable !== undefined ? v.allocatable / 1000 : undefined;
      return {
        t,
        requested: v.requested !== undefined ? v.requested / 1000 : undefined,
        spot:
          cores !== undefined && v.share !== undefined
            ? cores * v.share
            : undefined,
        other:
          cores !== undefined && v.share !== undefined
            ? cores * (1 - v.share)
            : undefined,
        spotShare: v.share,
      };
    });
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** The stacked capacity areas, bottom first, with their theme series colour. */
const CAPACITY_AREAS: Array<{
  dataKey: 'other' | 'spot';
  name: string;
  series: number;
}> = [
  { dataKey: 'other', name: 'On-demand and other', series: 0 },
  { dataKey: 'spot', name: 'Spot', series: 1 },
];

/**
 * Allocatable CPU split into spot and other capacity over time, with requested CPU
 * as a line, for one cluster.
 */
export const CapacityHistoryChart = (props: { cluster: string }) => {
  const api = useApi(eksPlatformApiRef);
  const chart = useChartTheme();
  const { value, loading, error } = useAsync(async () => {
    const range = defaultRange();
    const [requested, allocatable, share] = await Promise.all([
      api.getHistory(props.cluster, 'requested-cpu', range),
      api.getHistory(props.cluster, 'allocatable-cpu', range),
      api.getHistory(props.cluster, 'spot-cpu-share', range),
    ]);
    return capacityPoints(requested, allocatable, share);
  }, [api, props.cluster]);

  const latest = value?.[value.length - 1];
  return (
    <ChartCard
      testId="eks-fleet-capacity-chart"
      title="Capacity by type over time"
      subheader={`${props.cluster}: allocatable CPU on spot and other capacity, and requested CPU (cores)`}
      loading={loading}
      error={error}
      empty={
        value && value.length === 0
          ? `No capacity history has been stored for ${props.cluster} yet.`
          : undefined
      }
      summary={
        latest?.spot !== undefined &&
        `Latest: ${round1(latest.spot)} cores on spot (${formatPercent(
          latest.spotShare ?? 0,
        )}), ${round1(latest.other ?? 0)} on other capacity, ${round1(
          latest.requested ?? 0,
        )} requested. Sources: Kubernetes API node allocatable, capacity-type labels and pod requests, stored at every collection.`
      }
    >
      <ChartFrame height={280}>
        <ComposedChart data={value}>
          <TimeSeriesGuides
            valueAxis={{ unit: ' cores', width: 80 }}
            formatter={(v: any) => `${round1(Number(v))} cores`}
          />
          {CAPACITY_AREAS.map(area => (
            <Area
              key={area.dataKey}
              type="stepAfter"
              dataKey={area.dataKey}
              name={area.name}
              stackId="capacity"
              stroke={chart.series[area.series]}
              fill={chart.series[area.series]}
              fillOpacity={0.3}
              isAnimationActive={false}
            />
          ))}
          <Line
            type="monotone"
            dataKey="requested"
            name="Requested"
            stroke={chart.text}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ChartFrame>
    </ChartCard>
  );
};
