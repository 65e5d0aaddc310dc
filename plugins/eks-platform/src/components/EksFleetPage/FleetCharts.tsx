import type { ClusterOverview } from '@eks-platform/plugin-eks-platform-common';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { BlueGreenComparison } from './charts/BlueGreenComparison';
import { CapacityHistoryChart } from './charts/CapacityHistoryChart';
import { findBlueGreenPairs } from './charts/findBlueGreenPairs';
import { FreeIpsChart } from './charts/FreeIpsChart';
import { SupportTimelineChart } from './charts/SupportTimelineChart';

/** The cluster a review most likely looks at first: the one with the fewest free IPs. */
export function defaultTrendCluster(
  clusters: ClusterOverview[],
): string | undefined {
  const withIp = clusters.filter(c => c.ip?.leastFreeSubnet);
  withIp.sort(
    (a, b) =>
      a.ip!.leastFreeSubnet!.freeAddresses -
      b.ip!.leastFreeSubnet!.freeAddresses,
  );
  return (withIp[0] ?? clusters.find(c => c.collectedAt) ?? clusters[0])?.name;
}

/**
 * Trends of one chosen cluster (capacity by type, free IPs with the forecast), the
 * support-deadline timeline of the fleet and the blue/green pairs.
 */
export const FleetCharts = (props: { clusters: ClusterOverview[] }) => {
  const { clusters } = props;
  const [chosen, setChosen] = useState(() => defaultTrendCluster(clusters));
  const pairs = findBlueGreenPairs(clusters);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <TextField
          select
          id="eks-fleet-trend-cluster"
          label="Cluster for trends"
          value={chosen ?? ''}
          onChange={e => setChosen(e.target.value)}
          variant="outlined"
          size="small"
          style={{ minWidth: 280 }}
        >
          {clusters.map(c => (
            <MenuItem key={c.name} value={c.name}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      {chosen && (
        <>
          <Grid item xs={12} lg={6}>
            <CapacityHistoryChart cluster={chosen} />
          </Grid>
          <Grid item xs={12} lg={6}>
            <FreeIpsChart cluster={chosen} />
          </Grid>
        </>
      )}
      <Grid item xs={12}>
        <SupportTimelineChart clusters={clusters} />
      </Grid>
      {pairs.map(pair => (
        <Grid item xs={12} key={pair.stem}>
          <BlueGreenComparison pair={pair} />
        </Grid>
      ))}
    </Grid>
  );
};
