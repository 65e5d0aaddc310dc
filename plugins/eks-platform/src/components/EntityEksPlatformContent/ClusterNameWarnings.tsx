import { WarningPanel } from '@backstage/core-components';
import { EKS_PLATFORM_CLUSTERS_ANNOTATION } from '@eks-platform/plugin-eks-platform-common';

/**
 * Names in the annotation that the cluster registry does not return.
 */
export const UnknownClustersWarning = (props: { names: string[] }) => (
  <WarningPanel
    title={`Unknown clusters in ${EKS_PLATFORM_CLUSTERS_ANNOTATION}: ${props.names.join(
      ', ',
    )}`}
    message={
      <>
        The cluster registry has no cluster with{' '}
        {props.names.length === 1 ? 'this name' : 'these names'}. Check that
        each name matches a cluster configured under{' '}
        <code>kubernetes.clusterLocatorMethods</code> (or a catalog Resource of
        type <code>kubernetes-cluster</code>), and that you are allowed to read
        it.
      </>
    }
  />
);

/**
 * Entries in the annotation that are not valid cluster names.
 */
export const InvalidClusterNamesWarning = (props: { entries: string[] }) => (
  <WarningPanel
    title={`Invalid entries in ${EKS_PLATFORM_CLUSTERS_ANNOTATION}: ${props.entries
      .map(entry => `"${entry}"`)
      .join(', ')}`}
    message={
      <>
        Cluster names are separated by commas and may contain only letters,
        digits, <code>.</code>, <code>_</code> and <code>-</code> (starting with
        a letter or digit, at most 100 characters). These entries were ignored.
      </>
    }
  />
);
