import { promises as fs } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { Document, LineCounter, parseAllDocuments } from 'yaml';
import { checkApiServerRules } from './apiServerRules';
import { formatFieldPath } from './fieldPath';
import { findManifestFiles } from './findManifestFiles';
import {
  checkKustomization,
  collectPatchFiles,
  isKustomizationFile,
  isKustomizeApiVersion,
} from './kustomize';
import { locateField } from './locateField';
import {
  APP_MESH_END_OF_SUPPORT,
  checkAppMesh,
  isAppMeshKind,
} from './appMesh';
import {
  applicationSourcePaths,
  checkApplicationPath,
  checkKustomizeReferences,
} from './references';
import { ModelCatalog } from './modelCatalog';
import { getSchemaErrors, schemaErrorsToProblems } from './schemaErrors';
import {
  FieldProblem,
  ManifestProblem,
  ValidateManifestsOptions,
  ValidationReport,
} from './types';

type Obj = Record<string, unknown>;

type ParsedFile = {
  /** Path relative to the validated root: how kustomizations refer to it. */
  key: string;
  /** Path shown to the user. */
  file: string;
  docs: Document.Parsed[];
  lineCounter: LineCounter;
};

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toPosix(path: string) {
  return path.split(sep).join('/');
}

function describeValue(value: unknown) {
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

/** The document as plain data; yaml refuses documents with excessive aliases (a "billion laughs" attack). */
function readDocument(
  doc: Document.Parsed,
): { data: unknown } | { error: string } {
  try {
    return { data: doc.toJS() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** yaml's messages end in "at line 3, column 5:" followed by a code frame; the line is reported separately. */
function yamlErrorMessage(message: string) {
  const firstLine = message.split('\n')[0];
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Parses YAML the way kubectl does: sigs.k8s.io/yaml reads YAML 1.1, where
 * `yes`, `no`, `on` and `off` are booleans.
 */
function parseYaml(text: string, lineCounter: LineCounter) {
  return Array.from(parseAllDocuments(text, { lineCounter, version: '1.1' }));
}

/** Collects the problems of one document, tagged with its file, index, kind and name. */
class DocumentProblems {
  readonly errors: ManifestProblem[] = [];
  readonly warnings: ManifestProblem[] = [];
  kind?: string;
  name?: string;

  constructor(
    private readonly parsed: ParsedFile,
    private readonly index: number,
  ) {}

  private locate(problem: FieldProblem): ManifestProblem {
    const line = locateField(
      this.parsed.docs[this.index],
      problem.path,
      this.parsed.lineCounter,
    );
    return {
      file: this.parsed.file,
      document: this.index,
      ...(line !== undefined && { line }),
      ...(this.kind !== undefined && { kind: this.kind }),
      ...(this.name !== undefined && { name: this.name }),
      ...(problem.path.length > 0 && { field: formatFieldPath(problem.path) }),
      message: problem.message,
    };
  }

  error(problem: FieldProblem) {
    this.errors.push(this.locate(problem));
  }

  warning(problem: FieldProblem) {
    this.warnings.push(this.locate(problem));
  }

  sorted(list: ManifestProblem[]) {
    return [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
}

/**
 * Validates every Kubernetes manifest under a directory (or one YAML file):
 * YAML syntax, the object's schema for its apiVersion and kind, and the
 * API server rules the schemas leave out. Kustomization files, the patch
 * files they refer to and Backstage entity files are recognised.
 *
 * @public
 */
export async function validateManifests(
  options: ValidateManifestsOptions,
  catalog: ModelCatalog,
): Promise<ValidationReport> {
  const {
    target,
    failOnUnknownKinds = false,
    allowDeprecatedKustomize = false,
  } = options;
  const isDirectory = (await fs.stat(target)).isDirectory();
  const root = isDirectory ? target : dirname(target);
  const relativeTo = options.relativeTo ?? root;
  const { files, skipped } = isDirectory
    ? await findManifestFiles(root)
    : { files: [basename(target)], skipped: [] };

  const parsedFiles: ParsedFile[] = await Promise.all(
    files.map(async key => {
      const absolute = join(root, key);
      const text = await fs.readFile(absolute, 'utf8');
      const lineCounter = new LineCounter();
      return {
        key,
        file: toPosix(relative(relativeTo, absolute)),
        docs: parseYaml(text, lineCounter),
        lineCounter,
      };
    }),
  );

  const patchFiles = new Set<string>();
  for (const parsed of parsedFiles.filter(p => isKustomizationFile(p.key))) {
    for (const doc of parsed.docs.filter(d => d.errors.length === 0)) {
      const read = readDocument(doc);
      if ('data' in read && isObj(read.data)) {
        collectPatchFiles(parsed.key, read.data).forEach(p =>
          patchFiles.add(p),
        );
      }
    }
  }

  const report: ValidationReport = {
    filesChecked: parsedFiles.length,
    documentsChecked: 0,
    invalidDocuments: 0,
    errors: [],
    warnings: [],
    kinds: {},
    skipped: skipped.map(
      s =>
        (toPosix(relative(relativeTo, join(root, s))) || '.') +
        (s.endsWith('/') ? '/' : ''),
    ),
    kustomizations: 0,
    applications: 0,
  };
  const workspace = options.workspace ?? relativeTo;
  const countKind = (kind: string) => {
    report.kinds[kind] = (report.kinds[kind] ?? 0) + 1;
  };

  for (const parsed of parsedFiles) {
    for (const [index, doc] of parsed.docs.entries()) {
      const problems = new DocumentProblems(parsed, index);

      if (doc.errors.length > 0) {
        report.documentsChecked += 1;
        for (const error of doc.errors) {
          problems.errors.push({
            file: parsed.file,
            document: index,
            ...(error.linePos && { line: error.linePos[0].line }),
            message: `YAML syntax error: ${yamlErrorMessage(error.message)}`,
          });
        }
      } else {
        const read = readDocument(doc);
        if ('error' in read) {
          report.documentsChecked += 1;
          problems.error({
            path: [],
            message: `cannot be read: ${read.error}`,
          });
        } else if (read.data !== null && read.data !== undefined) {
          report.documentsChecked += 1;
          checkDocument(read.data, parsed.key, problems, {
            catalog,
            failOnUnknownKinds,
            allowDeprecatedKustomize,
            isPatch: patchFiles.has(parsed.key),
            countKind,
          });
          await checkReferences(read.data, parsed.key, problems, {
            root,
            workspace,
            gitopsPathPrefix: options.gitopsPathPrefix,
            report,
          });
        }
        // Otherwise an empty document, e.g. after a trailing `---`: nothing to check.
      }

      if (problems.errors.length > 0) {
        report.invalidDocuments += 1;
      }
      report.errors.push(...problems.sorted(problems.errors));
      report.warnings.push(...problems.sorted(problems.warnings));
    }
  }

  return report;
}

/** Checks what a document points at: Kustomize references and Argo CD Application paths. */
async function checkReferences(
  data: unknown,
  key: string,
  problems: DocumentProblems,
  context: {
    root: string;
    workspace: string;
    gitopsPathPrefix?: string;
    report: ValidationReport;
  },
) {
  if (!isObj(data)) return;
  if (isKustomizationFile(key) || isKustomizeApiVersion(data.apiVersion)) {
    context.report.kustomizations += 1;
    const { errors, warnings } = await checkKustomizeReferences(
      join(context.root, dirname(key)),
      data,
    );
    errors.forEach(e => problems.error(e));
    warnings.forEach(w => problems.warning(w));
    return;
  }
  if (
    data.apiVersion === 'argoproj.io/v1alpha1' &&
    data.kind === 'Application'
  ) {
    context.report.applications += 1;
    for (const { path, value } of applicationSourcePaths(data)) {
      const message = await checkApplicationPath(
        value,
        context.workspace,
        context.gitopsPathPrefix,
      );
      if (message) problems.error({ path, message });
    }
  }
}

function checkDocument(
  data: unknown,
  key: string,
  problems: DocumentProblems,
  context: {
    catalog: ModelCatalog;
    failOnUnknownKinds: boolean;
    allowDeprecatedKustomize: boolean;
    isPatch: boolean;
    countKind: (kind: string) => void;
  },
) {
  if (!isObj(data)) {
    if (context.isPatch && Array.isArray(data)) {
      // A JSON 6902 patch: a list of operations, not an object.
      context.countKind('Kustomize patch');
      return;
    }
    problems.error({
      path: [],
      message: `must be a mapping with apiVersion, kind and metadata, not ${describeValue(
        data,
      )}`,
    });
    return;
  }

  const { apiVersion, kind } = data;
  const name = isObj(data.metadata) ? data.metadata.name : undefined;
  problems.kind = typeof kind === 'string' ? kind : undefined;
  problems.name = typeof name === 'string' ? name : undefined;

  if (isKustomizationFile(key) || isKustomizeApiVersion(apiVersion)) {
    problems.kind ??= 'Kustomization';
    const { errors, warnings } = checkKustomization(
      data,
      context.allowDeprecatedKustomize,
    );
    errors.forEach(e => problems.error(e));
    warnings.forEach(w => problems.warning(w));
    context.countKind(typeof kind === 'string' ? kind : 'Kustomization');
    return;
  }

  let complete = true;
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof data[field] !== 'string' || data[field] === '') {
      complete = false;
      problems.error({
        path: [field],
        message:
          data[field] === undefined
            ? 'is required'
            : 'must be a non-empty string',
      });
    }
  }
  if (!complete) {
    return;
  }
  const apiVersionText = apiVersion as string;
  const kindText = kind as string;

  if (apiVersionText.startsWith('backstage.io/')) {
    // A Backstage catalog entity (catalog-info.yaml, a template): not a Kubernetes object.
    context.countKind(`${kindText} (Backstage)`);
    return;
  }

  context.countKind(context.isPatch ? 'Kustomize patch' : kindText);
  if (!context.isPatch && (typeof name !== 'string' || name === '')) {
    problems.error({
      path: ['metadata', 'name'],
      message:
        name === undefined ? 'is required' : 'must be a non-empty string',
    });
  }

  const Model = context.catalog.get(apiVersionText, kindText);
  if (isAppMeshKind(apiVersionText, kindText)) {
    checkAppMesh(kindText, data).forEach(p => problems.error(p));
    if (kindText === 'VirtualNode') {
      problems.warning({
        path: ['apiVersion'],
        message: APP_MESH_END_OF_SUPPORT,
      });
    }
  } else if (!Model) {
    const hint = context.catalog.suggest(apiVersionText, kindText);
    const message = `has no known schema for ${apiVersionText} ${kindText}${
      hint ? ` (${hint})` : ''
    }, so it was not validated`;
    if (context.failOnUnknownKinds) {
      problems.error({ path: ['kind'], message });
    } else {
      problems.warning({ path: ['kind'], message });
    }
  } else {
    try {
      new Model(data).validate();
    } catch (error) {
      const schemaErrors = getSchemaErrors(error);
      if (!schemaErrors) {
        throw error;
      }
      // A patch only holds the fields it changes: missing fields are expected.
      const relevant = context.isPatch
        ? schemaErrors.filter(e => e.keyword !== 'required')
        : schemaErrors;
      schemaErrorsToProblems(relevant).forEach(p => problems.error(p));
    }
  }

  checkApiServerRules(data, { partial: context.isPatch }).forEach(p =>
    problems.error(p),
  );
}
