import { alertApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { eksPlatformApiRef } from '../../api';
import {
  END_OF_EXTENDED_1_31,
  FIXTURE_DAY,
  FIXTURE_NOW,
  fleetOverviewResponse,
  isoFrom,
  MockEksPlatformApi,
} from '../../testUtils';
import { ChartSizeContext } from './charts/ChartFrame';
import { EksFleetPage } from './EksFleetPage';

function fakeApi() {
  const api = new MockEksPlatformApi();
  for (const method of [
    'getClusterOverviews',
    'getCluster',
    'getHistory',
    'refreshCluster',
  ] as const) {
    jest.spyOn(api, method);
  }
  return api as unknown as {
    [K in keyof MockEksPlatformApi]: jest.MockedFunction<MockEksPlatformApi[K]>;
  };
}

async function renderPage(api: ReturnType<typeof fakeApi>) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [eksPlatformApiRef, api],
        [alertApiRef, alertApi],
      ]}
    >
      <ChartSizeContext.Provider value={{ width: 800, height: 300 }}>
        <EksFleetPage />
      </ChartSizeContext.Provider>
    </TestApiProvider>,
  );
  return { alertApi };
}

function tableRows() {
  const table = screen.getByTestId('eks-fleet-table');
  // the first row is the header
  return within(table).getAllByRole('row').slice(1);
}

function rowOf(name: string) {
  const row = tableRows().find(r => within(r).queryByText(name));
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

async function readBlob(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise(resolve => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

/** Catches the CSV downloads the page offers, checking the file name of each. */
function captureCsvDownloads() {
  const created: Blob[] = [];
  const createObjectURL = jest.fn((blob: Blob) => {
    created.push(blob);
    return 'blob:eks-fleet';
  });
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  const click = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function noNavigation(this: HTMLAnchorElement) {
      expect(this.download).toBe(`eks-fleet-${FIXTURE_DAY}.csv`);
      expect(this.href).toBe('blob:eks-fleet');
    });
  return { created, click };
}

describe('EksFleetPage', () => {
  beforeEach(() => {
    // the clock starts at FIXTURE_NOW and runs on (debounced inputs need it to move)
    const realNow = Date.now;
    const start = realNow();
    jest
      .spyOn(Date, 'now')
      .mockImplementation(() => Date.parse(FIXTURE_NOW) + realNow() - start);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('lists every cluster with version, deadline, spot share, CPU, IP headroom and data age', async () => {
    await renderPage(fakeApi());

    expect(
      await screen.findByRole('heading', { name: 'EKS fleet' }),
    ).toBeInTheDocument();
    await screen.findByTestId('eks-fleet-table');
    expect(tableRows()).toHaveLength(7);

    const staging = rowOf('staging-eu-west-1');
    expect(staging).toHaveTextContent('Staging EU');
    expect(staging).toHaveTextContent('1.33');
    expect(staging).toHaveTextContent('extended support');
    expect(staging).toHaveTextContent('80%');
    expect(staging).toHaveTextContent('4 of 6 nodes');
    expect(staging).toHaveTextContent('5.2 / 9.7 cores');
    expect(staging).toHaveTextContent('3 / 251 free');
    expect(staging).toHaveTextContent('6 pods failing IP assignment');
    expect(staging).toHaveTextContent('1.6 days');
    expect(staging).toHaveTextContent('collected 3 min ago');

    const legacy = rowOf('legacy-eu-west-1');
    expect(legacy).toHaveTextContent('1.31');
    expect(legacy).toHaveTextContent('2026-11-26');
    expect(legacy).toHaveTextContent('5 days left');
    expect(legacy).toHaveTextContent('not enough history');
  });

  it('marks stale, partial and never-collected clusters and names them in a banner', async () => {
    await renderPage(fakeApi());
    await screen.findByTestId('eks-fleet-table');

    expect(rowOf('prod-ap-south-1')).toHaveTextContent('stale');
    expect(rowOf('prod-us-east-1')).toHaveTextContent('never collected');
    expect(rowOf('prod-eu-west-1')).not.toHaveTextContent('stale');
    expect(
      screen.getByText(
        'Warning: 2 of 7 clusters have stale, partial or failed data: prod-us-east-1, prod-ap-south-1',
      ),
    ).toBeInTheDocument();

    await userEvent.hover(within(rowOf('prod-ap-south-1')).getByText('stale'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      `EC2 API throttled the request (HTTP 503) at ${FIXTURE_DAY} 23:40 UTC: EC2 DescribeSubnets was throttled (RequestLimitExceeded); missing: EC2 API (subnets and instance types)`,
    );
  });

  it('sorts by least IP headroom and by deadline', async () => {
    await renderPage(fakeApi());
    await screen.findByTestId('eks-fleet-table');
    const names = () =>
      tableRows().map(r => r.querySelector('td')?.textContent ?? '');

    const table = screen.getByTestId('eks-fleet-table');
    await userEvent.click(within(table).getByText('Least IP headroom'));
    expect(names()[0]).toMatch(/^staging-eu-west-1/);

    await userEvent.click(within(table).getByText('Deadline'));
    expect(names()[0]).toMatch(/^legacy-eu-west-1/);
    expect(names()[1]).toMatch(/^checkout-green/);
  });

  it('searches the table', async () => {
    await renderPage(fakeApi());
    await screen.findByTestId('eks-fleet-table');

    await userEvent.type(screen.getByPlaceholderText('Filter'), 'checkout');

    await waitFor(() => expect(tableRows()).toHaveLength(2));
    expect(tableRows()[0]).toHaveTextContent('checkout-blue');
  });

  it('explains a table figure on hover', async () => {
    await renderPage(fakeApi());
    await screen.findByTestId('eks-fleet-table');

    await userEvent.hover(within(rowOf('prod-eu-west-1')).getByText('78%'));

    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      'spot share = allocatable CPU of spot nodes / allocatable CPU of all nodes',
    );
    expect(tooltip).toHaveTextContent(`collected ${FIXTURE_DAY} 23:42 UTC`);
  });

  it('exports the table as CSV', async () => {
    const { created, click } = captureCsvDownloads();
    await renderPage(fakeApi());
    await screen.findByTestId('eks-fleet-table');

    await userEvent.click(
      screen.getByRole('button', { name: /^Export CSV \(all \d+ clusters\)$/ }),
    );

    expect(click).toHaveBeenCalledTimes(1);
    expect(created).toHaveLength(1);
    expect(created[0].type).toBe('text/csv;charset=utf-8');
    const csv = await readBlob(created[0]);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/^cluster,title,region,/);
    expect(lines.find(l => l.startsWith('staging-eu-west-1,'))).toContain(
      ',subnet-0b2c3d4e5f6a7b404,eu-west-1b,3,251,',
    );
    expect(lines.find(l => l.startsWith('legacy-eu-west-1,'))).toContain(
      ',1.31,extended,5,2026-11-26,',
    );
  });

  it('exports only the clusters the search leaves in the table', async () => {
    const { created, click } = captureCsvDownloads();
    await renderPage(fakeApi());
    await screen.findByTestId('eks-fleet-table');
    const search = screen.getByRole('textbox', { name: 'Search' });

    await userEvent.type(search, 'EU-WEST');

    const button = screen.getByRole('button', {
      name: 'Export CSV (3 of 7 clusters)',
    });
    await waitFor(() => expect(tableRows()).toHaveLength(3));
    await userEvent.click(button);
    expect(click).toHaveBeenCalledTimes(1);
    const lines = (await readBlob(created[0])).trim().split('\r\n');
    expect(lines[0]).toMatch(/^cluster,title,region,/);
    expect(lines.slice(1).map(l => l.split(',')[0])).toEqual([
      'prod-eu-west-1',
      'staging-eu-west-1',
      'legacy-eu-west-1',
    ]);

    await userEvent.type(search, '-9');
    expect(
      screen.getByRole('button', { name: 'Export CSV (0 of 7 clusters)' }),
    ).toBeDisabled();

    await userEvent.clear(search);
    expect(
      screen.getByRole('button', { name: 'Export CSV (all 7 clusters)' }),
    ).toBeEnabled();
  });

  it('asks the backend to refresh a cluster and says so', async () => {
    const api = fakeApi();
    const { alertApi } = await renderPage(api);
    await screen.findByTestId('eks-fleet-table');

    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh staging-eu-west-1' }),
    );

    expect(api.refreshCluster).toHaveBeenCalledWith('staging-eu-west-1');
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'success',
          message: expect.stringContaining(
            'Collection of staging-eu-west-1 scheduled',
          ),
        }),
      ),
    );
  });

  it('reloads the row once the refreshed cluster has been collected', async () => {
    const api = fakeApi();
    const { alertApi } = await renderPage(api);
    await screen.findByTestId('eks-fleet-table');
    expect(within(rowOf('prod-ap-south-1')).getByText('stale')).toBeTruthy();

    // The backend collects it a moment after the refresh: a fresh, complete snapshot.
    const collected = {
      items: fleetOverviewResponse.items.map(c =>
        c.name === 'prod-ap-south-1'
          ? {
              ...c,
              collectedAt: isoFrom(END_OF_EXTENDED_1_31, -5, '23:59:30.000'),
              stale: false,
              partial: [],
              lastError: undefined,
            }
          : c,
      ),
    };
    api.refreshCluster.mockImplementationOnce(async name => {
      api.getClusterOverviews.mockResolvedValue(collected);
      return { cluster: name, status: 'scheduled' };
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh prod-ap-south-1' }),
    );

    await waitFor(
      () =>
        expect(
          within(rowOf('prod-ap-south-1')).queryByText('stale'),
        ).toBeNull(),
      { timeout: 6_000 },
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Refresh prod-ap-south-1' }),
      ).toBeEnabled(),
    );
    expect(alertApi.post).not.toHaveBeenCalledWith(
      expect.objectContaining({ severity: 'warning' }),
    );
  });

  it('draws the trends of the cluster with the least IP headroom, the deadline timeline and the blue/green pair', async () => {
    const api = fakeApi();
    await renderPage(api);

    const freeIps = await screen.findByTestId('eks-fleet-free-ips-chart');
    expect(freeIps.querySelector('svg')).not.toBeNull();
    expect(api.getHistory).toHaveBeenCalledWith(
      'staging-eu-west-1',
      'free-ips',
      expect.objectContaining({
        to: expect.stringMatching(new RegExp(`^${FIXTURE_DAY}T23:45`)),
      }),
    );
    expect(
      screen.getByText(
        /subnet-0b2c3d4e5f6a7a404 \(eu-west-1a\): 7 free; runs out in 3.5 days/,
      ),
    ).toBeInTheDocument();

    const capacity = await screen.findByTestId('eks-fleet-capacity-chart');
    expect(capacity.querySelector('svg')).not.toBeNull();
    for (const metric of [
      'requested-cpu',
      'allocatable-cpu',
      'spot-cpu-share',
    ]) {
      expect(api.getHistory).toHaveBeenCalledWith(
        'staging-eu-west-1',
        metric,
        expect.anything(),
      );
    }

    const timeline = await screen.findByTestId('eks-fleet-support-timeline');
    expect(timeline.querySelector('svg')).not.toBeNull();
    expect(
      screen.getByText(
        'legacy-eu-west-1 (1.31): extended support ends 2026-11-26 (5 days)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No version data: prod-us-east-1'),
    ).toBeInTheDocument();

    const pair = screen.getByTestId('eks-fleet-blue-green-checkout');
    const comparison = within(pair).getByRole('table', {
      name: 'Blue/green comparison of checkout',
    });
    const spotRow = within(comparison).getByRole('row', {
      name: /Spot share of CPU/,
    });
    expect(spotRow).toHaveTextContent('72% (3 of 5 nodes)');
    expect(spotRow).toHaveTextContent('50% (2 of 4 nodes)');
  });

  it('follows the chosen cluster in the trend charts', async () => {
    const api = fakeApi();
    await renderPage(api);
    await screen.findByTestId('eks-fleet-free-ips-chart');

    await userEvent.click(screen.getByLabelText('Cluster for trends'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('checkout-green'),
    );

    await waitFor(() =>
      expect(api.getHistory).toHaveBeenCalledWith(
        'checkout-green',
        'free-ips',
        expect.anything(),
      ),
    );
  });

  it('shows how to configure clusters when there are none', async () => {
    const api = fakeApi();
    api.getClusterOverviews.mockResolvedValue({ items: [] });
    await renderPage(api);

    expect(
      await screen.findByText('No EKS clusters are configured'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('kubernetes.clusterLocatorMethods')[0],
    ).toBeInTheDocument();
    expect(screen.queryByTestId('eks-fleet-table')).toBeNull();
  });

  it('shows a progress bar while loading and the error when loading fails', async () => {
    const api = fakeApi();
    let reject: (e: Error) => void = () => {};
    api.getClusterOverviews.mockReturnValue(
      new Promise((_, r) => {
        reject = r;
      }),
    );
    await renderPage(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();

    reject(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'Error', message: 'database is locked' },
            request: { method: 'GET', url: '/api/eks-platform/clusters' },
            response: { statusCode: 500 },
          }),
          {
            status: 500,
            statusText: 'Internal Server Error',
            headers: { 'Content-Type': 'application/json' },
          },
        ),
      ),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'database is locked',
    );
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
