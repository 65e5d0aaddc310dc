import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The route of the EKS platform entity tab.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'eks-platform',
});

/**
 * The route of the EKS fleet page (`/eks-platform` by default).
 *
 * @public
 */
export const fleetRouteRef = createRouteRef({
  id: 'eks-platform:fleet',
});
