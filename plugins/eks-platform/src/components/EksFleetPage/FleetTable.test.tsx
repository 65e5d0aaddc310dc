import type { TableState } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  END_OF_EXTENDED_1_31,
  fleetOverviews,
  greenRollback,
} from '../../testUtils';
import { hybridNoteOf, toFleetRow } from './fleetRows';
import { FleetTable, visibleFleetRows } from './FleetTable';

const fleet = fleetOverviews.map(toFleetRow);

/** The cluster names of the rows the table shows, top to bottom. */
function shownNames(): string[] {
  const table = screen.getByTestId('eks-fleet-table');
  return within(table)
    .getAllByRole('row')
    .slice(1) // the header
    .map(row => row.querySelector('td > div > div')?.textContent)
    .filter((name): name is string => !!name);
}

/** Picks values in one of the table's filter selects (the panel must be open). */
async function choose(filter: string, values: string[]) {
  const select = screen
    .getAllByTestId('select')
    .find(el => el.getAttribute('aria-label') === filter);
  if (!select) throw new Error(`no ${filter} filter`);
  await userEvent.click(within(select).getByRole('button'));
  const listbox = await screen.findByRole('listbox');
  for (const value of values) {
    await userEvent.click(within(listbox).getByRole('option', { name: value }));
  }
  await userEvent.keyboard('{Escape}');
  await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
}

describe('FleetTable', () => {
  it('shows an open rollback window briefly in the version column', async () => {
    await renderInTestApp(
      <FleetTable rows={fleet} onRefresh={() => {}} refreshing={new Set()} />,
    );
    const table = screen.getByTestId('eks-fleet-table');
    const green = within(table)
      .getAllByRole('row')
      .find(r => r.textContent?.includes('checkout-green'))!;
    expect(green).toHaveTextContent(
      `rollback to 1.33 until ${greenRollback.untilDay}`,
    );
    const blue = within(table)
      .getAllByRole('row')
      .find(r => r.textContent?.includes('checkout-blue'))!;
    expect(blue.textContent).not.toMatch(/rollback/);
  });

  it('shows exactly the rows visibleFleetRows computes from the state it reports', async () => {
    let reported: TableState = {};
    await renderInTestApp(
      <FleetTable
        rows={fleet}
        onRefresh={() => {}}
        refreshing={new Set()}
        onStateChange={state => {
          reported = state;
        }}
      />,
    );
    const search = screen.getByPlaceholderText('Filter');
    /** Waits for the debounced search, then compares the table with the computed rows. */
    const agree = async () => {
      await waitFor(() =>
        expect(shownNames()).toEqual(
          visibleFleetRows(fleet, reported).map(r => r.name),
        ),
      );
      return shownNames();
    };

    expect(await agree()).toHaveLength(7);

    // Search alone: matches on raw field values, whatever the cells render.
    for (const [text, expected] of [
      ['CHECKOUT', ['checkout-blue', 'checkout-green']],
      [
        '  EU-West ',
        ['prod-eu-west-1', 'staging-eu-west-1', 'legacy-eu-west-1'],
      ],
      ['1.6', ['staging-eu-west-1']], // days to exhaustion, a number
      ['0.78', ['prod-eu-west-1']], // the spot share the cell shows as 78%
      ['78%', []],
      ['Staging EU', []], // the title is shown, but is no column's field
    ] as const) {
      await userEvent.clear(search);
      await userEvent.type(search, text);
      expect(reported.search).toBe(text);
      expect(await agree()).toEqual(expected);
    }
    await userEvent.clear(search);
    expect(await agree()).toHaveLength(7);

    // Filters alone, then with a search.
    await userEvent.click(screen.getByRole('button', { name: 'filter list' }));
    await choose('Phase', ['extended']);
    await choose('Region', ['eu-west-1', 'eu-central-1']);
    expect(reported.filters).toEqual({
      Phase: ['extended'],
      Region: ['eu-west-1', 'eu-central-1'],
    });
    expect(await agree()).toEqual([
      'prod-eu-west-1',
      'staging-eu-west-1',
      'legacy-eu-west-1',
      'checkout-blue',
    ]);

    // choosing filters re-mounts the toolbar, so find the search box again
    await userEvent.type(screen.getByPlaceholderText('Filter'), '1.33');
    expect(reported.search).toBe('1.33');
    expect(await agree()).toEqual(['prod-eu-west-1', 'staging-eu-west-1']);
  });
});

describe('FleetTable deadline column', () => {
  it('says since when support is over and that the auto-upgrade is due', async () => {
    const legacy = fleetOverviews.find(o => o.name === 'legacy-eu-west-1')!;
    const unsupported = toFleetRow({
      ...legacy,
      version: {
        kubernetesVersion: '1.31',
        phase: 'unsupported',
        nextDeadline: END_OF_EXTENDED_1_31,
        summary: `1.31 is no longer supported since ${END_OF_EXTENDED_1_31}`,
      },
    });
    await renderInTestApp(
      <FleetTable
        rows={[unsupported]}
        onRefresh={() => {}}
        refreshing={new Set()}
      />,
    );
    const row = screen.getByRole('row', { name: /legacy-eu-west-1/ });
    expect(row).toHaveTextContent(END_OF_EXTENDED_1_31);
    expect(row).toHaveTextContent('support over: auto-upgrade due now');
  });
});

describe('FleetTable IP column', () => {
  it('says that an IPv6 cluster’s pod addresses cannot run out', async () => {
    const prod = fleetOverviews.find(o => o.name === 'prod-eu-west-1')!;
    const ipv6 = toFleetRow({
      ...prod,
      ip: { ...prod.ip!, ipFamily: 'ipv6' },
    });
    await renderInTestApp(
      <FleetTable rows={[ipv6]} onRefresh={() => {}} refreshing={new Set()} />,
    );
    const row = screen.getByRole('row', { name: /prod-eu-west-1/ });
    expect(row).toHaveTextContent(
      'IPv6: pod addresses cannot run out, node IPv4 shown',
    );
  });

  it('marks an Auto Mode cluster and warns when its pod subnet has no free /28 block', async () => {
    const prod = fleetOverviews.find(o => o.name === 'prod-eu-west-1')!;
    const auto = toFleetRow({
      ...prod,
      autoMode: {
        enabled: true,
        source: 'compute-config',
        nodePools: ['general-purpose', 'system'],
        autoModeNodes: 6,
      },
      ip: {
        ...prod.ip!,
        fewestPrefixBlocks: {
          subnetId: 'subnet-0a1b2c3d4e5f6a808',
          availabilityZone: 'eu-central-1a',
          freeBlocks: 0,
          freeAddresses: 190,
          upperBound: false,
        },
      },
    });
    await renderInTestApp(
      <FleetTable rows={[auto]} onRefresh={() => {}} refreshing={new Set()} />,
    );
    const row = screen.getByRole('row', { name: /prod-eu-west-1/ });
    expect(row).toHaveTextContent('EKS Auto Mode');
    expect(row).toHaveTextContent(
      'Auto Mode CNI: /28 prefixes, single addresses as fallback; its warm pool is not known',
    );
    expect(row).toHaveTextContent(
      '0 free /28 blocks: No free /28 block left although 190 addresses are free: Auto Mode gives new pods single addresses',
    );
  });
});

describe('FleetTable hybrid clusters', () => {
  it('notes the hybrid nodes and the remote pod addresses left on the row', async () => {
    const [first] = fleetOverviews;
    const factory = {
      ...first,
      name: 'factory-us-west-2',
      ip: { ...first.ip!, hybrid: { nodes: 3, freeRemotePodAddresses: 991 } },
    };
    await renderInTestApp(
      <FleetTable
        rows={[toFleetRow(factory)]}
        onRefresh={() => {}}
        refreshing={new Set()}
      />,
    );
    expect(
      screen.getByText(/3 hybrid nodes, 991 remote pod addresses free/),
    ).toBeInTheDocument();
  });

  it('says the remote pod networks are unknown when EKS names none', () => {
    expect(hybridNoteOf({ nodes: 1 })).toBe(
      '1 hybrid node, remote pod networks unknown',
    );
  });
});
