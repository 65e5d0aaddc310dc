import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen, within } from '@testing-library/react';
import { eksPlatformApiRef } from '../api';
import { demoClustersResponse } from '../__fixtures__/clusters';
import { paymentsEntity } from '../__fixtures__/entities';
import eksPlatformPlugin from './index';

describe('eks-platform /alpha plugin', () => {
  const entityContent = eksPlatformPlugin.getExtension(
    'entity-content:eks-platform',
  );

  it('is a new frontend system plugin with an API and an entity tab', () => {
    expect(eksPlatformPlugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(eksPlatformPlugin.id).toBe('eks-platform');
    expect(eksPlatformPlugin.getExtension('api:eks-platform')).toBeDefined();
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

  it('renders the clusters of the entity in the tab', async () => {
    const api = { getClusters: jest.fn(async () => demoClustersResponse) };
    const tester = createExtensionTester(entityContent);

    await renderInTestApp(
      <EntityProvider entity={paymentsEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[eksPlatformApiRef, api]] },
    );

    expect(
      await screen.findByRole('heading', { name: 'EKS platform' }),
    ).toBeInTheDocument();
    const table = await screen.findByTestId('eks-platform-clusters');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(table).toHaveTextContent('prod-eu-west-1');
    expect(table).toHaveTextContent('staging-eu-west-1');
    expect(api.getClusters).toHaveBeenCalledTimes(1);
  });
});
