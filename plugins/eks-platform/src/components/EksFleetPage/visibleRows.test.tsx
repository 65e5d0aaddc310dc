import {
  Table,
  type TableColumn,
  type TableState,
} from '@backstage/core-components';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fleetOverviews } from '../../testUtils';
import { visibleFleetRows } from './FleetTable';
import { toFleetRow } from './fleetRows';
import { isTableNarrowed, visibleRows } from './visibleRows';

const fleet = fleetOverviews.map(toFleetRow);
const names = (rows: Array<{ name: string }>) => rows.map(r => r.name);

describe('visibleFleetRows', () => {
  it('shows every cluster, in data order, when nothing is searched or selected', () => {
    expect(names(visibleFleetRows(fleet, {}))).toEqual(names(fleet));
    expect(
      names(
        visibleFleetRows(fleet, {
          search: '',
          filtersOpen: true,
          filters: { Phase: [], Region: [] },
        }),
      ),
    ).toEqual(names(fleet));
  });

  it('keeps the clusters whose phase or region is one of the selected values', () => {
    expect(
      names(visibleFleetRows(fleet, { filters: { Phase: ['extended'] } })),
    ).toEqual([
      'prod-eu-west-1',
      'prod-ap-south-1',
      'staging-eu-west-1',
      'legacy-eu-west-1',
      'checkout-blue',
    ]);
    expect(
      names(
        visibleFleetRows(fleet, {
          filters: { Region: ['eu-central-1', 'us-east-1'] },
        }),
      ),
    ).toEqual(['prod-us-east-1', 'checkout-blue', 'checkout-green']);
  });

  it('needs every selected filter to match', () => {
    expect(
      names(
        visibleFleetRows(fleet, {
          filters: { Phase: ['extended'], Region: ['eu-central-1'] },
        }),
      ),
    ).toEqual(['checkout-blue']);
  });

  it('searches the columns’ values ignoring case and surrounding spaces', () => {
    expect(names(visibleFleetRows(fleet, { search: 'CHECKOUT' }))).toEqual([
      'checkout-blue',
      'checkout-green',
    ]);
    // the name of one cluster, the region of others
    expect(names(visibleFleetRows(fleet, { search: '  EU-West ' }))).toEqual([
      'prod-eu-west-1',
      'staging-eu-west-1',
      'legacy-eu-west-1',
    ]);
    expect(names(visibleFleetRows(fleet, { search: 'Extended' }))).toEqual(
      names(visibleFleetRows(fleet, { filters: { Phase: ['extended'] } })),
    );
  });

  it('finds numbers by their raw value, not by the text a cell shows', () => {
    // leastFreeAddresses and daysToExhaustion are numbers
    expect(names(visibleFleetRows(fleet, { search: '3874' }))).toEqual([
      'prod-eu-west-1',
    ]);
    expect(names(visibleFleetRows(fleet, { search: '1.6' }))).toEqual([
      'staging-eu-west-1',
    ]);
    // prod-eu-west-1 shows its spot share as "78%" but holds 0.78
    expect(visibleFleetRows(fleet, { search: '78%' })).toEqual([]);
    expect(names(visibleFleetRows(fleet, { search: '0.78' }))).toEqual([
      'prod-eu-west-1',
    ]);
    // the title shows under the name but is no column's field
    expect(visibleFleetRows(fleet, { search: 'Staging EU' })).toEqual([]);
  });

  it('applies filters and search together', () => {
    expect(
      names(
        visibleFleetRows(fleet, {
          search: '1.33',
          filters: { Region: ['eu-west-1'] },
        }),
      ),
    ).toEqual(['prod-eu-west-1', 'staging-eu-west-1']);
    expect(
      visibleFleetRows(fleet, {
        search: 'eu-west',
        filters: { Phase: ['standard'] },
      }),
    ).toEqual([]);
  });

  it('returns the row objects it was given', () => {
    const [shown] = visibleFleetRows(fleet, { search: '3874' });
    expect(shown).toBe(fleet[0]);
  });
});

// a table of a cluster's node groups, with the column shapes the fleet table does not use
type NodeGroupRow = {
  name: string;
  capacityType: string;
  zones: string[];
  desiredSize: number;
  amiId: string;
  launchTemplate?: string;
};
const general: NodeGroupRow = {
  name: 'general-spot',
  capacityType: 'SPOT',
  zones: ['eu-west-1a', 'eu-west-1b'],
  desiredSize: 10,
  amiId: 'ami-0c1d2e3f4a5b6c7d8',
  launchTemplate: 'lt-0123456789abcdef0',
};
const system: NodeGroupRow = {
  name: 'system',
  capacityType: 'ON_DEMAND',
  zones: ['eu-west-1c'],
  desiredSize: 0,
  amiId: 'ami-0f9e8d7c6b5a4f3e2',
};
const nodeGroups = [general, system];
const columns: TableColumn<NodeGroupRow>[] = [
  { title: 'Node group', field: 'name' },
  { title: 'Capacity', field: 'capacityType' },
  { title: 'Zones', field: 'zones' },
  { title: 'Desired', field: 'desiredSize', emptyValue: 'none' },
  { title: 'AMI', field: 'amiId', hidden: true },
  { title: 'Launch template', field: 'launchTemplate', searchable: false },
  { title: 'Actions', render: row => `scale ${row.name}` },
];

describe('visibleRows', () => {
  it('does not search hidden or unsearchable columns or rendered text', () => {
    expect(visibleRows(nodeGroups, columns, { search: 'ami-0c1d' })).toEqual(
      [],
    );
    expect(visibleRows(nodeGroups, columns, { search: 'lt-0123' })).toEqual([]);
    expect(visibleRows(nodeGroups, columns, { search: 'scale' })).toEqual([]);
    const amiSearchable = columns.map(c =>
      c.field === 'amiId' ? { ...c, searchable: true } : c,
    );
    expect(
      visibleRows(nodeGroups, amiSearchable, { search: 'AMI-0C1D' }),
    ).toEqual([general]);
  });

  it('never matches a falsy value, whatever it renders as', () => {
    // system wants 0 nodes; general wants 10
    expect(visibleRows(nodeGroups, columns, { search: '0' })).toEqual([
      general,
    ]);
    expect(visibleRows(nodeGroups, columns, { search: 'none' })).toEqual([]);
  });

  it('matches a blank search on any column with a value', () => {
    expect(visibleRows(nodeGroups, columns, { search: '   ' })).toEqual(
      nodeGroups,
    );
  });

  it('filters array values by a shared value and single selections by equality', () => {
    expect(
      visibleRows(nodeGroups, columns, {
        filters: { Zones: ['eu-west-1b', 'eu-west-1c'] },
      }),
    ).toEqual(nodeGroups);
    expect(
      visibleRows(nodeGroups, columns, { filters: { Zones: 'eu-west-1c' } }),
    ).toEqual([system]);
    expect(
      visibleRows(nodeGroups, columns, { filters: { Capacity: 'SPOT' } }),
    ).toEqual([general]);
    expect(
      visibleRows(nodeGroups, columns, { filters: { Capacity: 'spot' } }),
    ).toEqual([]);
    // a search matches an array value through its comma-joined text
    expect(
      visibleRows(nodeGroups, columns, { search: '1a,eu-west-1b' }),
    ).toEqual([general]);
  });

  it('refuses column shapes and filters it cannot follow', () => {
    expect(() =>
      visibleRows(
        nodeGroups,
        [...columns, { title: 'Type', field: 'capacityType', lookup: {} }],
        {},
      ),
    ).toThrow(/lookup/);
    expect(() =>
      visibleRows(
        nodeGroups,
        [
          ...columns,
          {
            title: 'Spot',
            customFilterAndSearch: (_filter, row) =>
              row.capacityType === 'SPOT',
          },
        ],
        {},
      ),
    ).toThrow(/customFilterAndSearch/);
    expect(() =>
      visibleRows(
        nodeGroups,
        [...columns, { title: 'First zone', field: 'zones[0]' }],
        {},
      ),
    ).toThrow(/top-level fields/);
    expect(() =>
      visibleRows(nodeGroups, columns, { filters: { Region: ['eu-west-1'] } }),
    ).toThrow(/no column with a field titled Region/);
  });
});

describe('visibleRows against the Backstage Table', () => {
  it('agrees with the rows the table shows for these column shapes', async () => {
    let reported: TableState = {};
    await renderInTestApp(
      <div data-testid="node-groups">
        <Table<NodeGroupRow>
          title="Node groups"
          columns={columns}
          data={nodeGroups}
          filters={[
            { column: 'Zones', type: 'multiple-select' },
            { column: 'Capacity', type: 'select' },
          ]}
          options={{ search: true, paging: false }}
          onStateChange={state => {
            reported = state;
          }}
        />
      </div>,
    );
    const shown = () =>
      within(screen.getByTestId('node-groups'))
        .getAllByRole('row')
        .slice(1) // the header
        .map(row => row.querySelector('td')?.textContent ?? '')
        .filter(name => nodeGroups.some(g => g.name === name));
    const agree = async () => {
      await waitFor(() =>
        expect(shown()).toEqual(
          visibleRows(nodeGroups, columns, reported).map(g => g.name),
        ),
      );
      return shown();
    };

    for (const [text, expected] of [
      ['0', ['general-spot']], // system's desired size is 0
      ['ami-0c1d', []], // hidden
      ['lt-0123', []], // not searchable
      ['scale', []], // rendered only
      ['   ', ['general-spot', 'system']],
      ['1A,EU-WEST-1B', ['general-spot']],
    ] as const) {
      const search = screen.getByPlaceholderText('Filter');
      await userEvent.clear(search);
      await userEvent.type(search, text);
      expect(reported.search).toBe(text);
      expect(await agree()).toEqual(expected);
    }
    await userEvent.clear(screen.getByPlaceholderText('Filter'));

    await userEvent.click(screen.getByRole('button', { name: 'filter list' }));
    const select = (label: string) =>
      within(
        screen
          .getAllByTestId('select')
          .find(el => el.getAttribute('aria-label') === label)!,
      ).getByRole('button');
    await userEvent.click(select('Zones'));
    await userEvent.click(screen.getByRole('option', { name: 'eu-west-1c' }));
    await userEvent.keyboard('{Escape}');
    expect(reported.filters).toEqual({ Zones: ['eu-west-1c'] });
    expect(await agree()).toEqual(['system']);

    await userEvent.click(select('Capacity'));
    await userEvent.click(screen.getByRole('option', { name: 'SPOT' }));
    expect(reported.filters).toEqual({
      Zones: ['eu-west-1c'],
      Capacity: 'SPOT',
    });
    expect(await agree()).toEqual([]);
  });
});

describe('isTableNarrowed', () => {
  it('is true while a search text or a filter value is set', () => {
    expect(isTableNarrowed({})).toBe(false);
    expect(
      isTableNarrowed({
        filtersOpen: true,
        filters: { Phase: [], Region: [] },
      }),
    ).toBe(false);
    expect(isTableNarrowed({ search: 'checkout' })).toBe(true);
    expect(isTableNarrowed({ filters: { Region: ['eu-west-1'] } })).toBe(true);
  });
});
