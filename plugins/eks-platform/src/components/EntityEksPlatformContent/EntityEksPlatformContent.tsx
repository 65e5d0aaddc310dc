import { ContentHeader } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getEntityClusterNames } from '@eks-platform/plugin-eks-platform-common';
import Grid from '@material-ui/core/Grid';
import { ClusterAnnotationMissing } from './ClusterAnnotationMissing';
import { InvalidClusterNamesWarning } from './ClusterNameWarnings';
import { EntityClusters } from './EntityClusters';

/**
 * The EKS platform entity tab: the clusters a component runs on, from its
 * `eks-platform.io/clusters` annotation.
 *
 * @public
 */
export const EntityEksPlatformContent = () => {
  const { entity } = useEntity();
  const { names, invalid } = getEntityClusterNames(entity);

  return (
    <div data-testid="eks-platform-content">
      <ContentHeader
        title="EKS platform"
        description="The Amazon EKS clusters this component runs on"
      />
      <Grid container spacing={3} direction="column">
        {invalid.length > 0 && (
          <Grid item>
            <InvalidClusterNamesWarning entries={invalid} />
          </Grid>
        )}
        <Grid item>
          {names.length === 0 ? (
            <ClusterAnnotationMissing />
          ) : (
            <EntityClusters names={names} />
          )}
        </Grid>
      </Grid>
    </div>
  );
};
