import { Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ClusterSection } from './ClusterSection';
import { ClustersLoadError } from '../common';
import { UnknownClustersWarning } from './ClusterNameWarnings';
import { useEntityView } from './useEntityView';

/**
 * Loads the entity's view and shows one section per cluster (the data-owning part
 * of the tab).
 */
export const EntityClusters = (props: { entityRef: string }) => {
  const { value, loading, error, retry } = useEntityView(props.entityRef);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ClustersLoadError error={error} onRetry={retry} />;
  }

  const clusters = value?.clusters ?? [];
  const unknown = value?.unknownClusters ?? [];
  return (
    <Grid container spacing={3} direction="column">
      {unknown.length > 0 && (
        <Grid item>
          <UnknownClustersWarning names={unknown} />
        </Grid>
      )}
      {clusters.length === 0 ? (
        <Grid item>
          <Typography variant="body1" color="textSecondary">
            None of the named clusters is in the cluster registry.
          </Typography>
        </Grid>
      ) : (
        clusters.map(view => (
          <Grid item key={view.cluster.name}>
            <ClusterSection view={view} />
          </Grid>
        ))
      )}
    </Grid>
  );
};
