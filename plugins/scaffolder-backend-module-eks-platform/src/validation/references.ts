import { promises as fs } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { isKustomizationFile } from './kustomize';
import { FieldProblem } from './types';

type Obj = Record<string, unknown>;
type Path = Array<string | number>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A remote Kustomize resource (git or HTTP URL), which cannot be checked offline. */
function isRemote(entry: string) {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    entry.startsWith('git@') ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry)
  );
}

async function kindOf(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const stat = await fs.stat(path);
    if (stat.isDirectory()) return 'dir';
    return stat.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

async function hasKustomization(dir: string): Promise<boolean> {
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  return entries.some(e => isKustomizationFile(e));
}

/**
 * Checks that what a Kustomization refers to exists: `resources` and `components` (files, or
 * directories with a kustomization), and the patch files of `patches`, `patchesStrategicMerge` and
 * `patchesJson6902`. Remote resources are warnings (not checked offline).
 */
export async function checkKustomizeReferences(
  kustomizationDir: string,
  doc: Obj,
): Promise<{ errors: FieldProblem[]; warnings: FieldProblem[] }> {
  const errors: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];

  const checkEntry = async (value: unknown, path: Path, allowDir: boolean) => {
    if (typeof value !== 'string' || value === '' || value.includes('\n')) {
      return; // inline patches and malformed entries are the schema's business
    }
    if (isRemote(value)) {
      warnings.push({
        path,
        message: `refers to the remote resource "${value}", which was not checked`,
      });
      return;
    }
    const target = resolve(kustomizationDir, value);
    const kind = await kindOf(target);
    if (!kind) {
      errors.push({
        path,
        message: `refers to "${value}", which does not exist`,
      });
    } else if (kind === 'dir' && !allowDir) {
      errors.push({
        path,
        message: `refers to "${value}", which is a directory, not a file`,
      });
    } else if (kind === 'dir' && !(await hasKustomization(target))) {
      errors.push({
        path,
        message: `refers to the directory "${value}", which has no kustomization.yaml`,
      });
    }
  };

  for (const field of ['resources', 'components', 'bases']) {
    const list = doc[field];
    if (Array.isArray(list)) {
      for (const [i, entry] of list.entries()) {
        await checkEntry(entry, [field, i], true);
      }
    }
  }
  for (const field of ['patches', 'patchesJson6902']) {
    const list = doc[field];
    if (Array.isArray(list)) {
      for (const [i, entry] of list.entries()) {
        if (isObj(entry) && entry.path !== undefined) {
          await checkEntry(entry.path, [field, i, 'path'], false);
        }
      }
    }
  }
  const strategic = doc.patchesStrategicMerge;
  if (Array.isArray(strategic)) {
    for (const [i, entry] of strategic.entries()) {
      await checkEntry(entry, ['patchesStrategicMerge', i], false);
    }
  }
  return { errors, warnings };
}

/** The source paths of an Argo CD Application (`spec.source.path`, `spec.sources[].path`). */
export function applicationSourcePaths(
  doc: Obj,
): Array<{ path: Path; value: string }> {
  const spec = isObj(doc.spec) ? doc.spec : {};
  const found: Array<{ path: Path; value: string }> = [];
  if (isObj(spec.source) && typeof spec.source.path === 'string') {
    found.push({ path: ['spec', 'source', 'path'], value: spec.source.path });
  }
  if (Array.isArray(spec.sources)) {
    spec.sources.forEach((source, i) => {
      if (isObj(source) && typeof source.path === 'string') {
        found.push({
          path: ['spec', 'sources', i, 'path'],
          value: source.path,
        });
      }
    });
  }
  return found;
}

/**
 * Checks that an Application's source path is an overlay rendered in the workspace: a directory
 * with a kustomization file. `gitopsPathPrefix` is the directory of the GitOps repository the
 * workspace is committed to (e.g. `services/payments-api`).
 */
export async function checkApplicationPath(
  value: string,
  workspace: string,
  gitopsPathPrefix: string | undefined,
): Promise<string | undefined> {
  const normalized = posix.normalize(value.replace(/^\.?\//, ''));
  let relative = normalized;
  if (gitopsPathPrefix) {
    const prefix = posix
      .normalize(gitopsPathPrefix.replace(/^\.?\//, ''))
      .replace(/\/$/, '');
    if (!normalized.startsWith(`${prefix}/`)) {
      return `must point into ${prefix}/ (where this workspace is committed), not "${value}"`;
    }
    relative = normalized.slice(prefix.length + 1);
  }
  if (relative.startsWith('..')) {
    return `"${value}" points outside the repository directory`;
  }
  const dir = join(workspace, relative);
  if ((await kindOf(dir)) !== 'dir') {
    return `"${value}" is not a directory rendered by this template (${relative} does not exist)`;
  }
  if (!(await hasKustomization(dir))) {
    return `"${value}" is not a Kustomize overlay (${relative} has no kustomization.yaml)`;
  }
  return undefined;
}
