import type { ClusterOverview } from '@eks-platform/plugin-eks-platform-common';
import type { EksPlatformApi } from '../../api';

/** When a cluster's row last changed: its snapshot time, or its last failed attempt. */
function marker(overview: ClusterOverview | undefined): string {
  return `${overview?.collectedAt ?? ''}|${overview?.lastError?.at ?? ''}`;
}

/**
 * After a refresh was scheduled, polls the cluster list until the cluster has
 * a newer snapshot or a newer failed attempt than `before`, and returns the
 * new list; undefined when that did not happen within `timeoutMs` or
 * `isCancelled()` (the page went away).
 */
export async function waitForCollection(
  api: Pick<EksPlatformApi, 'getClusterOverviews'>,
  name: string,
  before: ClusterOverview | undefined,
  options: {
    intervalMs?: number;
    timeoutMs?: number;
    isCancelled?: () => boolean;
  } = {},
) {
  const intervalMs = options.intervalMs ?? 2_000;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const was = marker(before);
  while (Date.now() < deadline && !options.isCancelled?.()) {
    await new Promise(resolve => setTimeout(resolve, intervalMs));
    if (options.isCancelled?.()) return undefined;
    const response = await api.getClusterOverviews();
    const now = response.items.find(c => c.name === name);
    if (marker(now) !== was) return response;
  }
  return undefined;
}
