import { Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { ClustersLoadError } from './ClustersLoadError';
import { UnknownClustersWarning } from './ClusterNameWarnings';
import { EntityClustersTable } from './EntityClustersTable';
import { useEntityClusters } from './useEntityClusters';

/**
 * Loads the registry and shows the named clusters (the data-owning part of the tab).
 */
export const EntityClusters = (props: { names: string[] }) => {
  const { value, loading, error, retry } = useEntityClusters(props.names);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ClustersLoadError error={error} onRetry={retry} />;
  }

  return (
    <Grid container spacing={3} direction="column">
      {value && value.unknownNames.length > 0 && (
        <Grid item>
          <UnknownClustersWarning names={value.unknownNames} />
        </Grid>
      )}
      <Grid item>
        <EntityClustersTable clusters={value?.clusters ?? []} />
      </Grid>
    </Grid>
  );
};
