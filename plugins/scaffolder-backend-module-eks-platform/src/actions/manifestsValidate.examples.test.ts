import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'yaml';
import { createManifestsValidateAction } from './manifestsValidate';
import { examples } from './manifestsValidate.examples';

describe('eks-platform:manifests:validate examples', () => {
  const mockDir = createMockDirectory();
  const action = createManifestsValidateAction();

  beforeEach(async () => {
    mockDir.clear();
    await fs.cp(
      resolve(__dirname, '__fixtures__', 'grpc-service'),
      mockDir.path,
      {
        recursive: true,
      },
    );
  });

  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const steps = yaml.parse(example).steps;
      expect(steps).toEqual([expect.objectContaining({ action: action.id })]);
      const ctx = createMockActionContext({
        workspacePath: mockDir.path,
        input: steps[0].input ?? {},
      });

      await action.handler(ctx);

      expect(ctx.output).toHaveBeenCalledWith('errors', []);
      expect(ctx.output).toHaveBeenCalledWith(
        'documentsChecked',
        expect.any(Number),
      );
      const summary = (ctx.output as jest.Mock).mock.calls.find(
        ([name]) => name === 'summary',
      )?.[1];
      expect(summary).toMatch(/^\d+ manifests in \d+ files are valid$/);
    },
  );
});
