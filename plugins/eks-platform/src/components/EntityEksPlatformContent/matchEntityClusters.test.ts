import { demoClusters } from '../../__fixtures__/clusters';
import { matchEntityClusters } from './matchEntityClusters';

describe('matchEntityClusters', () => {
  it('keeps the annotation order and reports names the registry lacks', () => {
    const result = matchEntityClusters(
      ['staging-eu-west-1', 'legacy-eu-west-9', 'prod-eu-west-1'],
      demoClusters,
    );

    expect(result.clusters.map(c => c.name)).toEqual([
      'staging-eu-west-1',
      'prod-eu-west-1',
    ]);
    expect(result.unknownNames).toEqual(['legacy-eu-west-9']);
  });

  it('reports every name as unknown when the registry is empty', () => {
    expect(matchEntityClusters(['prod-eu-west-1'], [])).toEqual({
      clusters: [],
      unknownNames: ['prod-eu-west-1'],
    });
  });
});
