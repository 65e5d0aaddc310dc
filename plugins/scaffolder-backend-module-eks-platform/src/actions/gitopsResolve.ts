import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { GitRunner, runGit } from '../gitops/git';
import { GitopsSettings } from '../gitops/GitopsSettings';
import { resolveLocalRepository } from '../gitops/localRepository';
import { examples } from './gitopsResolve.examples';

/**
 * The id of the action created by {@link createGitopsResolveAction}.
 *
 * @public
 */
export const GITOPS_RESOLVE_ACTION_ID = 'eks-platform:gitops:resolve';

/**
 * Creates `eks-platform:gitops:resolve`: picks the GitOps repository of a run (the template's
 * `repoUrl`, else `eksPlatform.gitops.defaultRepository`) and checks it is a local bare repository
 * this backend may commit to, before anything is rendered. Read-only, so it runs in dry runs too.
 *
 * @public
 */
export function createGitopsResolveAction(options: {
  settings: GitopsSettings;
  git?: GitRunner;
}) {
  const git = options.git ?? runGit;
  return createTemplateAction({
    id: GITOPS_RESOLVE_ACTION_ID,
    description:
      'Resolves the GitOps repository (the given file:// URL or eksPlatform.gitops.defaultRepository) and checks it is a local bare repository',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string({
              description:
                'file:// URL of a bare repository on the Backstage host; empty for the configured default',
            })
            .optional(),
      },
      output: {
        repoUrl: z => z.string({ description: 'The file:// URL to commit to' }),
        isDefault: z =>
          z.boolean({
            description: 'Whether it is eksPlatform.gitops.defaultRepository',
          }),
      },
    },
    async handler(ctx) {
      const repository = await resolveLocalRepository(
        ctx.input.repoUrl,
        options.settings,
        git,
      );
      ctx.logger.info(
        `GitOps repository: ${repository.url}${
          repository.isDefault ? ' (the configured default)' : ''
        }`,
      );
      ctx.output('repoUrl', repository.url);
      ctx.output('isDefault', repository.isDefault);
    },
  });
}
