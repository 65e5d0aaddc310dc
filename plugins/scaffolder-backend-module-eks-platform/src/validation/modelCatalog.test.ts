import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ModelCatalog } from './modelCatalog';

const REQUIRED_KINDS = [
  'v1 Namespace',
  'v1 Service',
  'v1 ServiceAccount',
  'v1 ConfigMap',
  'v1 ResourceQuota',
  'v1 LimitRange',
  'apps/v1 Deployment',
  'apps/v1 StatefulSet',
  'batch/v1 Job',
  'batch/v1 CronJob',
  'autoscaling/v2 HorizontalPodAutoscaler',
  'policy/v1 PodDisruptionBudget',
  'networking.k8s.io/v1 NetworkPolicy',
  'networking.k8s.io/v1 Ingress',
  'rbac.authorization.k8s.io/v1 Role',
  'rbac.authorization.k8s.io/v1 RoleBinding',
  'argoproj.io/v1alpha1 Application',
  'argoproj.io/v1alpha1 AppProject',
  'networking.istio.io/v1 VirtualService',
  'networking.istio.io/v1 DestinationRule',
  'networking.istio.io/v1 Gateway',
  'networking.istio.io/v1beta1 VirtualService',
  'networking.istio.io/v1beta1 DestinationRule',
  'networking.istio.io/v1beta1 Gateway',
  'security.istio.io/v1 PeerAuthentication',
  'gateway.networking.k8s.io/v1 GRPCRoute',
  'gateway.networking.k8s.io/v1 HTTPRoute',
  'gateway.networking.k8s.io/v1 Gateway',
];

describe('ModelCatalog', () => {
  let catalog: ModelCatalog;

  beforeAll(async () => {
    catalog = await ModelCatalog.load();
  });

  it('knows the built-in, Argo CD, Istio and Gateway API kinds a gRPC service uses', () => {
    expect(catalog.list()).toEqual(expect.arrayContaining(REQUIRED_KINDS));
  });

  it('returns model classes that validate their own kind', () => {
    const GRPCRoute = catalog.get('gateway.networking.k8s.io/v1', 'GRPCRoute')!;
    expect(GRPCRoute.kind).toBe('GRPCRoute');
    expect(() =>
      new GRPCRoute({
        metadata: { name: 'payments' },
        spec: { rules: [{ backendRefs: [{ name: 'payments', port: 50051 }] }] },
      }).validate(),
    ).not.toThrow();
    expect(() =>
      new GRPCRoute({
        metadata: { name: 'payments' },
        spec: {
          rules: [{ backendRefs: [{ name: 'payments', port: 'grpc' }] }],
        },
      }).validate(),
    ).toThrow('must be integer');
  });

  it('has no entry for kinds the packages do not provide', () => {
    expect(catalog.get('argoproj.io/v1alpha1', 'Rollout')).toBeUndefined();
    expect(
      catalog.get('policy/v1beta1', 'PodDisruptionBudget'),
    ).toBeUndefined();
  });

  it('suggests the right casing or apiVersion for an unknown kind', () => {
    expect(catalog.suggest('apps/v1', 'deployment')).toBe(
      'did you mean kind Deployment?',
    );
    expect(
      catalog.suggest('autoscaling/v2beta2', 'HorizontalPodAutoscaler'),
    ).toBe(
      'HorizontalPodAutoscaler is known as autoscaling/v1, autoscaling/v2',
    );
    expect(catalog.suggest('argoproj.io/v1alpha1', 'Rollout')).toBeUndefined();
  });

  // Jest loads the ESM-only model packages through require() (see
  // setupTests.ts). This runs the real loader, native import() and all, in a
  // plain Node.js process loaded the way `backstage-cli package start` loads
  // backend code.
  it('loads the same kinds with native import() in Node.js', async () => {
    const script = `
      const { loadModelCatalog } = require('./src/validation/modelCatalog.ts');
      loadModelCatalog().then(
        c => process.stdout.write(JSON.stringify(c.list())),
        e => { console.error(e); process.exit(1); },
      );
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        '-e',
        script,
      ],
      { cwd: resolve(__dirname, '../..') },
    );

    expect(JSON.parse(stdout)).toEqual(catalog.list());
  }, 60_000);
});
