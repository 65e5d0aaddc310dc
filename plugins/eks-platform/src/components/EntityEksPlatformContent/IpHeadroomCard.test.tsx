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

  it('shows branch ENIs per zone and node group, and a subnet added by subnet discovery', async () => {
    const zone = view.zones[0];
    const totals = { nodes: 3, capacity: 27, used: 9, free: 18 };
    await renderInTestApp(
      <IpHeadroomCard
        view={{
          ...view,
          zones: [
            {
              ...zone,
              branchEnis: totals,
              subnets: [
                ...zone.subnets,
                {
                  subnetId: 'subnet-0d4e5f6a7b8c9a919',
                  availabilityZone: zone.zone,
                  cidrBlock: '100.64.0.0/20',
                  totalAddresses: 4096,
                  usableAddresses: 4091,
                  freeAddresses: 4091,
                  usedAddresses: 0,
                  utilisation: 0,
                  podSubnetRole: 'discovered',
                },
              ],
            },
          ],
          branchEniNodeGroups: [
            {
              nodeGroup: 'pci-od',
              zones: [zone.zone],
              nodes: 3,
              podsWithVpcAddress: 12,
              freePodSlots: 60,
              warmAddresses: 20,
              freeSubnetAddresses: 4300,
              additionalPods: 60,
              limitedBy: 'node-slots',
              addressesToFillAllSlots: 40,
              branchEnis: totals,
            },
          ],
        }}
      />,
    );
    const zones = screen.getByRole('table', {
      name: `Node slots per zone on ${view.cluster.name}`,
    });
    expect(
      within(zones).getByText('Branch ENIs used / capacity'),
    ).toBeInTheDocument();
    expect(within(zones).getByText('9 / 27')).toBeInTheDocument();
    const groups = screen.getByRole('table', {
      name: `Branch ENIs per node group on ${view.cluster.name}`,
    });
    expect(within(groups).getByText('pci-od')).toBeInTheDocument();
    expect(within(groups).getByText('9 / 27')).toBeInTheDocument();
    expect(within(groups).getByText('18')).toBeInTheDocument();
    expect(
      screen.getByText(
        'added by tag kubernetes.io/role/cni=1 (subnet discovery)',
      ),
    ).toBeInTheDocument();
  });

  it('shows no branch-ENI column or section for a cluster without security groups for pods', async () => {
    await renderInTestApp(<IpHeadroomCard view={view} />);
    expect(screen.queryByText('Branch ENIs used / capacity')).toBeNull();
    expect(
      screen.queryByText(
        'Branch ENIs per node group (security groups for pods)',
      ),
    ).toBeNull();
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
