import type { ClusterSummary } from '@eks-platform/plugin-eks-platform-common';

/**
 * The clusters an entity names, resolved against the backend's registry.
 */
export type EntityClusters = {
  /** Registry entries for the names the registry knows, in annotation order. */
  clusters: ClusterSummary[];
  /** Names from the annotation the registry does not know (or the user may not see). */
  unknownNames: string[];
};

/**
 * Resolves annotation cluster names against the clusters the backend returned.
 */
export function matchEntityClusters(
  names: string[],
  registry: ClusterSummary[],
): EntityClusters {
  const byName = new Map(registry.map(cluster => [cluster.name, cluster]));
  const clusters: ClusterSummary[] = [];
  const unknownNames: string[] = [];
  for (const name of names) {
    const cluster = byName.get(name);
    if (cluster) clusters.push(cluster);
    else unknownNames.push(name);
  }
  return { clusters, unknownNames };
}
