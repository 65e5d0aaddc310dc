import { InfoCard } from '@backstage/core-components';
import type { ClusterOverview } from '@eks-platform/plugin-eks-platform-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ReactNode } from 'react';
import { Bar, BarChart } from 'recharts';
import {
  CollectedAt,
  Explained,
  PhaseChip,
  explain,
  formatCores,
  formatCount,
  formatDays,
  formatPercent,
} from '../../common';
import { ChartFrame } from './ChartFrame';
import { ClusterBarGuides } from './ChartGuides';
import type { BlueGreenPair } from './findBlueGreenPairs';
import { useChartTheme } from './useChartTheme';

const Dash = () => <span>–</span>;

const FIGURES: Array<{
  label: string;
  value: (c: ClusterOverview) => ReactNode;
}> = [
  {
    label: 'Kubernetes version',
    value: c =>
      c.version ? (
        <>
          {c.version.kubernetesVersion} <PhaseChip phase={c.version.phase} />
        </>
      ) : (
        <Dash />
      ),
  },
  {
    label: 'Next deadline',
    value: c =>
      c.version?.nextDeadline ? (
        <Explained
          value={`${c.version.nextDeadline}${
            c.version.daysLeft !== undefined
              ? ` (${formatDays(c.version.daysLeft)})`
              : ''
          }`}
          {...explain.daysLeftInPhase(c.collectedAt)}
        />
      ) : (
        <Dash />
      ),
  },
  {
    label: 'Spot share of CPU',
    value: c =>
      c.spot ? (
        <Explained
          value={`${formatPercent(c.spot.spotCpuShare)} (${
            c.spot.spotNodes
          } of ${c.spot.nodes} nodes)`}
          {...explain.clusterSpotCpuShare(c.collectedAt)}
        />
      ) : (
        <Dash />
      ),
  },
  {
    label: 'CPU requested / allocatable',
    value: c =>
      c.spot ? (
        <Explained
          value={`${formatCores(c.spot.requestedCpuMillis)} / ${formatCores(
            c.spot.allocatableCpuMillis,
          )} cores`}
          {...explain.requestedCpu(c.collectedAt)}
        />
      ) : (
        <Dash />
      ),
  },
  {
    label: 'Least IP headroom',
    value: c =>
      c.ip?.leastFreeSubnet ? (
        <Explained
          value={`${formatCount(
            c.ip.leastFreeSubnet.freeAddresses,
          )} / ${formatCount(c.ip.leastFreeSubnet.usableAddresses)} free`}
          {...explain.subnetFree(c.collectedAt)}
        />
      ) : (
        <Dash />
      ),
  },
  {
    label: 'More pods fit',
    value: c =>
      c.ip ? (
        <Explained
          value={formatCount(c.ip.additionalPods)}
          {...explain.additionalPods(c.collectedAt)}
        />
      ) : (
        <Dash />
      ),
  },
  {
    label: 'Pods failing IP assignment',
    value: c =>
      c.ip ? (
        <Explained
          value={formatCount(c.ip.podsFailingIpAssignment)}
          {...explain.ipFailures(c.collectedAt)}
        />
      ) : (
        <Dash />
      ),
  },
  {
    label: 'Data',
    value: c => <CollectedAt collectedAt={c.collectedAt} />,
  },
];

/**
 * A blue/green pair side by side: the key figures of both clusters in two columns,
 * and their CPU requested vs allocatable as grouped bars.
 */
export const BlueGreenComparison = (props: {
  pair: BlueGreenPair<ClusterOverview>;
}) => {
  const { stem, blue, green } = props.pair;
  const chart = useChartTheme();
  const bars = [blue, green].map(c => ({
    name: c.name,
    requested: (c.spot?.requestedCpuMillis ?? 0) / 1000,
    allocatable: (c.spot?.allocatableCpuMillis ?? 0) / 1000,
  }));
  return (
    <InfoCard
      title={`Blue/green: ${stem}`}
      subheader={`${blue.name} and ${green.name} side by side`}
      titleTypographyProps={{ component: 'h3' }}
    >
      <div data-testid={`eks-fleet-blue-green-${stem}`}>
        <Table size="small" aria-label={`Blue/green comparison of ${stem}`}>
          <TableHead>
            <TableRow>
              <TableCell />
              <TableCell>{blue.name}</TableCell>
              <TableCell>{green.name}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {FIGURES.map(f => (
              <TableRow key={f.label}>
                <TableCell component="th" scope="row">
                  {f.label}
                </TableCell>
                <TableCell>{f.value(blue)}</TableCell>
                <TableCell>{f.value(green)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <figure
          aria-label={`CPU of ${stem} blue and green`}
          style={{ margin: 0 }}
        >
          <ChartFrame height={180}>
            <BarChart
              data={bars}
              layout="vertical"
              margin={{ left: 24, right: 24 }}
            >
              <ClusterBarGuides
                valueAxis={{ unit: ' cores' }}
                nameWidth={120}
              />
              <Bar
                dataKey="requested"
                name="Requested CPU"
                fill={chart.series[1]}
                isAnimationActive={false}
              />
              <Bar
                dataKey="allocatable"
                name="Allocatable CPU"
                fill={chart.series[0]}
                isAnimationActive={false}
              />
            </BarChart>
          </ChartFrame>
        </figure>
      </div>
    </InfoCard>
  );
};
