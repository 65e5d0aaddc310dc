import type { Entity } from '@backstage/catalog-model';
import {
  EKS_PLATFORM_CLUSTERS_ANNOTATION,
  getEntityClusterNames,
} from './annotations';

function component(annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-grpc', namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  };
}

describe('getEntityClusterNames', () => {
  it('gives no clusters for an entity without the annotation', () => {
    expect(getEntityClusterNames(component())).toEqual({
      names: [],
      invalid: [],
    });
  });

  it('reads a comma separated list, trimming blanks and duplicates', () => {
    const entity = component({
      [EKS_PLATFORM_CLUSTERS_ANNOTATION]:
        ' prod-eu-1, staging-eu-1 ,,prod-eu-1',
    });
    expect(getEntityClusterNames(entity)).toEqual({
      names: ['prod-eu-1', 'staging-eu-1'],
      invalid: [],
    });
  });

  it('reports entries that cannot be cluster names instead of using them', () => {
    const entity = component({
      [EKS_PLATFORM_CLUSTERS_ANNOTATION]: 'prod-eu-1, ../../etc/passwd, a b',
    });
    expect(getEntityClusterNames(entity)).toEqual({
      names: ['prod-eu-1'],
      invalid: ['../../etc/passwd', 'a b'],
    });
  });
});
