import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import * as legacyEntry from './index';
import {
  MockEksPlatformApi,
  paymentsEntity,
  unannotatedEntity,
} from './testUtils';

const {
  EksFleetPage,
  EntityEksPlatformContent,
  eksPlatformApiRef,
  eksPlatformFleetRouteRef,
  eksPlatformPlugin,
  eksPlatformRootRouteRef,
  isEksPlatformAvailable,
} = legacyEntry;

describe('eks-platform legacy entry point', () => {
  it('exports the legacy plugin with its API factory', () => {
    expect(eksPlatformPlugin.getId()).toBe('eks-platform');
    const apiRefIds = [...eksPlatformPlugin.getApis()].map(f => f.api.id);
    expect(apiRefIds).toEqual([eksPlatformApiRef.id]);
    expect(eksPlatformApiRef.id).toBe('plugin.eks-platform.service');
  });

  it('exports the routable entity tab and fleet page on their route refs', () => {
    expect(typeof EntityEksPlatformContent).toBe('function');
    expect(typeof EksFleetPage).toBe('function');
    expect(eksPlatformPlugin.routes).toEqual({
      entityContent: eksPlatformRootRouteRef,
      fleet: eksPlatformFleetRouteRef,
    });
  });

  it('has no default export, so app.packages discovery only picks up /alpha', () => {
    expect((legacyEntry as { default?: unknown }).default).toBeUndefined();
  });

  it('reports the tab as available only for annotated entities', () => {
    expect(isEksPlatformAvailable(paymentsEntity)).toBe(true);
    expect(isEksPlatformAvailable(unannotatedEntity)).toBe(false);
    expect(
      isEksPlatformAvailable({
        ...unannotatedEntity,
        metadata: {
          ...unannotatedEntity.metadata,
          annotations: { 'eks-platform.io/clusters': '  ' },
        },
      }),
    ).toBe(false);
  });

  it('mounts the legacy fleet page routable extension', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[eksPlatformApiRef, new MockEksPlatformApi()]]}>
        <Routes>
          <Route path="/eks-platform" element={<EksFleetPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/eks-platform'] },
    );

    expect(
      await screen.findByRole('heading', { name: 'EKS fleet' }),
    ).toBeInTheDocument();
    const table = await screen.findByTestId('eks-fleet-table');
    expect(within(table).getAllByRole('row')).toHaveLength(8);
  });
});
