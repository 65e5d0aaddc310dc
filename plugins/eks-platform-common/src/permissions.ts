import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read access to clusters and their capacity data.
 *
 * @public
 */
export const eksPlatformClusterReadPermission = createPermission({
  name: 'eks-platform.cluster.read',
  attributes: { action: 'read' },
});

/**
 * Triggering an immediate collection of a cluster (`POST /clusters/:name/refresh`).
 *
 * @public
 */
export const eksPlatformClusterRefreshPermission = createPermission({
  name: 'eks-platform.cluster.refresh',
  attributes: { action: 'update' },
});

/**
 * Every permission of the eks-platform plugin.
 *
 * @public
 */
export const eksPlatformPermissions = [
  eksPlatformClusterReadPermission,
  eksPlatformClusterRefreshPermission,
];
