import { useApi } from '@backstage/core-plugin-api';
import {
  type ClusterOverview,
  type ClusterVersionStatus,
  supportDaysLeft,
} from '@eks-platform/plugin-eks-platform-common';
import useAsync from 'react-use/esm/useAsync';
import { Bar, BarChart, ReferenceLine } from 'recharts';
import { eksPlatformApiRef } from '../../../api';
import { formatDays } from '../../common';
import { ChartCard } from './ChartCard';
import { ChartFrame } from './ChartFrame';
import { ClusterBarGuides } from './ChartGuides';
import { DAY_MS, dayLabel } from './time';
import { useChartTheme } from './useChartTheme';

/** One bar of the timeline: days from today in each remaining support phase. */
export type TimelineRow = {
  name: string;
  version: string;
  standardDays: number;
  extendedDays: number;
  endOfStandardSupport?: string;
  endOfExtendedSupport?: string;
};

/**
 * Days of standard and extended support left per cluster from today (UTC), soonest
 * end first; a phase already over counts 0.
 */
export function timelineRows(
  statuses: Array<{ name: string; status: ClusterVersionStatus }>,
  now: number = Date.now(),
): TimelineRow[] {
  return statuses
    .map(({ name, status }) => {
      const days = supportDaysLeft(status, now);
      const standardDays = days.standardDays.value;
      const extendedDays = days.extendedDays.value;
      return {
        name,
        version: status.version,
        standardDays,
        extendedDays,
        endOfStandardSupport: status.endOfStandardSupport,
        endOfExtendedSupport: status.endOfExtendedSupport,
      };
    })
    .sort(
      (a, b) =>
        a.standardDays + a.extendedDays - (b.standardDays + b.extendedDays) ||
        a.name.localeCompare(b.name),
    );
}

/**
 * The fleet on a timeline of support deadlines: a bar per cluster from today to the
 * end of standard support and on to the end of extended support, with a today
 * marker. Dates come from each cluster's detail (EKS DescribeClusterVersions).
 */
export const SupportTimelineChart = (props: {
  clusters: ClusterOverview[];
}) => {
  const api = useApi(eksPlatformApiRef);
  const chart = useChartTheme();
  const names = props.clusters
    .filter(c => c.version)
    .map(c => c.name)
    .join(',');
  const { value, loading, error } = useAsync(async () => {
    const list = names ? names.split(',') : [];
    const results = await Promise.allSettled(list.map(n => api.getCluster(n)));
    const statuses: Array<{ name: string; status: ClusterVersionStatus }> = [];
    const failed: string[] = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled' && r.value.version) {
        statuses.push({ name: list[i], status: r.value.version.status });
      } else {
        failed.push(list[i]);
      }
    });
    if (
      list.length > 0 &&
      statuses.length === 0 &&
      results[0].status === 'rejected'
    ) {
      throw results[0].reason;
    }
    return { rows: timelineRows(statuses), failed };
  }, [api, names]);

  const rows = value?.rows ?? [];
  const withoutVersion = props.clusters
    .filter(c => !c.version)
    .map(c => c.name)
    .concat(value?.failed ?? []);

  return (
    <ChartCard
      testId="eks-fleet-support-timeline"
      title="Support deadlines"
      subheader="Each cluster from today to the end of standard support, then extended support (EKS DescribeClusterVersions)"
      loading={loading}
      error={error}
      empty={
        value && rows.length === 0
          ? 'No cluster has version data yet.'
          : undefined
      }
      summary={
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {rows.map(r => (
            <li key={r.name}>
              {r.name} ({r.version}):{' '}
              {r.standardDays > 0
                ? `standard support ends ${
                    r.endOfStandardSupport
                  } (${formatDays(r.standardDays)}), `
                : ''}
              {r.endOfExtendedSupport
                ? `extended support ends ${
                    r.endOfExtendedSupport
                  } (${formatDays(r.standardDays + r.extendedDays)})`
                : 'end of extended support unknown'}
            </li>
          ))}
          {withoutVersion.length > 0 && (
            <li>No version data: {withoutVersion.join(', ')}</li>
          )}
        </ul>
      }
    >
      <ChartFrame height={Math.max(160, rows.length * 36 + 70)}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ left: 24, right: 24 }}
        >
          <ClusterBarGuides
            valueAxis={{
              domain: [0, 'dataMax'],
              tickFormatter: (d: number) => dayLabel(Date.now() + d * DAY_MS),
            }}
            nameWidth={130}
            formatter={(v: any, name: any) => [formatDays(Number(v)), name]}
          />
          <Bar
            dataKey="standardDays"
            name="Standard support left"
            stackId="support"
            fill={chart.ok}
            isAnimationActive={false}
          />
          <Bar
            dataKey="extendedDays"
            name="Extended support (billed extra)"
            stackId="support"
            fill={chart.warning}
            isAnimationActive={false}
          />
          <ReferenceLine
            x={0}
            stroke={chart.error}
            strokeWidth={2}
            label={{ value: 'today', position: 'top', fill: chart.text }}
          />
        </BarChart>
      </ChartFrame>
    </ChartCard>
  );
};
