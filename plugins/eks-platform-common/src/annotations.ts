import type { Entity } from '@backstage/catalog-model';

/**
 * Entity annotation naming the clusters (by their Kubernetes-plugin cluster name) a
 * service runs on, comma separated: `eks-platform.io/clusters: prod-eu-1, staging-eu-1`.
 *
 * @public
 */
export const EKS_PLATFORM_CLUSTERS_ANNOTATION = 'eks-platform.io/clusters';

const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * The result of reading an entity's cluster annotation.
 *
 * @public
 */
export type EntityClusterNames = {
  /** Valid cluster names, de-duplicated, in the order written. */
  names: string[];
  /** Entries that are not valid cluster names, as written. */
  invalid: string[];
};

/**
 * Reads the cluster names an entity maps to from {@link EKS_PLATFORM_CLUSTERS_ANNOTATION}.
 * An absent or blank annotation gives no names.
 *
 * @public
 */
export function getEntityClusterNames(entity: Entity): EntityClusterNames {
  const raw = entity.metadata.annotations?.[EKS_PLATFORM_CLUSTERS_ANNOTATION];
  const names: string[] = [];
  const invalid: string[] = [];
  for (const part of (raw ?? '').split(',')) {
    const name = part.trim();
    if (!name) continue;
    if (!CLUSTER_NAME.test(name)) invalid.push(name);
    else if (!names.includes(name)) names.push(name);
  }
  return { names, invalid };
}
