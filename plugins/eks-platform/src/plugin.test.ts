import { eksPlatformPlugin } from './plugin';

describe('eks-platform', () => {
  it('should export plugin', () => {
    expect(eksPlatformPlugin).toBeDefined();
  });
});
