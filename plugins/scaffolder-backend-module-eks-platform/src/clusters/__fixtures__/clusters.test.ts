import { legacyEuWest1, prodEuWest1, stagingEuWest1 } from './clusters';

describe('cluster fixtures', () => {
  it('are what the preflight tests rely on', () => {
    expect(prodEuWest1.overview.version?.phase).toBe('standard');
    expect(stagingEuWest1.overview.version?.phase).toBe('extended');
    expect(legacyEuWest1.overview.version?.phase).toBe('unsupported');
    expect(stagingEuWest1.overview.ip?.additionalPods).toBe(7);
    expect(prodEuWest1.overview.ip?.additionalPods).toBeGreaterThan(100);
  });
});
