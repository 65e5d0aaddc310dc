import { stringifyEntityRef } from '@backstage/catalog-model';
import { ContentHeader } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getEntityClusterNames } from '@eks-platform/plugin-eks-platform-common';
import Grid from '@material-ui/core/Grid';
import { ClusterAnnotationMissing } from './ClusterAnnotationMissing';
import { InvalidClusterNamesWarning } from './ClusterNameWarnings';
import { EntityClusters } from './EntityClusters';
import { EntityLinks } from './EntityLinks';

/**
 * The EKS platform entity tab: for each cluster a component runs on (from its
 * `eks-platform.io/clusters` annotation), the component's spot exposure, the IP
 * headroom where it runs and the cluster's version status.
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
        description="Spot capacity, IP headroom and version status of the Amazon EKS clusters this component runs on"
      />
      <Grid container spacing={3} direction="column">
        <Grid item>
          <EntityLinks entity={entity} />
        </Grid>
        {invalid.length > 0 && (
          <Grid item>
            <InvalidClusterNamesWarning entries={invalid} />
          </Grid>
        )}
        <Grid item>
          {names.length === 0 ? (
            <ClusterAnnotationMissing />
          ) : (
            <EntityClusters entityRef={stringifyEntityRef(entity)} />
          )}
        </Grid>
      </Grid>
    </div>
  );
};
