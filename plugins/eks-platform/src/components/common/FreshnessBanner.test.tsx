import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { FreshnessBanner } from './FreshnessBanner';
import { END_OF_EXTENDED_1_31, isoFrom } from '../../testUtils';

describe('FreshnessBanner', () => {
  it('renders nothing for fresh, complete data', async () => {
    await renderInTestApp(
      <FreshnessBanner
        clusterName="prod-eu-west-1"
        freshness={{
          collectedAt: isoFrom(END_OF_EXTENDED_1_31, -6, '10:00:00.000'),
          stale: false,
          partial: [],
        }}
      />,
    );
    expect(screen.queryByText(/prod-eu-west-1/)).not.toBeInTheDocument();
  });

  it('names the source that failed in a partial snapshot, why and when', async () => {
    await renderInTestApp(
      <FreshnessBanner
        clusterName="staging-eu-west-1"
        freshness={{
          collectedAt: isoFrom(END_OF_EXTENDED_1_31, -6, '10:00:00.000'),
          stale: false,
          partial: ['ec2'],
          sourceErrors: [
            {
              kind: 'throttled',
              source: 'ec2',
              status: 503,
              at: isoFrom(END_OF_EXTENDED_1_31, -6, '10:00:00.000'),
              message: 'RequestLimitExceeded: Request limit exceeded.',
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByText(/staging-eu-west-1: partial data/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/RequestLimitExceeded: Request limit exceeded\./)
        .length,
    ).toBeGreaterThan(0);
  });
});
