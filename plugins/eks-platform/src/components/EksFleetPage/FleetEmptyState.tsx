import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

const CONFIG_EXAMPLE = `kubernetes:
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: prod-eu-west-1
          url: https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com
          authProvider: aws
          authMetadata:
            kubernetes.io/x-k8s-aws-id: prod-eu-west-1
eksPlatform:
  clusters:
    - name: prod-eu-west-1
      region: eu-west-1
      accountId: '111122223333'`;

/** Shown when the registry has no cluster: how to configure one. */
export const FleetEmptyState = () => (
  <EmptyState
    missing="data"
    title="No EKS clusters are configured"
    description={
      <>
        The fleet lists the clusters configured for the Backstage Kubernetes
        plugin under <code>kubernetes.clusterLocatorMethods</code> (config
        entries, or catalog Resources of type <code>kubernetes-cluster</code>).
        Add the EKS region and account under <code>eksPlatform.clusters</code>{' '}
        so the backend can read EKS and EC2 for them. You also need the{' '}
        <code>eks-platform.cluster.read</code> permission for each cluster.
      </>
    }
    action={
      <>
        <Typography variant="body1" gutterBottom>
          Add a cluster to <code>app-config.yaml</code>:
        </Typography>
        <CodeSnippet language="yaml" text={CONFIG_EXAMPLE} showCopyCodeButton />
      </>
    }
  />
);
