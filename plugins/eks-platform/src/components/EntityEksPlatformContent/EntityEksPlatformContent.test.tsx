import type { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { EntityViewResponse } from '@eks-platform/plugin-eks-platform-common';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EksPlatformApi } from '../../api';
import { eksPlatformApiRef } from '../../api';
import {
  billingEntity,
  FIXTURE_DAY,
  FIXTURE_NOW,
  ledgerEntity,
  MockEksPlatformApi,
  paymentsEntity,
  paymentsEntityView,
  prodApSouth1,
  prodUsEast1,
  unannotatedEntity,
} from '../../testUtils';
import { EntityEksPlatformContent } from './EntityEksPlatformContent';

function fakeApi() {
  const api = new MockEksPlatformApi();
  jest.spyOn(api, 'getEntityView');
  jest.spyOn(api, 'getCluster');
  return api as MockEksPlatformApi & {
    getEntityView: jest.MockedFunction<EksPlatformApi['getEntityView']>;
    getCluster: jest.MockedFunction<EksPlatformApi['getCluster']>;
  };
}

async function renderTab(
  entity: Entity,
  api: EksPlatformApi,
  config: Record<string, any> = {},
  options: { withCatalogRoute?: boolean } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [eksPlatformApiRef, api],
        [configApiRef, mockApis.config({ data: config })],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityEksPlatformContent />
      </EntityProvider>
    </TestApiProvider>,
    options.withCatalogRoute === false
      ? {}
      : {
          mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        },
  );
}

async function forbiddenError(): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'Missing permission eks-platform.cluster.read',
        },
        request: { method: 'GET', url: '/api/eks-platform/entity' },
        response: { statusCode: 403 },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

function section(name: string) {
  return screen.getByRole('region', { name });
}

describe('EntityEksPlatformContent', () => {
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

  it('explains how to add the annotation when the entity names no cluster', async () => {
    const api = fakeApi();
    await renderTab(unannotatedEntity, api);

    expect(
      screen.getByRole('heading', { name: 'EKS platform' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No clusters are mapped to this entity'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('eks-platform-content')).toHaveTextContent(
      'eks-platform.io/clusters: <cluster-a>, <cluster-b>',
    );
    expect(api.getEntityView).not.toHaveBeenCalled();
  });

  it('shows a progress bar while the view loads', async () => {
    const api = fakeApi();
    api.getEntityView.mockReturnValue(new Promise(() => {}));
    await renderTab(paymentsEntity, api);

    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getEntityView).toHaveBeenCalledWith(
      'component:default/payments-grpc',
    );
  });

  it('shows one section per cluster with its three cards and the age of the data', async () => {
    await renderTab(paymentsEntity, fakeApi());

    const prod = await screen.findByRole('region', { name: 'prod-eu-west-1' });
    const staging = section('staging-eu-west-1');
    for (const region of [prod, staging]) {
      for (const card of ['Spot capacity', 'IP headroom', 'Cluster version']) {
        expect(
          within(region).getByRole('heading', { name: card }),
        ).toBeInTheDocument();
      }
    }
    expect(prod).toHaveTextContent('Production EU (spot-heavy)');
    expect(prod).toHaveTextContent('eu-west-1');
    expect(prod).toHaveTextContent('namespace payments-prod');
    expect(prod).toHaveTextContent('collected 3 min ago');
    // fresh data: no banner
    expect(within(prod).queryByText(/stale|failed|partial/)).toBeNull();
  });

  it('shows the replicas on spot with their risk and the cluster capacity', async () => {
    await renderTab(paymentsEntity, fakeApi());

    const staging = await screen.findByRole('region', {
      name: 'staging-eu-west-1',
    });
    const workloads = within(staging).getByRole('table', {
      name: 'Workloads on staging-eu-west-1',
    });
    const [, row, riskRow] = within(workloads).getAllByRole('row');
    expect(row).toHaveTextContent('payments-api');
    expect(row).toHaveTextContent('Deployment in payments-stg');
    expect(row).toHaveTextContent('1 / 3');
    expect(row).toHaveTextContent('100%');
    expect(riskRow).toHaveTextContent('high risk');
    expect(riskRow).toHaveTextContent('its only ready replica is on spot');

    const capacity = within(staging).getByLabelText(
      'Capacity of staging-eu-west-1',
    );
    expect(capacity).toHaveTextContent('Spot share of CPU80%');
    expect(capacity).toHaveTextContent('Spot nodes4 of 6');
    expect(capacity).toHaveTextContent(
      'CPU requested / allocatable5.2 / 9.7 cores',
    );
  });

  it('shows free addresses per subnet, node slots, failing pods and days until exhaustion', async () => {
    await renderTab(paymentsEntity, fakeApi());

    const staging = await screen.findByRole('region', {
      name: 'staging-eu-west-1',
    });
    const subnets = within(staging).getByRole('table', {
      name: 'Subnets on staging-eu-west-1',
    });
    const rows = within(subnets).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent('eu-west-1a');
    expect(rows[1]).toHaveTextContent(
      'subnet-0b2c3d4e5f6a7a404 (10.40.0.0/24)',
    );
    expect(rows[1]).toHaveTextContent('7 / 251');
    expect(rows[1]).toHaveTextContent('97%');
    expect(
      within(rows[1]).getByRole('progressbar', {
        name: 'subnet-0b2c3d4e5f6a7a404 used',
      }),
    ).toHaveAttribute('aria-valuenow', '97');
    expect(rows[2]).toHaveTextContent('3 / 251');

    const slots = within(staging).getByRole('table', {
      name: 'Node slots per zone on staging-eu-west-1',
    });
    expect(within(slots).getAllByRole('row')[1]).toHaveTextContent(
      'eu-west-1a2 nodes1529limited by subnet addresses',
    );

    expect(staging).toHaveTextContent('Days until exhaustion1.6 days');
    expect(staging).toHaveTextContent(
      'Least free subnet3 of 251 free (subnet-0b2c3d4e5f6a7b404, eu-west-1b)',
    );
    const failures = within(staging).getByRole('list', {
      name: 'Pods failing IP assignment on staging-eu-west-1',
    });
    expect(within(failures).getAllByRole('listitem')).toHaveLength(2);
    expect(failures).toHaveTextContent(
      `payments-stg/payments-api-6c9d7f5b8-qk2vx: subnet-exhausted (14×, last ${FIXTURE_DAY} 23:38 UTC)`,
    );

    const prod = section('prod-eu-west-1');
    expect(prod).toHaveTextContent(
      'Days until exhaustionnot running out: free addresses are flat or rising',
    );
  });

  it('explains a number on hover with its formula and source', async () => {
    await renderTab(paymentsEntity, fakeApi());

    const staging = await screen.findByRole('region', {
      name: 'staging-eu-west-1',
    });
    const subnets = within(staging).getByRole('table', {
      name: 'Subnets on staging-eu-west-1',
    });
    await userEvent.hover(within(subnets).getAllByText('251')[0]);

    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      'usable = 2^(32 - mask) - 5 (AWS reserves the first four addresses and the last)',
    );
    expect(tooltip).toHaveTextContent(
      `Source: EC2 DescribeSubnets CidrBlock, collected ${FIXTURE_DAY} 23:42 UTC`,
    );
  });

  it('explains a number on keyboard focus too', async () => {
    await renderTab(paymentsEntity, fakeApi());

    const staging = await screen.findByRole('region', {
      name: 'staging-eu-west-1',
    });
    const days = within(staging).getByText('1.6 days');
    expect(days.tagName).toBe('BUTTON');
    // MUI opens tooltips on :focus-visible, which jsdom never matches; a browser
    // matches it for keyboard focus, so emulate that
    const matches = Element.prototype.matches;
    jest
      .spyOn(Element.prototype, 'matches')
      .mockImplementation(function match(this: Element, selector: string) {
        return selector === ':focus-visible'
          ? this === document.activeElement
          : matches.call(this, selector);
      });
    act(() => days.focus());
    expect(days).toHaveFocus();

    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('least-squares line');
    expect(tooltip).toHaveTextContent(
      'stored history of EC2 DescribeSubnets AvailableIpAddressCount',
    );
  });

  it('shows the version phase, deadlines, skew, failing insights and incompatible add-ons', async () => {
    await renderTab(billingEntity, fakeApi());

    const legacy = await screen.findByRole('region', {
      name: 'legacy-eu-west-1',
    });
    expect(legacy).toHaveTextContent('Kubernetes 1.31');
    expect(within(legacy).getByText('extended support')).toBeInTheDocument();
    expect(legacy).toHaveTextContent('End of standard support2025-11-26');
    expect(legacy).toHaveTextContent('End of extended support2026-11-26');
    expect(legacy).toHaveTextContent('Days left in phase5 days');
    expect(legacy).toHaveTextContent(
      'Next deadline2026-11-26: extended support ends 2026-11-26; EKS auto-upgrades the control plane then',
    );
    expect(legacy).toHaveTextContent('Upgrade policyEXTENDED');
    expect(legacy).toHaveTextContent(
      'legacy-al2: kubelet 1.28, 3 behind at the limit',
    );
    expect(legacy).toHaveTextContent('Failing upgrade insights (4 of 5)');
    expect(legacy).toHaveTextContent(
      'ERROR Deprecated APIs removed in Kubernetes v1.32 (for 1.32)',
    );
    expect(legacy).toHaveTextContent('WARNING Amazon Linux 2 compatibility');
    expect(legacy).toHaveTextContent('Incompatible add-ons (1)');
    expect(legacy).toHaveTextContent(
      'kube-proxy v1.28.15-eksbuild.30 does not support 1.32; upgrade to v1.32.6-eksbuild.8',
    );
    // the billing service is not on spot
    expect(legacy).toHaveTextContent('low risk');
  });

  it('says which source failed and when, and how old the data shown is', async () => {
    const api = fakeApi();
    const view: EntityViewResponse = {
      entityRef: 'component:default/payments-grpc',
      unknownClusters: [],
      clusters: [
        {
          ...paymentsEntityView.clusters[0],
          cluster: prodApSouth1,
          zones: [],
          subnets: [],
        },
        {
          cluster: prodUsEast1,
          namespaces: [],
          workloads: [],
          zones: [],
          subnets: [],
          ipFailures: [],
        },
      ],
    };
    api.getEntityView.mockResolvedValue(view);
    await renderTab(paymentsEntity, api);

    const ap = await screen.findByRole('region', { name: 'prod-ap-south-1' });
    expect(
      within(ap).getByText(
        'Warning: prod-ap-south-1: the latest collection failed, showing older data',
      ),
    ).toBeInTheDocument();
    expect(ap).toHaveTextContent(
      `EC2 API throttled the request (HTTP 503) at ${FIXTURE_DAY} 23:40 UTC: EC2 DescribeSubnets was throttled (RequestLimitExceeded)`,
    );
    expect(ap).toHaveTextContent(
      'Missing from this snapshot: EC2 API (subnets and instance types)',
    );
    expect(ap).toHaveTextContent(
      `The data shown was collected 1 h ago (${FIXTURE_DAY} 22:40 UTC).`,
    );
    expect(ap).toHaveTextContent(
      'Subnets could not be read from the EC2 API for this snapshot.',
    );

    const us = section('prod-us-east-1');
    expect(us).toHaveTextContent('never collected');
    expect(
      within(us).getByText(
        'Error: prod-us-east-1: never collected, the latest attempt failed',
      ),
    ).toBeInTheDocument();
    expect(us).toHaveTextContent(
      `Kubernetes API was unreachable at ${FIXTURE_DAY} 23:41 UTC: connect ECONNREFUSED 127.0.0.1:7791`,
    );
    expect(us).toHaveTextContent(
      'No pods have been collected from this cluster yet.',
    );
    expect(us).toHaveTextContent(
      'The EKS API has not been read for this cluster yet.',
    );
  });

  it('links to the Kubernetes tab and the Argo CD application', async () => {
    await renderTab(paymentsEntity, fakeApi(), {
      argocd: { baseUrl: 'https://argocd.example.com/' },
    });

    await screen.findByRole('region', { name: 'prod-eu-west-1' });
    const nav = screen.getByRole('navigation', { name: 'Related views' });
    expect(
      within(nav).getByRole('link', { name: 'Kubernetes tab' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-grpc/kubernetes',
    );
    expect(
      within(nav).getByRole('link', {
        name: 'payments-grpc-prod, Opens in a new window',
      }),
    ).toHaveAttribute(
      'href',
      'https://argocd.example.com/applications/payments-grpc-prod',
    );
  });

  it('names the Argo CD application without a link when argocd.baseUrl is not set', async () => {
    await renderTab(paymentsEntity, fakeApi());

    await screen.findByRole('region', { name: 'prod-eu-west-1' });
    const nav = screen.getByRole('navigation', { name: 'Related views' });
    expect(nav).toHaveTextContent('Argo CD application: payments-grpc-prod');
    expect(
      within(nav).queryByRole('link', { name: /payments-grpc-prod/ }),
    ).toBeNull();
  });

  it('names the Kubernetes tab without a link when the app has no catalog entity route', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {});
    await renderTab(paymentsEntity, fakeApi(), {}, { withCatalogRoute: false });

    await screen.findByRole('region', { name: 'prod-eu-west-1' });
    const nav = screen.getByRole('navigation', { name: 'Related views' });
    expect(nav).toHaveTextContent(
      'Pods (kubernetes-id payments): Kubernetes tab',
    );
    expect(
      within(nav).queryByRole('link', { name: 'Kubernetes tab' }),
    ).toBeNull();
  });

  it('loads the capacity by type of a cluster when asked', async () => {
    const api = fakeApi();
    await renderTab(paymentsEntity, api);

    const prod = await screen.findByRole('region', { name: 'prod-eu-west-1' });
    expect(api.getCluster).not.toHaveBeenCalled();
    await userEvent.click(
      within(prod).getByRole('button', { name: 'Capacity by type' }),
    );

    const table = await within(prod).findByRole('table', {
      name: 'Capacity by type on prod-eu-west-1',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('on-demand56.8 / 21.622%');
    expect(rows[2]).toHaveTextContent('spot1516.6 / 76.678%');
    expect(api.getCluster).toHaveBeenCalledWith('prod-eu-west-1');
  });

  it('warns about names the registry does not know and entries that are not names', async () => {
    const api = fakeApi();
    api.getEntityView.mockResolvedValue({
      entityRef: 'component:default/ledger-grpc',
      unknownClusters: ['legacy-eu-west-9'],
      clusters: [],
    });
    await renderTab(ledgerEntity, api);

    expect(
      await screen.findByText(
        'Warning: Unknown clusters in eks-platform.io/clusters: legacy-eu-west-9',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Warning: Invalid entries in eks-platform.io/clusters: "prod eu west 1"',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'None of the named clusters is in the cluster registry.',
      ),
    ).toBeInTheDocument();
  });

  it('tells the user which permission is missing on a 403, and retries', async () => {
    const error = await forbiddenError();
    const api = fakeApi();
    api.getEntityView.mockRejectedValueOnce(error);
    await renderTab(paymentsEntity, api);

    expect(
      await screen.findByText(
        'Error: You are not allowed to read EKS clusters: this needs the eks-platform.cluster.read permission',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Missing permission eks-platform.cluster.read',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByRole('region', { name: 'prod-eu-west-1' }),
    ).toBeInTheDocument();
    expect(api.getEntityView).toHaveBeenCalledTimes(2);
  });
});
