import {
  Progress,
  WarningPanel,
  type TableState,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eksPlatformApiRef } from '../../api';
import { ClustersLoadError } from '../common';
import { downloadCsv } from './downloadCsv';
import { FleetCharts } from './FleetCharts';
import { FleetEmptyState } from './FleetEmptyState';
import { toFleetRow } from './fleetRows';
import { FleetTable, visibleFleetRows } from './FleetTable';
import { toCsv } from './toCsv';
import { isTableNarrowed } from './visibleRows';
import { waitForCollection } from './waitForCollection';

/**
 * Loads the fleet overview and shows the table, the CSV export and the charts (the
 * data-owning part of the fleet page).
 */
export const FleetContent = () => {
  const api = useApi(eksPlatformApiRef);
  const alertApi = useApi(alertApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getClusterOverviews(),
    [api],
  );
  const [refreshing, setRefreshing] = useState<Set<string>>(new Set());
  const rows = useMemo(() => (value?.items ?? []).map(toFleetRow), [value]);
  // the table's search and filters, so the export writes the rows it shows
  const [tableState, setTableState] = useState<TableState>({});
  const shown = useMemo(
    () => visibleFleetRows(rows, tableState),
    [rows, tableState],
  );

  const unmounted = useRef(false);
  useEffect(
    () => () => {
      unmounted.current = true;
    },
    [],
  );

  const refresh = useCallback(
    async (name: string) => {
      setRefreshing(s => new Set(s).add(name));
      try {
        const before = value?.items.find(c => c.name === name);
        const answer = await api.refreshCluster(name);
        const what =
          answer.status === 'joined'
            ? `A collection of ${name} was already under way`
            : `Collection of ${name} scheduled`;
        alertApi.post({
          message: `${what}; its row updates once the run completes.`,
          severity: 'success',
          display: 'transient',
        });
        const updated = await waitForCollection(api, name, before, {
          isCancelled: () => unmounted.current,
        });
        if (updated) {
          retry();
        } else if (!unmounted.current) {
          alertApi.post({
            message: `The collection of ${name} has not finished after 2 minutes; the row shows its last data.`,
            severity: 'warning',
          });
        }
      } catch (e) {
        alertApi.post({
          message: `Could not refresh ${name}: ${(e as Error).message}`,
          severity: 'error',
        });
      } finally {
        if (!unmounted.current) {
          setRefreshing(s => {
            const next = new Set(s);
            next.delete(name);
            return next;
          });
        }
      }
    },
    [api, alertApi, value, retry],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ClustersLoadError error={error} onRetry={retry} />;
  }
  if (!value || value.items.length === 0) {
    return <FleetEmptyState />;
  }

  const unhealthy = rows.filter(
    r => r.stale || r.lastError || r.partial.length > 0,
  );
  const exportCsv = () => {
    const day = new Date(Date.now()).toISOString().slice(0, 10);
    downloadCsv(toCsv(shown), `eks-fleet-${day}.csv`);
  };
  const exportScope = isTableNarrowed(tableState)
    ? `${shown.length} of ${rows.length}`
    : `all ${rows.length}`;

  return (
    <Grid container spacing={3} direction="column" wrap="nowrap">
      {unhealthy.length > 0 && (
        <Grid item>
          <WarningPanel
            title={`${unhealthy.length} of ${
              rows.length
            } clusters have stale, partial or failed data: ${unhealthy
              .map(r => r.name)
              .join(', ')}`}
            message="Their rows are marked; hover the marker for the failing source and time, or refresh the cluster."
          />
        </Grid>
      )}
      <Grid item style={{ maxWidth: '100%' }}>
        <Box display="flex" justifyContent="flex-end" mb={1}>
          <Button
            variant="outlined"
            color="primary"
            startIcon={<GetAppIcon />}
            onClick={exportCsv}
            disabled={shown.length === 0}
          >
            Export CSV ({exportScope} clusters)
          </Button>
        </Box>
        {/* The table is wider than a laptop screen: it scrolls inside the page, not the page itself. */}
        <Box maxWidth="100%" overflow="auto">
          <FleetTable
            rows={rows}
            onRefresh={refresh}
            refreshing={refreshing}
            onStateChange={setTableState}
          />
        </Box>
      </Grid>
      <Grid item>
        <FleetCharts clusters={value.items} />
      </Grid>
    </Grid>
  );
};
