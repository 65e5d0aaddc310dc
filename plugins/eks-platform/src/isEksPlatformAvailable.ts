import type { Entity } from '@backstage/catalog-model';
import { EKS_PLATFORM_CLUSTERS_ANNOTATION } from '@eks-platform/plugin-eks-platform-common';

/**
 * True when the entity carries a non-blank `eks-platform.io/clusters`
 * annotation; use it with `EntityLayout.Route if={...}` to show the tab only
 * on mapped entities.
 *
 * @public
 */
export function isEksPlatformAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[EKS_PLATFORM_CLUSTERS_ANNOTATION]?.trim(),
  );
}
