import { createApiRef } from '@backstage/core-plugin-api';
import type { ClustersResponse } from '@eks-platform/plugin-eks-platform-common';

/**
 * Reads the eks-platform backend (`/api/eks-platform`).
 *
 * @public
 */
export interface EksPlatformApi {
  /**
   * Lists the clusters the backend's registry knows and the current user may read.
   * Rejects with a `ResponseError` (from `@backstage/errors`) when the backend
   * answers with an error status, e.g. 403 without `eks-platform.cluster.read`.
   */
  getClusters(): Promise<ClustersResponse>;
}

/**
 * The ApiRef of {@link EksPlatformApi}.
 *
 * @public
 */
export const eksPlatformApiRef = createApiRef<EksPlatformApi>({
  id: 'plugin.eks-platform.service',
});
