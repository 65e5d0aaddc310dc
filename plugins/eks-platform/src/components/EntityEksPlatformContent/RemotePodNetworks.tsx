import type { RemoteNetworks } from '@eks-platform/plugin-eks-platform-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Explained, explain, formatCount } from '../common';
import { CardSection } from './CardSection';
import { NoData } from './NoData';

type Network = RemoteNetworks['podNetworks'][number];

/** The node blocks of one remote pod network, or why they are unknown. */
const NodeBlocks = (props: { network: Network; at?: string }) => {
  const { network, at } = props;
  if (network.nodeBlocks.length === 0) {
    return (
      <Typography variant="caption" color="textSecondary">
        no node blocks reported
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">
        {network.nodeBlocks.length} × /{network.blockPrefixLength};{' '}
        <Explained
          value={formatCount(network.freeBlocks ?? 0)}
          {...explain.remoteFreeBlocks(at)}
        />{' '}
        more nodes fit
      </Typography>
      {network.nodeBlocks.map(b => (
        <Typography
          key={b.podCidr}
          variant="caption"
          color="textSecondary"
          component="div"
        >
          {b.nodeName} {b.podCidr}:{' '}
          <Explained
            value={formatCount(b.freeAddresses)}
            {...explain.remoteBlockFree(at)}
          />{' '}
          free of {formatCount(b.addresses)}
          {b.freePodSlots !== undefined &&
            `, ${formatCount(b.freePodSlots)} pod slots`}
        </Typography>
      ))}
    </>
  );
};

/**
 * EKS Hybrid Nodes: the cluster's remote pod networks, the addresses their pods use and the
 * nodes' blocks, with the notes on what cannot be known.
 */
export const RemotePodNetworks = (props: {
  remote: RemoteNetworks;
  cluster: string;
  at?: string;
}) => {
  const { remote, cluster, at } = props;
  return (
    <CardSection
      title={`Remote pod networks (${remote.hybridNodes} hybrid ${
        remote.hybridNodes === 1 ? 'node' : 'nodes'
      })`}
    >
      {remote.podNetworks.length === 0 ? (
        <NoData>No remote pod networks known for this cluster.</NoData>
      ) : (
        <Table size="small" aria-label={`Remote pod networks of ${cluster}`}>
          <TableHead>
            <TableRow>
              <TableCell>CIDR</TableCell>
              <TableCell align="right">Used / free</TableCell>
              <TableCell>Node blocks</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {remote.podNetworks.map(n => (
              <TableRow key={n.cidr}>
                <TableCell>{n.cidr}</TableCell>
                <TableCell align="right">
                  {formatCount(n.pods)} /{' '}
                  <Explained
                    value={formatCount(n.freeAddresses)}
                    {...explain.remotePodFree(at)}
                  />
                </TableCell>
                <TableCell>
                  <NodeBlocks network={n} at={at} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {remote.notes.length > 0 && (
        <Box component="ul" m={0} pl={2}>
          {remote.notes.map(note => (
            <li key={note}>
              <Typography variant="caption" color="textSecondary">
                {note}
              </Typography>
            </li>
          ))}
        </Box>
      )}
    </CardSection>
  );
};
