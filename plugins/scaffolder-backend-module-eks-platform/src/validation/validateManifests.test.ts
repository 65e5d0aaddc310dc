import { createMockDirectory } from '@backstage/backend-test-utils';
import { ModelCatalog } from './modelCatalog';
import { validateManifests } from './validateManifests';

const namespace = `apiVersion: v1
kind: Namespace
metadata:
  name: payments-prod
  labels:
    pod-security.kubernetes.io/enforce: baseline
`;

const configMap = (name: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  GRPC_PORT: "50051"
${extra}`;

describe('validateManifests', () => {
  const mockDir = createMockDirectory();
  let catalog: ModelCatalog;

  beforeAll(async () => {
    catalog = await ModelCatalog.load();
  });

  beforeEach(() => mockDir.clear());

  const validate = (failOnUnknownKinds = false) =>
    validateManifests({ target: mockDir.path, failOnUnknownKinds }, catalog);

  it('numbers documents within a file and skips empty ones', async () => {
    mockDir.setContent({
      'all.yaml': `---\n${namespace}---\n# nothing here\n---\n${configMap(
        'payments-config',
      )}---\n${configMap('payments-flags', '  ENABLE_REFLECTION: yes\n')}`,
    });

    const report = await validate();

    expect(report.documentsChecked).toBe(3);
    expect(report.errors).toEqual([
      {
        file: 'all.yaml',
        document: 3,
        line: 24,
        kind: 'ConfigMap',
        name: 'payments-flags',
        field: 'data.ENABLE_REFLECTION',
        // kubectl reads YAML 1.1, where an unquoted yes is a boolean
        message: 'must be string',
      },
    ]);
  });

  it('requires apiVersion, kind and metadata.name', async () => {
    mockDir.setContent({
      'no-kind.yaml': 'apiVersion: v1\nmetadata:\n  name: payments\n',
      'no-name.yaml':
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  labels:\n    team: payments\n',
      'list.yaml': '- apiVersion: v1\n  kind: ServiceAccount\n',
    });

    const report = await validate();

    expect(report.invalidDocuments).toBe(3);
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'list.yaml',
        message:
          'must be a mapping with apiVersion, kind and metadata, not a list',
      }),
      expect.objectContaining({
        file: 'no-kind.yaml',
        field: 'kind',
        message: 'is required',
      }),
      expect.objectContaining({
        file: 'no-name.yaml',
        kind: 'ServiceAccount',
        field: 'metadata.name',
        line: 3,
        message: 'is required',
      }),
    ]);
  });

  it('reports duplicate keys as YAML errors', async () => {
    mockDir.setContent({
      'sa.yaml':
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: payments\n  name: payments-v2\n',
    });

    const report = await validate();

    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'sa.yaml',
        line: 5,
        message: 'YAML syntax error: Map keys must be unique',
      }),
    ]);
  });

  it('refuses documents that expand aliases excessively', async () => {
    const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(
        `${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`,
      );
    }
    mockDir.setContent({ 'lol.yaml': `${levels.join('\n')}\n` });

    const report = await validate();

    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'lol.yaml',
        message: expect.stringContaining(
          'cannot be read: Excessive alias count',
        ),
      }),
    ]);
  });

  it('recognises kustomization files, refuses deprecated fields and validates patches as partial objects', async () => {
    mockDir.setContent({
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'base/deployment.yaml': configMap('payments-config'),
      'overlays/prod/kustomization.yaml': `resources:\n  - ../../base\ncommonLabels:\n  team: payments\npatchesStrategicMerge:\n  - replicas.yaml\n`,
      'overlays/prod/replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payments\nspec:\n  replicas: "6"\n',
      'overlays/dev/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1\nkind: Kustomization\n',
    });

    const report = await validate();

    expect(report.kinds).toEqual({
      ConfigMap: 1,
      Kustomization: 3,
      'Kustomize patch': 1,
    });
    expect(report.kustomizations).toBe(3);
    expect(
      report.errors.map(e => `${e.file} ${e.field}: ${e.message}`),
    ).toEqual([
      'overlays/dev/kustomization.yaml apiVersion: must be kustomize.config.k8s.io/v1beta1 for kind Kustomization',
      'overlays/prod/kustomization.yaml commonLabels: is deprecated in Kustomize v5: use labels',
      'overlays/prod/kustomization.yaml patchesStrategicMerge: is deprecated in Kustomize v5: use patches',
      'overlays/prod/replicas.yaml spec.replicas: must be integer',
    ]);

    const lenient = await validateManifests(
      { target: mockDir.path, allowDeprecatedKustomize: true },
      catalog,
    );
    expect(lenient.warnings.map(w => `${w.field}: ${w.message}`)).toEqual([
      'commonLabels: is deprecated in Kustomize v5: use labels',
      'patchesStrategicMerge: is deprecated in Kustomize v5: use patches',
    ]);
  });

  it('names Kustomize resources and patches that do not exist, and warns about remote ones', async () => {
    mockDir.setContent({
      'overlays/stg/kustomization.yaml': [
        'resources:',
        '  - ../../base',
        '  - namespace.yaml',
        '  - https://github.com/example/platform//quotas?ref=v1.2.0',
        '  - ../dev',
        'patches:',
        '  - path: deployment-resources.yaml',
        '  - patch: |-',
        '      - op: replace',
        '        path: /spec/replicas',
        '        value: 2',
        '    target:',
        '      kind: Deployment',
        '',
      ].join('\n'),
      'overlays/stg/namespace.yaml': namespace,
      'overlays/dev/README.md': 'not an overlay',
    });

    const report = await validate();

    expect(
      report.errors.map(e => `${e.file}:${e.line} ${e.field}: ${e.message}`),
    ).toEqual([
      'overlays/stg/kustomization.yaml:2 resources[0]: refers to "../../base", which does not exist',
      'overlays/stg/kustomization.yaml:5 resources[3]: refers to the directory "../dev", which has no kustomization.yaml',
      'overlays/stg/kustomization.yaml:7 patches[0].path: refers to "deployment-resources.yaml", which does not exist',
    ]);
    expect(report.warnings.map(w => `${w.field}: ${w.message}`)).toEqual([
      'resources[2]: refers to the remote resource "https://github.com/example/platform//quotas?ref=v1.2.0", which was not checked',
    ]);
  });

  it('requires every Argo CD Application path to be a rendered overlay under the GitOps prefix', async () => {
    const application = (name: string, path: string) =>
      [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Application',
        'metadata:',
        `  name: ${name}`,
        '  namespace: argocd',
        'spec:',
        '  project: default',
        '  source:',
        '    repoURL: file:///srv/gitops/platform.git',
        '    targetRevision: main',
        `    path: ${path}`,
        '  destination:',
        '    name: prod-eu-west-1',
        `    namespace: ${name}`,
        '',
      ].join('\n');
    mockDir.setContent({
      'manifests/overlays/prod/kustomization.yaml':
        'resources:\n  - namespace.yaml\n',
      'manifests/overlays/prod/namespace.yaml': namespace,
      'argocd/payments-prod.yaml': application(
        'payments-prod',
        'services/payments/manifests/overlays/prod',
      ),
      'argocd/payments-stg.yaml': application(
        'payments-stg',
        'services/payments/manifests/overlays/stg',
      ),
      'argocd/payments-dev.yaml': application(
        'payments-dev',
        'apps/payments/overlays/dev',
      ),
    });

    const report = await validateManifests(
      { target: mockDir.path, gitopsPathPrefix: 'services/payments' },
      catalog,
    );

    expect(report.applications).toBe(3);
    expect(
      report.errors.map(e => `${e.file} ${e.field}: ${e.message}`),
    ).toEqual([
      'argocd/payments-dev.yaml spec.source.path: must point into services/payments/ (where this workspace is committed), not "apps/payments/overlays/dev"',
      'argocd/payments-stg.yaml spec.source.path: "services/payments/manifests/overlays/stg" is not a directory rendered by this template (manifests/overlays/stg does not exist)',
    ]);
  });

  it('checks the shape of legacy App Mesh objects and warns that App Mesh reached end of support', async () => {
    mockDir.setContent({
      'appmesh.yaml': [
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualNode',
        'metadata:',
        '  name: payments',
        'spec:',
        '  listeners:',
        '    - portMapping:',
        '        port: 50051',
        '        protocol: grpc',
        '  serviceDiscovery:',
        '    dns:',
        '      hostname: payments.payments-prod.svc.cluster.local',
        '---',
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualRouter',
        'metadata:',
        '  name: payments',
        'spec:',
        '  listeners:',
        '    - portMapping:',
        '        port: 50051',
        '        protocol: grpcs',
        '  routes:',
        '    - name: payments-grpc',
        '      grpcRoute:',
        '        match: {}',
        '        action:',
        '          weightedTargets:',
        '            - virtualNodeRef:',
        '                name: payments',
        '              weight: 1',
        '        retryPolicy:',
        '          grpcRetryEvents: [unavailable]',
        '          maxRetries: 2',
        '          perRetryTimeout: { unit: minutes, value: 1 }',
        '',
      ].join('\n'),
    });

    const report = await validate(true);

    expect(report.kinds).toEqual({ VirtualNode: 1, VirtualRouter: 1 });
    expect(
      report.errors.map(e => `${e.kind} ${e.field}: ${e.message}`),
    ).toEqual([
      expect.stringMatching(
        /^VirtualRouter spec\.listeners\[0\]\.portMapping\.protocol: /,
      ),
      expect.stringMatching(
        /^VirtualRouter spec\.routes\[0\]\.grpcRoute\.retryPolicy\.perRetryTimeout\.unit: /,
      ),
    ]);
    expect(report.warnings.map(w => w.message)).toEqual([
      // date-literal: AWS App Mesh's published end of support
      'AWS App Mesh reached end of support on 2026-09-30: plan the move to Gateway API GRPCRoute on Amazon VPC Lattice',
    ]);
  });

  it('counts Backstage entities without validating them as Kubernetes objects', async () => {
    mockDir.setContent({
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: payments\nspec:\n  type: service\n',
      'template.yaml':
        'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: grpc-service\n',
    });

    const report = await validate();

    expect(report.kinds).toEqual({ 'Component (Backstage)': 1, Template: 1 });
    expect(report.warnings).toEqual([
      expect.objectContaining({
        file: 'template.yaml',
        message: expect.stringContaining(
          'has no known schema for scaffolder.backstage.io/v1beta3 Template',
        ),
      }),
    ]);
  });

  it('skips node_modules, dot directories, other tools\u2019 files and Helm charts', async () => {
    mockDir.setContent({
      'deploy/namespace.yaml': namespace,
      'deploy/values.yaml': 'replicaCount: 3\n',
      'node_modules/some-package/config.yaml': 'not: a manifest\n',
      '.github/workflows/ci.yml': 'on: push\n',
      '.gitlab-ci.yml': 'stages: [test]\n',
      'buf.gen.yaml': 'version: v2\n',
      'charts/payments/Chart.yaml': 'apiVersion: v2\nname: payments\n',
      'charts/payments/templates/deployment.yaml':
        'replicas: {{ .Values.replicaCount }}\n',
    });

    const report = await validate();

    expect(report.filesChecked).toBe(1);
    expect(report.skipped).toEqual([
      'buf.gen.yaml',
      'charts/payments/',
      'deploy/values.yaml',
    ]);
    expect(report.errors).toEqual([]);
  });

  it('validates a single file and reports paths relative to the workspace', async () => {
    mockDir.setContent({
      'manifests/namespace.yaml': namespace.replace(
        'payments-prod',
        'Payments',
      ),
    });

    const report = await validateManifests(
      {
        target: mockDir.resolve('manifests/namespace.yaml'),
        relativeTo: mockDir.path,
      },
      catalog,
    );

    expect(report.filesChecked).toBe(1);
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'manifests/namespace.yaml',
        line: 4,
        field: 'metadata.name',
      }),
    ]);
  });
});
