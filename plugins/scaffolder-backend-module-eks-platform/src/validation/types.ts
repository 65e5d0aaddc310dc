/**
 * One problem found in a manifest. File paths are relative to the scaffolder
 * workspace, with forward slashes, so they read the same on every OS.
 *
 * @public
 */
export type ManifestProblem = {
  /** The file, relative to the workspace, e.g. `manifests/base/deployment.yaml`. */
  file: string;
  /** Zero-based index of the YAML document inside the file (`---` separated). */
  document: number;
  /** 1-based line of the offending node (or of the document when the node is missing). */
  line?: number;
  /** `kind` of the document, when it has one. */
  kind?: string;
  /** `metadata.name` of the document, when it has one. */
  name?: string;
  /** Dotted path of the offending field, e.g. `spec.template.spec.containers[0].ports[0].containerPort`. */
  field?: string;
  /** What is wrong, e.g. `must be integer`. */
  message: string;
};

/**
 * The result of validating a directory of manifests.
 *
 * @public
 */
export type ValidationReport = {
  /** YAML files read. */
  filesChecked: number;
  /** Non-empty YAML documents read, including Kustomization and Backstage entity files. */
  documentsChecked: number;
  /** Documents that have at least one error. */
  invalidDocuments: number;
  /** Problems that make a manifest invalid. */
  errors: ManifestProblem[];
  /** Problems worth telling the user about that do not fail the run. */
  warnings: ManifestProblem[];
  /** Documents per kind, e.g. `{ Deployment: 1, Kustomization: 3 }`. */
  kinds: Record<string, number>;
  /** YAML files (or Helm chart directories, ending in `/`) skipped as not being Kubernetes manifests. */
  skipped: string[];
  /** Kustomization files whose references were checked. */
  kustomizations: number;
  /** Argo CD Applications whose source paths were checked. */
  applications: number;
};

/**
 * Options for {@link validateManifests}.
 *
 * @public
 */
export type ValidateManifestsOptions = {
  /** Absolute path of the directory, or single YAML file, to validate. */
  target: string;
  /** Absolute directory that reported file paths are relative to; defaults to `target` (or its directory). */
  relativeTo?: string;
  /** Treat documents whose apiVersion/kind has no known schema as errors instead of warnings. */
  failOnUnknownKinds?: boolean;
  /** Report deprecated Kustomize fields as warnings instead of errors. */
  allowDeprecatedKustomize?: boolean;
  /**
   * Directory of the GitOps repository the workspace is committed to (e.g. `services/payments-api`):
   * Argo CD Application paths must start with it. Without it, they are read relative to the workspace.
   */
  gitopsPathPrefix?: string;
  /** The workspace, to which Application paths are relative; defaults to `relativeTo`. */
  workspace?: string;
};

/** A Kubernetes model class from `kubernetes-models` or one of the `@kubernetes-models/*` packages. */
export type ModelClass = {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: object): { validate(): void };
};

/** An ajv error as thrown (in `.errors`) by the kubernetes-models validators. */
export type SchemaError = {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
};

/** A problem located by a path of keys and indices inside one document. */
export type FieldProblem = {
  /** Path segments from the document root, e.g. `['spec', 'ports', 0, 'port']`. */
  path: Array<string | number>;
  message: string;
};
