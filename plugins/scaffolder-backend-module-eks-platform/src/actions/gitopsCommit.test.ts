import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { GitopsSettings } from '../gitops/GitopsSettings';
import { createGitopsCommitAction } from './gitopsCommit';
import { createGitopsResolveAction } from './gitopsResolve';

const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8' });

describe('eks-platform:gitops:commit', () => {
  const mockDir = createMockDirectory();
  const bare = () => join(mockDir.path, 'gitops', 'platform.git');
  let settings: GitopsSettings;

  beforeEach(() => {
    mockDir.setContent({
      gitops: {},
      workspace: {
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: checkout-api\n',
        'manifests/base/kustomization.yaml':
          'resources:\n  - deployment.yaml\n',
        'manifests/base/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: checkout-api\n',
      },
    });
    git(['init', '--quiet', '--bare', '--initial-branch=main', bare()]);
    settings = {
      defaultRepository: `file://${bare()}`,
      allowedRepositoryRoots: [join(mockDir.path, 'gitops')],
      catalogDirectory: join(mockDir.path, 'gitops', 'catalog'),
      defaultAuthor: {
        name: 'Backstage Scaffolder',
        email: 'scaffolder@backstage.local',
      },
    };
  });

  function context(
    input: Record<string, unknown>,
    extra: { isDryRun?: boolean; user?: any } = {},
  ) {
    const ctx = createMockActionContext({
      workspacePath: join(mockDir.path, 'workspace'),
      input: input as any,
      user: extra.user,
    });
    ctx.isDryRun = extra.isDryRun;
    const outputs = () =>
      Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    return { ctx, outputs };
  }

  const log = () =>
    git(['--git-dir', bare(), 'log', '--format=%an <%ae>|%s', 'main'])
      .trim()
      .split('\n');
  const tree = () =>
    git(['--git-dir', bare(), 'ls-tree', '-r', '--name-only', 'main'])
      .trim()
      .split('\n');

  it('commits the workspace to the path on main of the empty default repository, as the template user', async () => {
    const action = createGitopsCommitAction({ settings });
    const { ctx, outputs } = context(
      {
        targetPath: 'services/checkout-api',
        commitMessage: 'Add checkout-api (dev)',
      },
      {
        user: {
          ref: 'user:default/jane',
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'jane' },
            spec: {
              profile: { displayName: 'Jane Doe', email: 'jane@example.com' },
            },
          },
        },
      },
    );

    await action.handler(ctx);

    expect(log()).toEqual([
      'Jane Doe <jane@example.com>|Add checkout-api (dev)',
    ]);
    expect(tree()).toEqual([
      'services/checkout-api/catalog-info.yaml',
      'services/checkout-api/manifests/base/deployment.yaml',
      'services/checkout-api/manifests/base/kustomization.yaml',
    ]);
    expect(outputs()).toEqual({
      repoUrl: `file://${bare()}`,
      branch: 'main',
      targetPath: 'services/checkout-api',
      commitHash: git(['--git-dir', bare(), 'rev-parse', 'main']).trim(),
      filesCommitted: 3,
      created: true,
    });
  });

  it('does not commit twice when a run is retried', async () => {
    const action = createGitopsCommitAction({ settings });
    const stored = new Map<string, unknown>();
    const checkpoint = async ({
      key,
      fn,
    }: {
      key: string;
      fn: () => Promise<any>;
    }) => {
      if (!stored.has(key)) stored.set(key, await fn());
      return stored.get(key);
    };
    const first = context({ targetPath: 'services/checkout-api' });
    first.ctx.checkpoint = checkpoint as any;
    await action.handler(first.ctx);

    // The task is retried: the checkpoint remembers the commit.
    const retried = context({ targetPath: 'services/checkout-api' });
    retried.ctx.checkpoint = checkpoint as any;
    await action.handler(retried.ctx);
    expect(retried.outputs().commitHash).toBe(first.outputs().commitHash);

    // The checkpoint was lost (crash after the push): the same files are found, nothing is committed.
    const recovered = context({ targetPath: 'services/checkout-api' });
    await action.handler(recovered.ctx);
    expect(recovered.outputs()).toMatchObject({
      commitHash: first.outputs().commitHash,
      created: false,
    });
    expect(log()).toHaveLength(1);
  });

  it('refuses to overwrite another service at the same path', async () => {
    const action = createGitopsCommitAction({ settings });
    await action.handler(context({ targetPath: 'services/checkout-api' }).ctx);
    mockDir.addContent({
      'workspace/manifests/base/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\n',
    });

    await expect(
      action.handler(context({ targetPath: 'services/checkout-api' }).ctx),
    ).rejects.toThrow(
      `services/checkout-api already exists on branch main of file://${bare()} with different content; refusing to overwrite another service`,
    );
    expect(log()).toHaveLength(1);
  });

  it('commits nothing in a dry run', async () => {
    const action = createGitopsCommitAction({ settings });
    const { ctx, outputs } = context(
      { targetPath: 'services/checkout-api' },
      { isDryRun: true },
    );
    await action.handler(ctx);
    expect(outputs()).toMatchObject({
      commitHash: 'dry-run',
      filesCommitted: 3,
      created: false,
    });
    expect(git(['--git-dir', bare(), 'for-each-ref'])).toBe('');
  });

  it.each([
    [
      'https://github.com/acme/gitops.git',
      'is not a local repository. eks-platform:gitops:commit only commits to a bare repository on the Backstage host (a file:// URL); for a GitHub or GitLab GitOps repository use publish:github:pull-request',
    ],
    ['file://build-host/srv/gitops.git', 'names the host "build-host"'],
    ['file:///etc', 'is outside the allowed directories'],
  ])('refuses %s', async (repoUrl, message) => {
    const action = createGitopsCommitAction({ settings });
    await expect(
      action.handler(
        context({ repoUrl, targetPath: 'services/checkout-api' }).ctx,
      ),
    ).rejects.toThrow(message);
  });

  it('refuses a directory that is not a bare repository, and unsafe paths', async () => {
    mockDir.addContent({ 'gitops/not-a-repo/README.md': 'plain directory' });
    const action = createGitopsCommitAction({ settings });
    await expect(
      action.handler(
        context({
          repoUrl: `file://${join(mockDir.path, 'gitops', 'not-a-repo')}`,
          targetPath: 'services/x',
        }).ctx,
      ),
    ).rejects.toThrow('is not a bare Git repository');
    await expect(
      action.handler(context({ targetPath: '../outside' }).ctx),
    ).rejects.toThrow('targetPath "../outside" must be a relative directory');
  });

  it('gitops:resolve picks the configured default for an empty field and checks a given URL', async () => {
    const action = createGitopsResolveAction({ settings });
    const empty = context({ repoUrl: '' });
    await action.handler(empty.ctx);
    expect(empty.outputs()).toEqual({
      repoUrl: `file://${bare()}`,
      isDefault: true,
    });

    await expect(
      action.handler(
        context({ repoUrl: 'git@github.com:acme/gitops.git' }).ctx,
      ),
    ).rejects.toThrow('is not a URL');
    await expect(action.handler(context({}).ctx)).resolves.toBeUndefined();
    await expect(
      createGitopsResolveAction({
        settings: { ...settings, defaultRepository: undefined },
      }).handler(context({}).ctx),
    ).rejects.toThrow(
      'No GitOps repository: the template gave none and eksPlatform.gitops.defaultRepository is not configured',
    );
  });
});
