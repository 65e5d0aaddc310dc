import { isChildPath } from '@backstage/backend-plugin-api';
import { Dirent, promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';

const YAML_FILE = /\.ya?ml$/i;

/**
 * YAML files found in service repositories that are configuration for other
 * tools, never Kubernetes manifests. A directory holding a `Chart.yaml` is a
 * Helm chart, whose templates are not plain YAML: it is skipped as a whole.
 */
const OTHER_TOOL_FILES = new Set([
  'mkdocs.yml',
  'mkdocs.yaml',
  'buf.yaml',
  'buf.gen.yaml',
  'buf.work.yaml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'compose.yml',
  'compose.yaml',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'values.yaml',
]);

/** The YAML files to validate, and the ones deliberately left out. */
export type ManifestFiles = {
  /** Paths relative to the root, with forward slashes, sorted. */
  files: string[];
  /** Paths (files, or directories ending in `/`) skipped as not being manifests. */
  skipped: string[];
};

function toPosix(path: string) {
  return path.split(sep).join('/');
}

/**
 * Lists `*.yaml` / `*.yml` files under `root`, skipping `node_modules`, dot
 * directories and dot files (`.github/`, `.gitlab-ci.yml`), other tools'
 * configuration files and Helm charts. Symbolic links are followed only to
 * files inside `root`.
 */
export async function findManifestFiles(root: string): Promise<ManifestFiles> {
  const realRoot = await fs.realpath(root);
  const files: string[] = [];
  const skipped: string[] = [];

  const isFile = async (dir: string, entry: Dirent) => {
    if (entry.isFile()) {
      return true;
    }
    if (!entry.isSymbolicLink()) {
      return false;
    }
    try {
      const target = await fs.realpath(join(dir, entry.name));
      return isChildPath(realRoot, target) && (await fs.stat(target)).isFile();
    } catch {
      return false; // a dangling link
    }
  };

  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    const rel = (name: string) => toPosix(relative(root, join(dir, name)));
    if (entries.some(e => e.name === 'Chart.yaml')) {
      skipped.push(`${toPosix(relative(root, dir)) || '.'}/`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        continue;
      }
      if (entry.isDirectory()) {
        await walk(join(dir, entry.name));
      } else if (YAML_FILE.test(entry.name) && (await isFile(dir, entry))) {
        if (OTHER_TOOL_FILES.has(entry.name)) {
          skipped.push(rel(entry.name));
        } else {
          files.push(rel(entry.name));
        }
      }
    }
  };

  await walk(root);
  files.sort();
  skipped.sort();
  return { files, skipped };
}
