import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { isAbsolute, relative, resolve, sep, win32 } from 'node:path';

/**
 * Resolves a user-supplied path against the scaffolder workspace, refusing
 * anything that points outside it: absolute paths, `..` escapes, and symbolic
 * links whose target is outside the workspace.
 *
 * @returns the absolute path of an existing directory or YAML file
 */
export async function resolveWorkspacePath(
  workspacePath: string,
  path: string,
): Promise<string> {
  if (isAbsolute(path) || win32.isAbsolute(path)) {
    throw new InputError(
      `path must be relative to the workspace, but "${path}" is an absolute path`,
    );
  }
  const target = resolve(workspacePath, path);
  const fromWorkspace = relative(resolve(workspacePath), target);
  if (fromWorkspace === '..' || fromWorkspace.startsWith(`..${sep}`)) {
    throw new InputError(
      `path "${path}" points outside the workspace; use a directory inside it`,
    );
  }

  let stat;
  try {
    stat = await fs.stat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputError(`path "${path}" does not exist in the workspace`);
    }
    throw error;
  }
  // isChildPath compares real paths, so this catches symbolic links.
  if (!isChildPath(workspacePath, target)) {
    throw new InputError(
      `path "${path}" is a symbolic link to a location outside the workspace`,
    );
  }

  if (!stat.isDirectory() && !/\.ya?ml$/i.test(target)) {
    throw new InputError(
      `path "${path}" must be a directory or a .yaml/.yml file`,
    );
  }
  return target;
}
