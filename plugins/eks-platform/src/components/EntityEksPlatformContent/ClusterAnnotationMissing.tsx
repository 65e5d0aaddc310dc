import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { EKS_PLATFORM_CLUSTERS_ANNOTATION } from '@eks-platform/plugin-eks-platform-common';

const ANNOTATION_EXAMPLE = `metadata:
  annotations:
    ${EKS_PLATFORM_CLUSTERS_ANNOTATION}: <cluster-a>, <cluster-b>`;

/**
 * Shown when the entity names no cluster: how to map it to its clusters.
 */
export const ClusterAnnotationMissing = () => (
  <EmptyState
    missing="info"
    title="No clusters are mapped to this entity"
    description={
      <>
        Add the <code>{EKS_PLATFORM_CLUSTERS_ANNOTATION}</code> annotation to
        this entity's <code>catalog-info.yaml</code>, listing (comma separated)
        the names of the clusters it runs on. Use the cluster names configured
        for the Kubernetes plugin under{' '}
        <code>kubernetes.clusterLocatorMethods</code>.
      </>
    }
    action={
      <>
        <Typography variant="body1" gutterBottom>
          Add the annotation to your component:
        </Typography>
        <CodeSnippet
          language="yaml"
          text={ANNOTATION_EXAMPLE}
          showLineNumbers
          showCopyCodeButton
        />
      </>
    }
  />
);
