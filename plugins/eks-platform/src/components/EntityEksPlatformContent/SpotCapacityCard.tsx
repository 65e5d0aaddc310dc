import { InfoCard } from '@backstage/core-components';
import type { EntityClusterView } from '@eks-platform/plugin-eks-platform-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Explained,
  FigureList,
  RiskChip,
  explain,
  formatCores,
  formatGiB,
  formatPercent,
} from '../common';
import { CapacityByType } from './CapacityByType';
import { CardSection } from './CardSection';
import { NoData } from './NoData';

/**
 * The entity's replicas by capacity type with their spot risk, and the cluster's
 * capacity (spot share, requested vs allocatable).
 */
export const SpotCapacityCard = (props: { view: EntityClusterView }) => {
  const { view } = props;
  const { cluster, workloads } = view;
  const at = cluster.collectedAt;
  return (
    <InfoCard
      title="Spot capacity"
      titleTypographyProps={{ component: 'h4' }}
      subheader="This component's replicas on spot nodes and what an interruption wave would do"
    >
      {workloads.length === 0 ? (
        <NoData>
          {cluster.collectedAt
            ? 'No workloads of this component were found on this cluster.'
            : 'No pods have been collected from this cluster yet.'}
        </NoData>
      ) : (
        <Table size="small" aria-label={`Workloads on ${cluster.name}`}>
          <TableHead>
            <TableRow>
              <TableCell>Workload</TableCell>
              <TableCell align="right">Ready / replicas</TableCell>
              <TableCell align="right">On spot</TableCell>
              <TableCell align="right">Spot share</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {workloads.map(w => {
              const key = `${w.workload.namespace}/${w.workload.kind}/${w.workload.name}`;
              return [
                <TableRow key={key}>
                  <TableCell>
                    <Typography variant="body2">{w.workload.name}</Typography>
                    <Typography variant="caption" color="textSecondary">
                      {w.workload.kind} in {w.workload.namespace}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">
                    <Explained
                      value={`${w.readyReplicas} / ${w.replicas}`}
                      {...explain.workloadReplicas(at)}
                    />
                  </TableCell>
                  <TableCell align="right">
                    <Explained
                      value={w.readyOnSpot}
                      {...explain.workloadOnSpot(at)}
                    />
                  </TableCell>
                  <TableCell align="right">
                    <Explained
                      value={formatPercent(w.spotShare)}
                      {...explain.workloadSpotShare(at)}
                    />
                  </TableCell>
                </TableRow>,
                <TableRow key={`${key}-risk`}>
                  <TableCell colSpan={4}>
                    <Box
                      display="flex"
                      alignItems="flex-start"
                      style={{ gap: 8 }}
                    >
                      <RiskChip level={w.level} />
                      <Box component="ul" m={0} pl={2}>
                        {w.reasons.map(reason => (
                          <Typography
                            key={reason}
                            component="li"
                            variant="caption"
                            color="textSecondary"
                          >
                            {reason}
                          </Typography>
                        ))}
                      </Box>
                    </Box>
                  </TableCell>
                </TableRow>,
              ];
            })}
          </TableBody>
        </Table>
      )}

      <CardSection title="Cluster capacity">
        {cluster.spot ? (
          <FigureList
            aria-label={`Capacity of ${cluster.name}`}
            items={[
              {
                label: 'Spot share of CPU',
                value: (
                  <Explained
                    value={formatPercent(cluster.spot.spotCpuShare)}
                    {...explain.clusterSpotCpuShare(at)}
                  />
                ),
              },
              {
                label: 'Spot nodes',
                value: (
                  <Explained
                    value={`${cluster.spot.spotNodes} of ${cluster.spot.nodes}`}
                    {...explain.spotNodes(at)}
                  />
                ),
              },
              {
                label: 'CPU requested / allocatable',
                value: (
                  <>
                    <Explained
                      value={formatCores(cluster.spot.requestedCpuMillis)}
                      {...explain.requestedCpu(at)}
                    />{' '}
                    /{' '}
                    <Explained
                      value={formatCores(cluster.spot.allocatableCpuMillis)}
                      {...explain.allocatableCpu(at)}
                    />{' '}
                    cores
                  </>
                ),
              },
              {
                label: 'Memory requested / allocatable',
                value: (
                  <>
                    <Explained
                      value={formatGiB(cluster.spot.requestedMemoryBytes)}
                      {...explain.requestedMemory(at)}
                    />{' '}
                    /{' '}
                    <Explained
                      value={formatGiB(cluster.spot.allocatableMemoryBytes)}
                      {...explain.allocatableMemory(at)}
                    />{' '}
                    GiB
                  </>
                ),
              },
            ]}
          />
        ) : (
          <NoData>
            Node capacity has not been collected for this cluster.
          </NoData>
        )}
        {cluster.spot && <CapacityByType cluster={cluster.name} at={at} />}
      </CardSection>
    </InfoCard>
  );
};
