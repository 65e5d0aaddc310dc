import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { SCRATCH_PREFIX, commitTree, listFiles } from '../gitops/commitTree';
import { GitRunner, runGit } from '../gitops/git';
import { GitopsSettings } from '../gitops/GitopsSettings';
import { resolveLocalRepository } from '../gitops/localRepository';
import { resolveWorkspacePath } from '../validation/resolveWorkspacePath';
import { examples } from './gitopsCommit.examples';

/**
 * The id of the action created by {@link createGitopsCommitAction}.
 *
 * @public
 */
export const GITOPS_COMMIT_ACTION_ID = 'eks-platform:gitops:commit';

const TARGET_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

function checkTargetPath(path: string) {
  const segments = path.split('/');
  if (
    !TARGET_PATH.test(path) ||
    segments.some(s => s === '.' || s === '..' || s === '.git')
  ) {
    throw new InputError(
      `targetPath "${path}" must be a relative directory in the repository such as services/payments-api (no "..", ".git" or leading "/")`,
    );
  }
}

function checkBranch(branch: string) {
  if (
    !BRANCH.test(branch) ||
    branch.includes('..') ||
    branch.endsWith('/') ||
    branch.endsWith('.lock')
  ) {
    throw new InputError(`branch "${branch}" is not a valid branch name`);
  }
}

/**
 * Creates `eks-platform:gitops:commit`: commits a directory of the workspace to a path of a local
 * bare GitOps repository with the `git` CLI (no network), once: the commit runs in `ctx.checkpoint`,
 * and a path that already holds the same files is not committed again.
 *
 * @public
 */
export function createGitopsCommitAction(options: {
  settings: GitopsSettings;
  git?: GitRunner;
}) {
  const git = options.git ?? runGit;
  return createTemplateAction({
    id: GITOPS_COMMIT_ACTION_ID,
    description:
      'Commits the rendered workspace to a path of a local bare GitOps repository (file:// URL); for GitHub or GitLab use publish:github:pull-request',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string({
              description:
                'file:// URL of a bare repository on the Backstage host; defaults to eksPlatform.gitops.defaultRepository',
            })
            .optional(),
        branch: z =>
          z
            .string({ description: 'Branch to commit to; default main' })
            .optional(),
        targetPath: z =>
          z.string({
            description:
              'Directory in the repository, e.g. services/payments-api. Must not exist yet.',
          }),
        sourcePath: z =>
          z
            .string({
              description:
                'Workspace directory to commit; default the whole workspace',
            })
            .optional(),
        commitMessage: z =>
          z.string({ description: 'Commit message' }).optional(),
        authorName: z =>
          z
            .string({
              description:
                'Commit author; default the template user, else eksPlatform.gitops.defaultAuthor',
            })
            .optional(),
        authorEmail: z =>
          z.string({ description: 'Commit author e-mail' }).optional(),
      },
      output: {
        repoUrl: z => z.string({ description: 'The repository committed to' }),
        branch: z => z.string(),
        targetPath: z => z.string(),
        commitHash: z =>
          z.string({
            description:
              'The commit holding the service (the existing one when a retried run found it already committed)',
          }),
        filesCommitted: z => z.number(),
        created: z =>
          z.boolean({
            description:
              'False when the path already held exactly these files, so nothing was committed',
          }),
      },
    },
    async handler(ctx) {
      const branch = ctx.input.branch || 'main';
      const { targetPath } = ctx.input;
      checkBranch(branch);
      checkTargetPath(targetPath);
      const repository = await resolveLocalRepository(
        ctx.input.repoUrl,
        options.settings,
        git,
      );
      const sourceDir = await resolveWorkspacePath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const files = await listFiles(sourceDir);
      if (files.length === 0) {
        throw new InputError(
          `Nothing to commit: ${ctx.input.sourcePath ?? '.'} is empty`,
        );
      }
      const profile = ctx.user?.entity?.spec?.profile;
      const author = {
        name:
          ctx.input.authorName ||
          profile?.displayName ||
          options.settings.defaultAuthor.name,
        email:
          ctx.input.authorEmail ||
          profile?.email ||
          options.settings.defaultAuthor.email,
      };
      const message =
        ctx.input.commitMessage || `Add ${targetPath} from Backstage`;

      ctx.output('repoUrl', repository.url);
      ctx.output('branch', branch);
      ctx.output('targetPath', targetPath);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit ${files.length} files to ${repository.url} (branch ${branch}, path ${targetPath}) as ${author.name} <${author.email}>`,
        );
        ctx.output('commitHash', 'dry-run');
        ctx.output('filesCommitted', files.length);
        ctx.output('created', false);
        return;
      }

      const key = `eks-platform.gitops.commit.v1.${createHash('sha256')
        .update(`${repository.path}\n${branch}\n${targetPath}`)
        .digest('hex')
        .slice(0, 16)}`;
      const result = await ctx.checkpoint({
        key,
        fn: async () =>
          commitTree(git, {
            repository,
            branch,
            targetPath,
            sourceDir,
            // A dot directory of its own: some runners hand out the workspace itself.
            workDir: await fs.mkdtemp(
              join(await ctx.createTemporaryDirectory(), SCRATCH_PREFIX),
            ),
            message,
            author,
          }),
      });
      ctx.logger.info(
        result.created
          ? `Committed ${result.filesCommitted} files to ${repository.url} (branch ${branch}, path ${targetPath}): ${result.commitHash}`
          : `${targetPath} on branch ${branch} already holds these files (commit ${result.commitHash}); nothing committed`,
      );
      ctx.output('commitHash', result.commitHash);
      ctx.output('filesCommitted', result.filesCommitted);
      ctx.output('created', result.created);
    },
  });
}
