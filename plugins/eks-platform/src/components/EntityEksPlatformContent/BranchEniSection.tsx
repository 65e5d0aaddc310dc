import type {
  BranchEniTotals,
  EntityClusterView,
} from '@eks-platform/plugin-eks-platform-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { Explained, explain, formatCount } from '../common';
import { CardSection } from './CardSection';

/** `used / capacity` branch ENIs, explained. */
export const BranchEnis = (props: { totals: BranchEniTotals; at?: string }) => (
  <Explained
    value={`${formatCount(props.totals.used)} / ${formatCount(
      props.totals.capacity,
    )}`}
    {...explain.branchEnis(props.at)}
  />
);

/**
 * Security groups for pods: the branch ENIs of each node group with trunk ENIs in the
 * component's zones. Nothing when the cluster does not use them.
 */
export const BranchEniSection = (props: { view: EntityClusterView }) => {
  const { branchEniNodeGroups: groups, cluster } = props.view;
  if (!groups || groups.length === 0) return null;
  const at = cluster.collectedAt;
  return (
    <CardSection title="Branch ENIs per node group (security groups for pods)">
      <Table
        size="small"
        aria-label={`Branch ENIs per node group on ${cluster.name}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Node group</TableCell>
            <TableCell align="right">Trunk nodes</TableCell>
            <TableCell align="right">Branch ENIs used / capacity</TableCell>
            <TableCell align="right">Free</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map(g => (
            <TableRow key={g.nodeGroup}>
              <TableCell>{g.nodeGroup}</TableCell>
              <TableCell align="right">
                {formatCount(g.branchEnis!.nodes)}
              </TableCell>
              <TableCell align="right">
                <BranchEnis totals={g.branchEnis!} at={at} />
              </TableCell>
              <TableCell align="right">
                {formatCount(g.branchEnis!.free)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </CardSection>
  );
};
