import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The route of the EKS platform entity tab.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'eks-platform',
});
