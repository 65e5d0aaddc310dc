import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { GitRunner } from './git';
import { LocalRepository } from './localRepository';

/** What {@link commitTree} did. */
export type CommitResult = {
  commitHash: string;
  /** False when the repository already held exactly this tree at the path (a retried run). */
  created: boolean;
  filesCommitted: number;
};

/** Options of {@link commitTree}. */
export type CommitTreeOptions = {
  repository: LocalRepository;
  branch: string;
  /** Directory in the repository, relative, forward slashes. */
  targetPath: string;
  /** Absolute directory whose files are committed. */
  sourceDir: string;
  /** An empty scratch directory for the clone. */
  workDir: string;
  message: string;
  author: { name: string; email: string };
};

/** Prefix of the scratch directories of {@link commitTree} (never committed). */
export const SCRATCH_PREFIX = '.eks-platform-gitops-';

/** Relative paths of the files under `dir`, skipping `.git` and scratch clones. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name === '.git' || entry.name.startsWith(SCRATCH_PREFIX))
      continue;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) files.push(rel);
  }
  return files.sort();
}

/**
 * Clones the bare repository, copies `sourceDir` to `targetPath`, commits and pushes. A path that
 * already exists is refused unless it holds exactly the same files (then nothing is committed and the
 * current commit is returned), so a retried run never commits twice or overwrites another service.
 */
export async function commitTree(
  git: GitRunner,
  options: CommitTreeOptions,
): Promise<CommitResult> {
  const { repository, branch, targetPath, sourceDir, workDir } = options;
  const clone = join(workDir, 'repo');
  const heads = await git(['ls-remote', '--heads', repository.path, branch]);
  if (heads.trim()) {
    await git([
      'clone',
      '--quiet',
      '--single-branch',
      '--branch',
      branch,
      repository.path,
      clone,
    ]);
  } else {
    await git(['clone', '--quiet', repository.path, clone]);
    await git(['checkout', '--quiet', '--orphan', branch], { cwd: clone });
    await git(['rm', '-r', '-f', '--quiet', '--ignore-unmatch', '.'], {
      cwd: clone,
    });
  }

  const target = join(clone, targetPath);
  const existed = await fs
    .stat(target)
    .then(() => true)
    .catch(() => false);
  // The scratch directory may live inside the workspace: never copy it into itself.
  const files = (await listFiles(sourceDir)).filter(
    f => !isChildPath(workDir, join(sourceDir, f)),
  );
  for (const file of files) {
    await fs.mkdir(dirname(join(target, file)), { recursive: true });
    await fs.copyFile(join(sourceDir, file), join(target, file));
  }
  const filesCommitted = files.length;
  await git(['add', '--all', '--', targetPath], { cwd: clone });
  const changes = (
    await git(['status', '--porcelain', '--', targetPath], { cwd: clone })
  ).trim();

  if (existed) {
    if (changes) {
      throw new InputError(
        `${targetPath} already exists on branch ${branch} of ${repository.url} with different content; ` +
          'refusing to overwrite another service (choose another service name)',
      );
    }
    const head = (await git(['rev-parse', 'HEAD'], { cwd: clone })).trim();
    return { commitHash: head, created: false, filesCommitted };
  }

  const env = {
    GIT_AUTHOR_NAME: options.author.name,
    GIT_AUTHOR_EMAIL: options.author.email,
    GIT_COMMITTER_NAME: options.author.name,
    GIT_COMMITTER_EMAIL: options.author.email,
  };
  await git(
    ['-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', options.message],
    { cwd: clone, env },
  );
  await git(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], {
    cwd: clone,
  });
  const commitHash = (await git(['rev-parse', 'HEAD'], { cwd: clone })).trim();
  return { commitHash, created: true, filesCommitted };
}
