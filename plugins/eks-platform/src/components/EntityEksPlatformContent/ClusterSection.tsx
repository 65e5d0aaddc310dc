import type { EntityClusterView } from '@eks-platform/plugin-eks-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { CollectedAt, FreshnessBanner } from '../common';
import { ClusterVersionCard } from './ClusterVersionCard';
import { IpHeadroomCard } from './IpHeadroomCard';
import { SpotCapacityCard } from './SpotCapacityCard';

/**
 * One cluster the entity runs on: its name, region and data age, a banner when the
 * data is stale or partial, and the spot, IP and version cards.
 */
export const ClusterSection = (props: { view: EntityClusterView }) => {
  const { view } = props;
  const { cluster } = view;
  const headingId = `eks-platform-cluster-${cluster.name}-heading`;
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      data-testid={`eks-platform-cluster-${cluster.name}`}
    >
      <Box
        display="flex"
        alignItems="baseline"
        flexWrap="wrap"
        style={{ gap: 12 }}
        mb={2}
      >
        <Typography variant="h5" component="h3" id={headingId}>
          {cluster.name}
        </Typography>
        {cluster.title && (
          <Typography variant="body1" color="textSecondary" component="span">
            {cluster.title}
          </Typography>
        )}
        {cluster.eks?.region && (
          <Chip size="small" variant="outlined" label={cluster.eks.region} />
        )}
        {view.namespaces.length > 0 && (
          <Typography variant="body2" color="textSecondary" component="span">
            {view.namespaces.length === 1 ? 'namespace' : 'namespaces'}{' '}
            {view.namespaces.join(', ')}
          </Typography>
        )}
        <CollectedAt collectedAt={cluster.collectedAt} />
      </Box>
      <FreshnessBanner freshness={cluster} clusterName={cluster.name} />
      <Box mt={2}>
        <Grid container spacing={3} alignItems="stretch">
          <Grid item xs={12} lg={4}>
            <SpotCapacityCard view={view} />
          </Grid>
          <Grid item xs={12} lg={4}>
            <IpHeadroomCard view={view} />
          </Grid>
          <Grid item xs={12} lg={4}>
            <ClusterVersionCard view={view} />
          </Grid>
        </Grid>
      </Box>
    </Box>
  );
};
