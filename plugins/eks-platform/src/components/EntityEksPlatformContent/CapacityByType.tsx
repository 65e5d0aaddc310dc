import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { eksPlatformApiRef } from '../../api';
import { Explained, explain, formatCores, formatPercent } from '../common';
import { NoData } from './NoData';

const CapacityTable = (props: { cluster: string; at?: string }) => {
  const api = useApi(eksPlatformApiRef);
  const { value, loading, error } = useAsync(
    () => api.getCluster(props.cluster),
    [api, props.cluster],
  );
  if (loading) return <LinearProgress aria-label="Loading capacity by type" />;
  if (error) return <ResponseErrorPanel error={error} />;
  const groups = value?.spot?.capacity.byCapacityType ?? [];
  if (groups.length === 0) {
    return <NoData>No node capacity in the latest snapshot.</NoData>;
  }
  const total = value?.spot?.capacity.total.allocatableCpuMillis ?? 0;
  return (
    <Table size="small" aria-label={`Capacity by type on ${props.cluster}`}>
      <TableHead>
        <TableRow>
          <TableCell>Capacity type</TableCell>
          <TableCell align="right">Nodes</TableCell>
          <TableCell align="right">CPU req. / alloc.</TableCell>
          <TableCell align="right">Share of CPU</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {groups.map(g => (
          <TableRow key={g.key}>
            <TableCell>{g.key}</TableCell>
            <TableCell align="right">
              <Explained
                value={g.nodes}
                {...explain.capacityTypeNodes(props.at)}
              />
            </TableCell>
            <TableCell align="right">
              <Explained
                value={`${formatCores(g.requestedCpuMillis)} / ${formatCores(
                  g.allocatableCpuMillis,
                )}`}
                {...explain.requestedCpu(props.at)}
              />
            </TableCell>
            <TableCell align="right">
              <Explained
                value={formatPercent(
                  total > 0 ? g.allocatableCpuMillis / total : 0,
                )}
                formula="allocatable CPU of this type / allocatable CPU of all nodes"
                source={explain.allocatableCpu(props.at).source}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/**
 * The cluster's capacity split by capacity type (spot, on-demand, reserved, Fargate,
 * ...), loaded from the cluster detail only when opened.
 */
export const CapacityByType = (props: { cluster: string; at?: string }) => {
  const [open, setOpen] = useState(false);
  return (
    <Accordion
      expanded={open}
      onChange={(_, expanded) => setOpen(expanded)}
      elevation={0}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="body2">Capacity by type</Typography>
      </AccordionSummary>
      <AccordionDetails>
        {open && <CapacityTable cluster={props.cluster} at={props.at} />}
      </AccordionDetails>
    </Accordion>
  );
};
