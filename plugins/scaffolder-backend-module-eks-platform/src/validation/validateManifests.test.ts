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

  it('recognises kustomization files, warns about deprecated fields and validates patches as partial objects', async () => {
    mockDir.setContent({
      'overlays/prod/kustomization.yaml': `resources:\n  - ../../base\ncommonLabels:\n  team: payments\npatchesStrategicMerge:\n  - replicas.yaml\n`,
      'overlays/prod/replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payments\nspec:\n  replicas: "6"\n',
      'overlays/dev/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1\nkind: Kustomization\n',
    });

    const report = await validate();

    expect(report.kinds).toEqual({ Kustomization: 2, 'Kustomize patch': 1 });
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'overlays/dev/kustomization.yaml',
        field: 'apiVersion',
        message:
          'must be kustomize.config.k8s.io/v1beta1 for kind Kustomization',
      }),
      expect.objectContaining({
        file: 'overlays/prod/replicas.yaml',
        field: 'spec.replicas',
        message: 'must be integer',
      }),
    ]);
    expect(report.warnings.map(w => `${w.field}: ${w.message}`)).toEqual([
      'commonLabels: is deprecated in Kustomize v5: use labels',
      'patchesStrategicMerge: is deprecated in Kustomize v5: use patches',
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
