import type { ClusterOverview } from '@eks-platform/plugin-eks-platform-common';
import {
  END_OF_EXTENDED_1_31,
  fleetOverviewResponse,
  isoFrom,
} from '../../testUtils';
import { waitForCollection } from './waitForCollection';

const staging = fleetOverviewResponse.items.find(
  c => c.name === 'staging-eu-west-1',
)!;

function listWith(overview: ClusterOverview) {
  return {
    items: fleetOverviewResponse.items.map(c =>
      c.name === overview.name ? overview : c,
    ),
  };
}

describe('waitForCollection', () => {
  it('returns the list once the cluster has a newer snapshot', async () => {
    const newer = listWith({
      ...staging,
      collectedAt: isoFrom(END_OF_EXTENDED_1_31, -5, '23:59:00.000'),
    });
    const api = {
      getClusterOverviews: jest
        .fn()
        .mockResolvedValueOnce(fleetOverviewResponse)
        .mockResolvedValueOnce(newer),
    };
    await expect(
      waitForCollection(api, 'staging-eu-west-1', staging, { intervalMs: 1 }),
    ).resolves.toBe(newer);
    expect(api.getClusterOverviews).toHaveBeenCalledTimes(2);
  });

  it('also counts a failed attempt as the end of the run', async () => {
    const failed = listWith({
      ...staging,
      stale: true,
      lastError: {
        kind: 'timeout',
        source: 'kubernetes',
        message: 'Listing pods timed out after 10 s',
        at: isoFrom(END_OF_EXTENDED_1_31, -5, '23:59:10.000'),
      },
    });
    const api = { getClusterOverviews: jest.fn().mockResolvedValue(failed) };
    await expect(
      waitForCollection(api, 'staging-eu-west-1', staging, { intervalMs: 1 }),
    ).resolves.toBe(failed);
  });

  it('gives up after the timeout, and at once when cancelled', async () => {
    const api = {
      getClusterOverviews: jest.fn().mockResolvedValue(fleetOverviewResponse),
    };
    await expect(
      waitForCollection(api, 'staging-eu-west-1', staging, {
        intervalMs: 5,
        timeoutMs: 30,
      }),
    ).resolves.toBeUndefined();
    const calls = api.getClusterOverviews.mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    await expect(
      waitForCollection(api, 'staging-eu-west-1', staging, {
        intervalMs: 5,
        isCancelled: () => true,
      }),
    ).resolves.toBeUndefined();
    expect(api.getClusterOverviews).toHaveBeenCalledTimes(calls);
  });
});
