import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen, within } from '@testing-library/react';
import { eksPlatformApiRef } from '../api';
import { MockEksPlatformApi, paymentsEntity } from '../testUtils';
import eksPlatformPlugin from './index';

describe('eks-platform /alpha plugin', () => {
  const entityContent = eksPlatformPlugin.getExtension(
    'entity-content:eks-platform',
  );
  const fleetPage = eksPlatformPlugin.getExtension('page:eks-platform');

  it('is a new frontend system plugin with an API, an entity tab and a page', () => {
    expect(eksPlatformPlugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(eksPlatformPlugin.id).toBe('eks-platform');
    expect(eksPlatformPlugin.getExtension('api:eks-platform')).toBeDefined();
    expect(entityContent).toBeDefined();
    expect(fleetPage).toBeDefined();
  });

  it('offers an "EKS platform" tab on component pages only', () => {
    const tester = createExtensionTester(entityContent);

    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'EKS platform',
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.filterExpression)).toBe(
      'kind:component',
    );
  });

  it('puts the fleet page at /eks-platform with an "EKS fleet" nav item', () => {
    const tester = createExtensionTester(fleetPage);

    expect(tester.get(coreExtensionData.routePath)).toBe('/eks-platform');
    // the app's nav is built from page titles and icons
    expect(tester.get(coreExtensionData.title)).toBe('EKS fleet');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('renders the clusters of the entity in the tab', async () => {
    const api = new MockEksPlatformApi();
    jest.spyOn(api, 'getEntityView');
    const tester = createExtensionTester(entityContent);

    await renderInTestApp(
      <EntityProvider entity={paymentsEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[eksPlatformApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(
      await screen.findByRole('heading', { name: 'EKS platform' }),
    ).toBeInTheDocument();
    const staging = await screen.findByRole('region', {
      name: 'staging-eu-west-1',
    });
    expect(
      within(staging).getByRole('heading', { name: 'IP headroom' }),
    ).toBeInTheDocument();
    expect(api.getEntityView).toHaveBeenCalledWith(
      'component:default/payments-grpc',
    );
    expect(
      screen.getByRole('link', { name: 'Kubernetes tab' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-grpc/kubernetes',
    );
  });

  it('serves the fleet page in an app at /eks-platform', async () => {
    const api = new MockEksPlatformApi();
    jest.spyOn(api, 'getClusterOverviews');

    renderTestApp({
      features: [eksPlatformPlugin],
      initialRouteEntries: ['/eks-platform'],
      apis: [[eksPlatformApiRef, api]],
    });

    // The whole app renders first and the page loads lazily: on a busy machine that takes
    // more than findBy's default second.
    expect(
      await screen.findByRole(
        'heading',
        { name: 'EKS fleet' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    const table = await screen.findByTestId('eks-fleet-table', undefined, {
      timeout: 15_000,
    });
    expect(within(table).getAllByRole('row')).toHaveLength(8);
    expect(table).toHaveTextContent('staging-eu-west-1');
    expect(
      await screen.findByTestId('eks-fleet-support-timeline'),
    ).toBeInTheDocument();
    expect(api.getClusterOverviews).toHaveBeenCalledTimes(1);
  }, 30_000);
});
