import { renderInTestApp } from '@backstage/test-utils';
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
});
