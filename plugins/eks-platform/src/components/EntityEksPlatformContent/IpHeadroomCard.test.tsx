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

  it('shows the remote pod networks of a hybrid cluster: CIDR, used / free, node blocks and notes', async () => {
    await renderInTestApp(
      <IpHeadroomCard
        view={{
          ...view,
          remoteNetworks: {
            hybridNodes: 2,
            nodeNetworks: [{ cidr: '10.200.0.0/24', totalAddresses: 256 }],
            podNetworks: [
              {
                cidr: '10.201.0.0/22',
                totalAddresses: 1024,
                pods: 22,
                freeAddresses: 1002,
                unallocatedAddresses: 768,
                blockPrefixLength: 25,
                freeBlocks: 6,
                nodeBlocks: [
                  {
                    nodeName: 'mi-0a1b2c3d4e5f60718',
                    podCidr: '10.201.0.0/25',
                    addresses: 128,
                    pods: 11,
                    freeAddresses: 117,
                    maxPods: 110,
                    freePodSlots: 98,
                  },
                ],
              },
            ],
            notes: ['1 hybrid node(s) report no spec.podCIDRs: unknown'],
          },
        }}
      />,
    );
    const table = screen.getByRole('table', {
      name: `Remote pod networks of ${view.cluster.name}`,
    });
    expect(table).toHaveTextContent('10.201.0.0/22');
    expect(table).toHaveTextContent('22 / 1,002');
    expect(table).toHaveTextContent('1 × /25; 6 more nodes fit');
    expect(table).toHaveTextContent(
      'mi-0a1b2c3d4e5f60718 10.201.0.0/25: 117 free of 128, 98 pod slots',
    );
    expect(
      screen.getByText('Remote pod networks (2 hybrid nodes)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 hybrid node(s) report no spec.podCIDRs: unknown'),
    ).toBeInTheDocument();
  });

  it('shows no remote pod networks for a cluster without hybrid nodes', async () => {
    await renderInTestApp(<IpHeadroomCard view={view} />);
    expect(screen.queryByText(/Remote pod networks/)).toBeNull();
  });
});
