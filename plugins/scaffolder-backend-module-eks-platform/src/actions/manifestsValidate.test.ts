import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { createManifestsValidateAction } from './manifestsValidate';

const FIXTURES = resolve(__dirname, '__fixtures__');

describe('eks-platform:manifests:validate', () => {
  const mockDir = createMockDirectory();
  const action = createManifestsValidateAction();

  /** A workspace holding the scaffolded gRPC service, with some files replaced by broken variants. */
  async function workspace(replace: Record<string, string> = {}) {
    mockDir.clear();
    await fs.cp(join(FIXTURES, 'grpc-service'), mockDir.path, {
      recursive: true,
    });
    for (const [target, brokenFixture] of Object.entries(replace)) {
      await fs.copyFile(
        join(FIXTURES, 'broken', brokenFixture),
        mockDir.resolve(target),
      );
    }
    return mockDir.path;
  }

  function context(
    workspacePath: string,
    input: {
      path?: string;
      failOnUnknownKinds?: boolean;
      gitopsPathPrefix?: string;
    } = {},
    extra: { isDryRun?: boolean } = {},
  ) {
    const ctx = createMockActionContext({ workspacePath, input, ...extra });
    const info = jest.spyOn(ctx.logger, 'info');
    const warn = jest.spyOn(ctx.logger, 'warn');
    const outputs = () =>
      Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    const logged = () => info.mock.calls.map(c => String(c[0]));
    const warned = () => warn.mock.calls.map(c => String(c[0]));
    return { ctx, outputs, logged, warned };
  }

  it('passes a valid gRPC service tree and reports what it checked', async () => {
    const { ctx, outputs, logged, warned } = context(await workspace(), {
      path: 'manifests',
    });

    await action.handler(ctx);

    expect(outputs()).toEqual({
      // base: 9 files, 11 documents; each overlay: 3 files; Argo CD: 2
      filesChecked: 17,
      documentsChecked: 19,
      errors: [],
      warnings: [],
      summary: '19 manifests in 17 files are valid',
      kustomizations: 3,
      applications: 2,
    });
    expect(logged()).toContain(
      'Checked 19 documents in 17 files: Application 2, Deployment 1, DestinationRule 1, GRPCRoute 1, HorizontalPodAutoscaler 1, Kustomization 3, Kustomize patch 2, Namespace 2, NetworkPolicy 3, PodDisruptionBudget 1, Service 1, ServiceAccount 1',
    );
    expect(warned()).toEqual([]);
  });

  it('validates the whole workspace by default, counting the Backstage entity and skipping other tools\u2019 YAML', async () => {
    const { ctx, outputs, logged } = context(await workspace());

    await action.handler(ctx);

    expect(outputs()).toMatchObject({
      filesChecked: 18,
      documentsChecked: 20,
      errors: [],
    });
    expect(logged()).toContain('Skipped, not Kubernetes manifests: mkdocs.yml');
    expect(logged().join('\n')).toContain('Component (Backstage) 1');
    expect(logged().join('\n')).not.toContain('.github');
  });

  it('fails on a Deployment with replicas: "three", naming file, line and field', async () => {
    const { ctx, outputs, logged } = context(
      await workspace({
        'manifests/base/deployment.yaml': 'deployment-replicas-string.yaml',
      }),
      { path: './manifests' },
    );

    await expect(action.handler(ctx)).rejects.toThrow(
      '1 of 19 manifests is invalid: manifests/base/deployment.yaml:8 Deployment/payments spec.replicas: must be integer',
    );
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
    });
    expect(outputs().errors).toEqual([
      {
        file: 'manifests/base/deployment.yaml',
        document: 0,
        line: 8,
        kind: 'Deployment',
        name: 'payments',
        field: 'spec.replicas',
        message: 'must be integer',
      },
    ]);
    expect(logged()).toContain(
      'Invalid: manifests/base/deployment.yaml:8 Deployment/payments spec.replicas: must be integer',
    );
  });

  it('reports a YAML syntax error with its file and line', async () => {
    const { ctx, outputs } = context(
      await workspace({
        'manifests/base/deployment.yaml': 'deployment-yaml-syntax-error.yaml',
      }),
      { path: 'manifests' },
    );

    await expect(action.handler(ctx)).rejects.toThrow(
      'manifests/base/deployment.yaml:47 YAML syntax error: Sequence item without - indicator',
    );
    expect(outputs().errors).toEqual([
      {
        file: 'manifests/base/deployment.yaml',
        document: 0,
        line: 47,
        message: 'YAML syntax error: Sequence item without - indicator',
      },
    ]);
  });

  it('fails on a Service port outside 1-65535', async () => {
    const { ctx, outputs } = context(
      await workspace({
        'manifests/base/service.yaml': 'service-port-out-of-range.yaml',
      }),
      { path: 'manifests' },
    );

    await expect(action.handler(ctx)).rejects.toThrow(
      'manifests/base/service.yaml:11 Service/payments spec.ports[0].port: must be between 1 and 65535, inclusive (is 500051)',
    );
    expect(outputs().errors).toHaveLength(1);
  });

  it('names the first three failures and counts the rest', async () => {
    const { ctx, outputs } = context(
      await workspace({
        'manifests/base/deployment.yaml': 'deployment-replicas-string.yaml',
        'manifests/base/service.yaml': 'service-port-out-of-range.yaml',
      }),
      { path: 'manifests' },
    );
    await fs.writeFile(
      mockDir.resolve('manifests/base/hpa.yaml'),
      (await fs.readFile(mockDir.resolve('manifests/base/hpa.yaml'), 'utf8'))
        .replace('maxReplicas: 12', 'maxReplicas: twelve')
        .replace('averageUtilization: 70', 'averageUtilization: 70%'),
    );

    const error = await action.handler(ctx).catch(e => e);

    expect(error.message).toBe(
      '3 of 19 manifests are invalid: ' +
        'manifests/base/deployment.yaml:8 Deployment/payments spec.replicas: must be integer, ' +
        'manifests/base/hpa.yaml:11 HorizontalPodAutoscaler/payments spec.maxReplicas: must be integer, ' +
        'manifests/base/hpa.yaml:18 HorizontalPodAutoscaler/payments spec.metrics[0].resource.target.averageUtilization: must be integer, ' +
        'and 1 more problem',
    );
    expect(outputs().errors).toHaveLength(4);
  });

  it.each([
    ['../outside', 'points outside the workspace'],
    ['manifests/../../etc', 'points outside the workspace'],
    ['/etc/kubernetes', 'is an absolute path'],
  ])('rejects the path %s', async (path, message) => {
    const { ctx } = context(await workspace(), { path });

    const error = await action.handler(ctx).catch(e => e);

    expect(error.name).toBe('InputError');
    expect(error.message).toContain(message);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('rejects a path that does not exist', async () => {
    const { ctx } = context(await workspace(), { path: 'deploy' });

    await expect(action.handler(ctx)).rejects.toThrow(
      'path "deploy" does not exist in the workspace',
    );
  });

  it('rejects a symbolic link that leads out of the workspace', async () => {
    const outside = createMockDirectory();
    outside.setContent({ 'secret.yaml': 'apiVersion: v1\nkind: Secret\n' });
    const workspacePath = await workspace();
    await fs.symlink(outside.path, join(workspacePath, 'linked'));
    const { ctx } = context(workspacePath, { path: 'linked' });

    await expect(action.handler(ctx)).rejects.toThrow(
      'path "linked" is a symbolic link to a location outside the workspace',
    );
  });

  describe('a custom resource with no known schema', () => {
    const withRollout = async () => {
      const workspacePath = await workspace();
      await fs.copyFile(
        join(FIXTURES, 'broken', 'rollout.yaml'),
        join(workspacePath, 'manifests/base/rollout.yaml'),
      );
      return workspacePath;
    };

    it('is a warning by default', async () => {
      const { ctx, outputs, warned } = context(await withRollout(), {
        path: 'manifests',
      });

      await action.handler(ctx);

      expect(outputs()).toMatchObject({
        documentsChecked: 20,
        errors: [],
        summary: '20 manifests in 18 files are valid (1 warning)',
      });
      expect(outputs().warnings).toEqual([
        expect.objectContaining({
          file: 'manifests/base/rollout.yaml',
          kind: 'Rollout',
          field: 'kind',
          line: 3,
        }),
      ]);
      expect(warned()).toEqual([
        'Warning: manifests/base/rollout.yaml:3 Rollout/payments kind: has no known schema for argoproj.io/v1alpha1 Rollout, so it was not validated',
      ]);
    });

    it('fails the run with failOnUnknownKinds', async () => {
      const { ctx } = context(await withRollout(), {
        path: 'manifests',
        failOnUnknownKinds: true,
      });

      await expect(action.handler(ctx)).rejects.toThrow(
        '1 of 20 manifests is invalid: manifests/base/rollout.yaml:3 Rollout/payments kind: has no known schema for argoproj.io/v1alpha1 Rollout',
      );
    });

    it('suggests the current apiVersion for a removed one', async () => {
      const workspacePath = await workspace({
        'manifests/base/pdb.yaml': 'pdb-policy-v1beta1.yaml',
      });
      const { ctx, outputs } = context(workspacePath, { path: 'manifests' });

      await action.handler(ctx);

      expect(outputs().warnings).toEqual([
        expect.objectContaining({
          message:
            'has no known schema for policy/v1beta1 PodDisruptionBudget (PodDisruptionBudget is known as policy/v1), so it was not validated',
        }),
      ]);
    });
  });

  it('passes, and says so, when the directory holds no manifests', async () => {
    const workspacePath = await workspace();
    await fs.mkdir(join(workspacePath, 'deploy'));
    await fs.writeFile(join(workspacePath, 'deploy', 'README.md'), '# later\n');
    const { ctx, outputs } = context(workspacePath, { path: 'deploy' });

    await action.handler(ctx);

    expect(outputs()).toMatchObject({
      filesChecked: 0,
      documentsChecked: 0,
      summary: 'No manifests found (0 YAML files read)',
    });
  });

  it('validates the same way in a dry run', async () => {
    const { ctx, outputs } = context(
      await workspace({
        'manifests/base/deployment.yaml': 'deployment-replicas-string.yaml',
      }),
      { path: 'manifests' },
      { isDryRun: true },
    );

    await expect(action.handler(ctx)).rejects.toThrow(
      'spec.replicas: must be integer',
    );
    expect(outputs().documentsChecked).toBe(19);
  });
});
