import { posix } from 'node:path';
import { FieldProblem } from './types';

/** The file names `kustomize build` looks for in a directory. */
const KUSTOMIZATION_FILE_NAMES = new Set([
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
]);

const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';

const KUSTOMIZE_KINDS: Record<string, string> = {
  Kustomization: `${KUSTOMIZE_GROUP}/v1beta1`,
  Component: `${KUSTOMIZE_GROUP}/v1alpha1`,
};

/** Fields Kustomize v5 still reads but has deprecated, with what to use instead. */
const DEPRECATED_FIELDS: Record<string, string> = {
  bases: 'deprecated since Kustomize v2.1: list the directory under resources',
  patchesStrategicMerge: 'deprecated in Kustomize v5: use patches',
  patchesJson6902: 'deprecated in Kustomize v5: use patches',
  commonLabels: 'deprecated in Kustomize v5: use labels',
  vars: 'deprecated in Kustomize v5: use replacements',
};

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a file is a Kustomization by name (it may omit apiVersion and kind). */
export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.has(posix.basename(file));
}

/** Whether an apiVersion belongs to Kustomize's own configuration types. */
export function isKustomizeApiVersion(apiVersion: unknown): boolean {
  return (
    typeof apiVersion === 'string' &&
    apiVersion.startsWith(`${KUSTOMIZE_GROUP}/`)
  );
}

/**
 * Checks a Kustomization (or Component): its apiVersion/kind when present, and
 * deprecated fields (errors, or warnings with `allowDeprecated`).
 */
export function checkKustomization(
  doc: Obj,
  allowDeprecated = false,
): {
  errors: FieldProblem[];
  warnings: FieldProblem[];
} {
  const errors: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const kind = doc.kind ?? 'Kustomization';
  const expected = typeof kind === 'string' ? KUSTOMIZE_KINDS[kind] : undefined;
  if (!expected) {
    errors.push({
      path: ['kind'],
      message: `must be Kustomization or Component in a kustomization file`,
    });
  } else if (doc.apiVersion !== undefined && doc.apiVersion !== expected) {
    errors.push({
      path: ['apiVersion'],
      message: `must be ${expected} for kind ${kind}`,
    });
  }
  for (const [field, advice] of Object.entries(DEPRECATED_FIELDS)) {
    if (doc[field] !== undefined) {
      (allowDeprecated ? warnings : errors).push({
        path: [field],
        message: `is ${advice}`,
      });
    }
  }
  return { errors, warnings };
}

/**
 * The patch files a Kustomization refers to, as paths relative to the same
 * root as `kustomizationFile` (forward slashes). Patches are partial objects,
 * so they must not be validated as complete manifests.
 */
export function collectPatchFiles(
  kustomizationFile: string,
  doc: Obj,
): string[] {
  const dir = posix.dirname(kustomizationFile);
  const paths: string[] = [];
  const addPath = (value: unknown) => {
    // An entry with a newline is an inline patch, not a file.
    if (typeof value === 'string' && value !== '' && !value.includes('\n')) {
      paths.push(posix.normalize(posix.join(dir, value)));
    }
  };
  for (const field of ['patches', 'patchesJson6902']) {
    const entries = doc[field];
    if (Array.isArray(entries)) {
      entries.forEach(entry => addPath(isObj(entry) ? entry.path : undefined));
    }
  }
  const strategicMerge = doc.patchesStrategicMerge;
  if (Array.isArray(strategicMerge)) {
    strategicMerge.forEach(addPath);
  }
  return paths;
}
