import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eksPlatformApiRef } from '../../api';
import {
  type EntityClusters,
  matchEntityClusters,
} from './matchEntityClusters';

/**
 * Loads the cluster registry from the backend and resolves the given cluster
 * names against it.
 */
export function useEntityClusters(names: string[]): {
  value?: EntityClusters;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(eksPlatformApiRef);
  // The names array is recreated on every render; key the effect on its content.
  const key = names.join(',');
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const { items } = await api.getClusters();
    return matchEntityClusters(key ? key.split(',') : [], items);
  }, [api, key]);
  return { value, loading, error, retry };
}
