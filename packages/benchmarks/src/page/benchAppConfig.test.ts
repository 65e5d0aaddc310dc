import { benchAppConfig, isReservedPort } from './benchAppConfig';

describe('benchAppConfig', () => {
  it('puts the app and its backend on one loopback origin at the given port', () => {
    const config = benchAppConfig({
      port: 41889,
      workDir: '/tmp/eks-bench-app-x1',
    });
    expect(config.app.baseUrl).toBe('http://127.0.0.1:41889');
    expect(config.backend).toMatchObject({
      baseUrl: 'http://127.0.0.1:41889',
      listen: { port: 41889, host: '127.0.0.1' },
      cors: { origin: 'http://127.0.0.1:41889' },
    });
    // Guest sign-in although the backend runs with NODE_ENV=production.
    expect(config.auth.providers.guest).toEqual({
      dangerouslyAllowOutsideDevelopment: true,
    });
  });

  it('configures no clusters, so the demo fleet on the reserved ports is never called', () => {
    const config = benchAppConfig({
      port: 41889,
      workDir: '/tmp/eks-bench-app-x1',
    });
    expect(config.kubernetes.clusterLocatorMethods).toEqual([
      { type: 'config', clusters: [] },
    ]);
    expect(config.eksPlatform.clusters).toEqual([]);
    expect(config.eksPlatform.gitops).toEqual({
      defaultRepository: 'file:///tmp/eks-bench-app-x1/platform.git',
      catalogDirectory: '/tmp/eks-bench-app-x1/catalog',
    });
  });

  it("refuses the developer's ports and non-ports", () => {
    for (const port of [3000, 7007, 7780, 7790, 7799]) {
      expect(isReservedPort(port)).toBe(true);
      expect(() => benchAppConfig({ port, workDir: '/tmp/x' })).toThrow(
        /reserved/,
      );
    }
    expect(isReservedPort(7800)).toBe(false);
    expect(isReservedPort(3001)).toBe(false);
    expect(() => benchAppConfig({ port: 0, workDir: '/tmp/x' })).toThrow(
      'not a TCP port: 0',
    );
  });
});
