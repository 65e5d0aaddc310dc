import * as legacyEntry from './index';
import { paymentsEntity, unannotatedEntity } from './__fixtures__/entities';

const {
  EntityEksPlatformContent,
  eksPlatformApiRef,
  eksPlatformPlugin,
  isEksPlatformAvailable,
} = legacyEntry;

describe('eks-platform legacy entry point', () => {
  it('exports the legacy plugin with its API factory', () => {
    expect(eksPlatformPlugin.getId()).toBe('eks-platform');
    const apiRefIds = [...eksPlatformPlugin.getApis()].map(f => f.api.id);
    expect(apiRefIds).toEqual([eksPlatformApiRef.id]);
    expect(eksPlatformApiRef.id).toBe('plugin.eks-platform.service');
  });

  it('exports the routable entity tab', () => {
    expect(typeof EntityEksPlatformContent).toBe('function');
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
});
