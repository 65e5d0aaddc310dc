import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { paymentsEntityView } from '../../testUtils';
import { IPV6_PODS, IpHeadroomCard } from './IpHeadroomCard';

describe('IpHeadroomCard', () => {
  const view = paymentsEntityView.clusters[0];

  it('says an IPv6 cluster’s pod addresses cannot run out, and that its subnets hold node addresses', async () => {
    await renderInTestApp(
      <IpHeadroomCard
        view={{
          ...view,
          cluster: {
            ...view.cluster,
            ip: { ...view.cluster.ip!, ipFamily: 'ipv6' },
          },
        }}
      />,
    );
    expect(screen.getByText(IPV6_PODS)).toBeInTheDocument();
    expect(
      screen.getByText('Least free subnet (node IPv4 addresses)'),
    ).toBeInTheDocument();
  });

  it('shows no IPv6 line for an IPv4 cluster', async () => {
    await renderInTestApp(<IpHeadroomCard view={view} />);
    expect(screen.queryByText(IPV6_PODS)).toBeNull();
  });
});
