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
 * Every permission of the eks-platform plugin.
 *
 * @public
 */
export const eksPlatformPermissions = [eksPlatformClusterReadPermission];
