import { Config } from '@backstage/config';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `eksPlatform.gitops` configuration, with its defaults applied.
 *
 * @public
 */
export type GitopsSettings = {
  /** file:// URL of the default bare repository, when configured. */
  defaultRepository?: string;
  /** Absolute directories whose bare repositories may be committed to. */
  allowedRepositoryRoots: string[];
  /** Absolute directory for new components' catalog files, when known. */
  catalogDirectory?: string;
  defaultAuthor: { name: string; email: string };
};

const DEFAULT_AUTHOR = {
  name: 'Backstage Scaffolder',
  email: 'scaffolder@backstage.local',
};

function localPathOf(url: string | undefined): string | undefined {
  if (!url?.startsWith('file:')) {
    return undefined;
  }
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

/**
 * Reads `eksPlatform.gitops`; relative directories resolve against the backend's working directory.
 *
 * @public
 */
export function readGitopsSettings(config: Config): GitopsSettings {
  const gitops = config.getOptionalConfig('eksPlatform.gitops');
  const defaultRepository = gitops?.getOptionalString('defaultRepository');
  const defaultPath = localPathOf(defaultRepository);
  const roots = gitops?.getOptionalStringArray('allowedRepositoryRoots');
  const catalogDirectory = gitops?.getOptionalString('catalogDirectory');
  return {
    defaultRepository,
    allowedRepositoryRoots: (
      roots ?? (defaultPath ? [dirname(defaultPath)] : [])
    ).map(root => resolve(root)),
    catalogDirectory: catalogDirectory
      ? resolve(catalogDirectory)
      : defaultPath && join(dirname(defaultPath), 'catalog'),
    defaultAuthor: {
      name:
        gitops?.getOptionalString('defaultAuthor.name') ?? DEFAULT_AUTHOR.name,
      email:
        gitops?.getOptionalString('defaultAuthor.email') ??
        DEFAULT_AUTHOR.email,
    },
  };
}
