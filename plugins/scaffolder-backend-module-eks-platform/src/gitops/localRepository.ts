import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GitRunner } from './git';
import { GitopsSettings } from './GitopsSettings';

/** A validated local bare repository. */
export type LocalRepository = {
  /** The file:// URL as given (or the configured default). */
  url: string;
  /** Absolute path of the bare repository. */
  path: string;
  /** Whether the URL came from `eksPlatform.gitops.defaultRepository`. */
  isDefault: boolean;
};

const PRODUCTION_HINT =
  'eks-platform:gitops:commit only commits to a bare repository on the Backstage host (a file:// URL); ' +
  'for a GitHub or GitLab GitOps repository use publish:github:pull-request or publish:gitlab:merge-request ' +
  '(see the scaffolder-backend-module-eks-platform README)';

/**
 * Resolves the GitOps repository of a run: the given URL or the configured default. Refuses anything
 * that is not a file:// URL of an existing bare repository under an allowed root.
 */
export async function resolveLocalRepository(
  repoUrl: string | undefined,
  settings: GitopsSettings,
  git: GitRunner,
): Promise<LocalRepository> {
  const given = repoUrl?.trim();
  const url = given || settings.defaultRepository;
  if (!url) {
    throw new InputError(
      'No GitOps repository: the template gave none and eksPlatform.gitops.defaultRepository is not configured',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(
      `GitOps repository "${url}" is not a URL. ${PRODUCTION_HINT}`,
    );
  }
  if (parsed.protocol !== 'file:') {
    throw new InputError(
      `GitOps repository "${url}" is not a local repository. ${PRODUCTION_HINT}`,
    );
  }
  if (parsed.host !== '' && parsed.host !== 'localhost') {
    throw new InputError(
      `GitOps repository "${url}" names the host "${parsed.host}"; only repositories on this host (file:///...) are allowed. ${PRODUCTION_HINT}`,
    );
  }
  const path = fileURLToPath(parsed);
  if (!isAbsolute(path)) {
    throw new InputError(`GitOps repository "${url}" must be an absolute path`);
  }
  const allowed = settings.allowedRepositoryRoots;
  let realPath: string;
  try {
    realPath = await fs.realpath(path);
  } catch {
    throw new InputError(
      `GitOps repository "${url}" does not exist on the Backstage host (create it with git init --bare)`,
    );
  }
  if (!allowed.some(root => isChildPath(root, realPath))) {
    throw new InputError(
      `GitOps repository "${url}" is outside the allowed directories (${
        allowed.join(', ') || 'none configured'
      }); set eksPlatform.gitops.allowedRepositoryRoots to allow it`,
    );
  }
  let bare = '';
  try {
    bare = (
      await git(['--git-dir', realPath, 'rev-parse', '--is-bare-repository'])
    ).trim();
  } catch {
    bare = '';
  }
  if (bare !== 'true') {
    throw new InputError(
      `GitOps repository "${url}" is not a bare Git repository (create one with git init --bare)`,
    );
  }
  return { url, path: realPath, isDefault: !given };
}
