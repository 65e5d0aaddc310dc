import { renderInTestApp } from '@backstage/test-utils';
import { AUTO_MODE_IP_MODEL } from '@eks-platform/plugin-eks-platform-common';
import { screen, within } from '@testing-library/react';
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

  const subnet = view.zones[0].subnets[0];
  const autoModeView = {
    ...view,
    cluster: {
      ...view.cluster,
      autoMode: {
        enabled: true,
        source: 'compute-config' as const,
        nodePools: ['general-purpose', 'system'],
        autoModeNodes: 6,
      },
      ip: {
        ...view.cluster.ip!,
        fewestPrefixBlocks: {
          subnetId: subnet.subnetId,
          availabilityZone: view.zones[0].zone,
          freeBlocks: 0,
          freeAddresses: 190,
          upperBound: false,
        },
      },
    },
    zones: [
      {
        ...view.zones[0],
        subnets: [
          {
            ...subnet,
            prefixBlocks: {
              totalBlocks: 16,
              freeBlocks: 0,
              addressesOnEnis: 61,
              unseenAddresses: 0,
              reservations: 0,
            },
          },
        ],
      },
    ],
  };

  it('says what it models of an Auto Mode cluster, and warns that no /28 block is free', async () => {
    await renderInTestApp(<IpHeadroomCard view={autoModeView} />);
    expect(screen.getByText('EKS Auto Mode')).toBeInTheDocument();
    expect(screen.getByText(AUTO_MODE_IP_MODEL)).toBeInTheDocument();
    expect(
      screen.getByText(
        'No free /28 block left although 190 addresses are free: Auto Mode gives new pods single addresses',
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: `Subnets on ${view.cluster.name}`,
    });
    expect(within(table).getByText('Free /28 blocks')).toBeInTheDocument();
  });

  it('shows no /28 column or Auto Mode line when the blocks were not read', async () => {
    await renderInTestApp(<IpHeadroomCard view={view} />);
    expect(screen.queryByText('Free /28 blocks')).toBeNull();
    expect(screen.queryByText('EKS Auto Mode')).toBeNull();
  });
});
