import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EksPlatformClient, eksPlatformApiRef } from '../api';

/**
 * Provides {@link eksPlatformApiRef} with the backend client (`api:eks-platform`).
 */
export const eksPlatformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: eksPlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EksPlatformClient({ discoveryApi, fetchApi }),
    }),
});
