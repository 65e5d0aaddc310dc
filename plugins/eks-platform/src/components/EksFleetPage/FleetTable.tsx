import {
  Table,
  type TableColumn,
  type TableState,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import type { ReactNode } from 'react';
import {
  CollectedAt,
  Explained,
  PhaseChip,
  describeCollectionError,
  describeSource,
  explain,
  formatCores,
  formatCount,
  formatDays,
  formatGiB,
  formatPercent,
} from '../common';
import type { FleetRow } from './fleetRows';
import { visibleRows } from './visibleRows';

const Missing = () => (
  <Typography variant="body2" color="textSecondary" component="span">
    –
  </Typography>
);

const FORECAST_WORDS: Record<string, string> = {
  'not-enough-history': 'not enough history',
  'no-exhaustion': 'not running out',
  exhausted: 'exhausted',
};

function minorOf(version?: string): number {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  return match ? Number(match[1]) * 1000 + Number(match[2]) : -1;
}

/** Sorts undefined values last in both directions' natural order. */
function byNumber(key: keyof FleetRow) {
  return (a: FleetRow, b: FleetRow) =>
    ((a[key] as number | undefined) ?? Number.POSITIVE_INFINITY) -
    ((b[key] as number | undefined) ?? Number.POSITIVE_INFINITY);
}

const StaleMarker = (props: { row: FleetRow }) => {
  const { row } = props;
  if (!row.stale && !row.lastError && row.partial.length === 0) return null;
  const { lastError } = row.overview;
  const reasons: string[] = [];
  if (lastError) {
    reasons.push(`${describeCollectionError(lastError)}: ${lastError.message}`);
  }
  if (row.partial.length > 0) {
    reasons.push(
      `missing: ${row.partial.map(s => describeSource(s)).join(', ')}`,
    );
  }
  if (row.stale && !lastError)
    reasons.push('older than the staleness threshold');
  let label = 'partial';
  if (!row.collectedAt) label = 'never collected';
  else if (row.stale) label = 'stale';
  return (
    <Tooltip title={reasons.join('; ')}>
      <Chip
        size="small"
        variant="outlined"
        color={row.collectedAt ? 'default' : 'secondary'}
        label={label}
        tabIndex={0}
      />
    </Tooltip>
  );
};

function columns(
  onRefresh: (name: string) => void,
  refreshing: Set<string>,
): TableColumn<FleetRow>[] {
  const withData = (present: boolean, render: () => ReactNode) =>
    present ? render() : <Missing />;
  return [
    {
      title: 'Cluster',
      field: 'name',
      highlight: true,
      cellStyle: { minWidth: 170 },
      render: row => (
        <Box>
          <div>{row.name}</div>
          {row.title && (
            <Typography variant="caption" color="textSecondary" component="div">
              {row.title}
            </Typography>
          )}
          {row.autoMode && (
            <Typography variant="caption" color="textSecondary" component="div">
              EKS Auto Mode
            </Typography>
          )}
          <StaleMarker row={row} />
        </Box>
      ),
    },
    { title: 'Region', field: 'region', emptyValue: <Missing /> },
    {
      title: 'Version',
      field: 'kubernetesVersion',
      customSort: (a, b) =>
        minorOf(a.kubernetesVersion) - minorOf(b.kubernetesVersion),
      render: row =>
        withData(!!row.kubernetesVersion, () => (
          <Box>
            {row.kubernetesVersion}
            {row.rollbackUntil && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                <Explained
                  value={`rollback to ${
                    row.rollbackTarget ?? 'previous'
                  } until ${row.rollbackUntil}`}
                  {...explain.rollbackWindow(row.collectedAt)}
                />
              </Typography>
            )}
          </Box>
        )),
    },
    {
      title: 'Phase',
      field: 'phase',
      render: row =>
        withData(!!row.phase, () => <PhaseChip phase={row.phase!} />),
    },
    {
      title: 'Deadline',
      field: 'nextDeadline',
      customSort: byNumber('daysLeft'),
      render: row =>
        withData(!!row.nextDeadline, () => (
          <Box>
            <Explained
              value={row.nextDeadline}
              {...explain.supportDate(
                row.collectedAt,
                row.phase === 'standard'
                  ? 'endOfStandardSupportDate'
                  : 'endOfExtendedSupportDate',
              )}
            />
            {row.phase === 'unsupported' && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                support over: auto-upgrade due now
              </Typography>
            )}
            {row.daysLeft !== undefined && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                <Explained
                  value={`${formatDays(row.daysLeft)} left`}
                  {...explain.daysLeftInPhase(row.collectedAt)}
                />
              </Typography>
            )}
          </Box>
        )),
    },
    {
      title: 'Spot share',
      field: 'spotCpuShare',
      customSort: byNumber('spotCpuShare'),
      render: row =>
        withData(row.spotCpuShare !== undefined, () => (
          <Box>
            <Explained
              value={formatPercent(row.spotCpuShare!)}
              {...explain.clusterSpotCpuShare(row.collectedAt)}
            />
            <Typography variant="caption" color="textSecondary" component="div">
              <Explained
                value={`${row.spotNodes} of ${row.nodes} nodes`}
                {...explain.spotNodes(row.collectedAt)}
              />
            </Typography>
          </Box>
        )),
    },
    {
      title: 'CPU requested / allocatable',
      field: 'cpuRequestedShare',
      customSort: byNumber('cpuRequestedShare'),
      render: row =>
        withData(row.allocatableCpuMillis !== undefined, () => (
          <Box>
            <Explained
              value={formatCores(row.requestedCpuMillis!)}
              {...explain.requestedCpu(row.collectedAt)}
            />{' '}
            /{' '}
            <Explained
              value={formatCores(row.allocatableCpuMillis!)}
              {...explain.allocatableCpu(row.collectedAt)}
            />{' '}
            cores
            <Typography variant="caption" color="textSecondary" component="div">
              {formatPercent(row.cpuRequestedShare ?? 0)} requested;{' '}
              {formatGiB(row.requestedMemoryBytes ?? 0)} /{' '}
              {formatGiB(row.allocatableMemoryBytes ?? 0)} GiB memory
            </Typography>
          </Box>
        )),
    },
    {
      title: 'Least IP headroom',
      field: 'leastFreeAddresses',
      customSort: byNumber('leastFreeAddresses'),
      render: row =>
        withData(row.leastFreeAddresses !== undefined, () => (
          <Box>
            <Explained
              value={formatCount(row.leastFreeAddresses!)}
              {...explain.subnetFree(row.collectedAt)}
            />{' '}
            /{' '}
            <Explained
              value={formatCount(row.leastUsableAddresses ?? 0)}
              {...explain.subnetUsable(row.collectedAt)}
            />{' '}
            free
            <Typography variant="caption" color="textSecondary" component="div">
              {row.leastFreeSubnetId} ({row.leastFreeZone})
              {row.ipv6
                ? '; IPv6: pod addresses cannot run out, node IPv4 shown'
                : ''}
              {row.hybridNote ? `; ${row.hybridNote}` : ''}
              {row.podsFailingIpAssignment
                ? `; ${row.podsFailingIpAssignment} pods failing IP assignment`
                : ''}
              {row.autoMode
                ? '; Auto Mode CNI: /28 prefixes, single addresses as fallback; its warm pool is not known'
                : ''}
            </Typography>
            {row.freePrefixBlocks !== undefined && (
              <Typography
                variant="caption"
                color={row.prefixBlockWarning ? 'error' : 'textSecondary'}
                component="div"
              >
                <Explained
                  value={formatCount(row.freePrefixBlocks)}
                  {...explain.freePrefixBlocks(row.collectedAt)}
                />{' '}
                free /28 blocks
                {row.prefixBlockWarning ? `: ${row.prefixBlockWarning}` : ''}
              </Typography>
            )}
          </Box>
        )),
    },
    {
      title: 'Days to exhaustion',
      field: 'daysToExhaustion',
      customSort: byNumber('daysToExhaustion'),
      render: row => {
        if (row.daysToExhaustion !== undefined) {
          return (
            <Explained
              value={formatDays(row.daysToExhaustion)}
              {...explain.daysToExhaustion(row.collectedAt)}
            />
          );
        }
        return row.forecastStatus ? (
          <Typography variant="body2" color="textSecondary" component="span">
            {FORECAST_WORDS[row.forecastStatus] ?? row.forecastStatus}
          </Typography>
        ) : (
          <Missing />
        );
      },
    },
    {
      title: 'Collected',
      field: 'collectedAt',
      render: row => <CollectedAt collectedAt={row.collectedAt} />,
    },
    {
      title: 'Refresh',
      sorting: false,
      searchable: false,
      render: row => (
        <Tooltip title={`Collect ${row.name} now`}>
          <span>
            <IconButton
              size="small"
              aria-label={`Refresh ${row.name}`}
              disabled={refreshing.has(row.name)}
              onClick={() => onRefresh(row.name)}
            >
              <RefreshIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
      ),
    },
  ];
}

/**
 * The rows {@link FleetTable} shows after the search and filters it reported
 * through `onStateChange`, in data order (not the table's sort order).
 */
export function visibleFleetRows(
  rows: FleetRow[],
  state: TableState,
): FleetRow[] {
  // which rows show depends on the columns' fields, not on how cells render
  return visibleRows(
    rows,
    columns(() => {}, new Set()),
    state,
  );
}

/**
 * All clusters with their version phase and deadline, spot share, requested vs
 * allocatable CPU, least IP headroom, days to exhaustion and data age; sortable,
 * searchable and filterable by phase and region. `onStateChange` hears the search
 * text and selected filters (see {@link visibleFleetRows}); pass a stable function.
 */
export const FleetTable = (props: {
  rows: FleetRow[];
  onRefresh: (name: string) => void;
  refreshing: Set<string>;
  onStateChange?: (state: TableState) => void;
  actions?: ReactNode;
}) => (
  <div data-testid="eks-fleet-table">
    <Table<FleetRow>
      title="Clusters"
      subtitle="Every cluster in the registry; hover a number for its formula and source"
      columns={columns(props.onRefresh, props.refreshing)}
      data={props.rows}
      filters={[
        { column: 'Phase', type: 'multiple-select' },
        { column: 'Region', type: 'multiple-select' },
      ]}
      onStateChange={props.onStateChange}
      options={{
        paging: false,
        search: true,
        padding: 'dense',
        sorting: true,
      }}
      emptyContent={
        <Typography variant="body2" color="textSecondary" align="center">
          No cluster matches.
        </Typography>
      }
    />
  </div>
);
