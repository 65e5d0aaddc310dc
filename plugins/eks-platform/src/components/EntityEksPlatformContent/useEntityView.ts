import { useApi } from '@backstage/core-plugin-api';
import type { EntityViewResponse } from '@eks-platform/plugin-eks-platform-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eksPlatformApiRef } from '../../api';

/**
 * Loads the entity's view (its clusters, workloads, zones and version status) from
 * the backend in one request.
 */
export function useEntityView(entityRef: string): {
  value?: EntityViewResponse;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(eksPlatformApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityView(entityRef),
    [api, entityRef],
  );
  return { value, loading, error, retry };
}
