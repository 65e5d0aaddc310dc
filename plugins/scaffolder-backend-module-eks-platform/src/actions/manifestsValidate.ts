import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { loadModelCatalog } from '../validation/modelCatalog';
import { resolveWorkspacePath } from '../validation/resolveWorkspacePath';
import { describeProblem, summarise } from '../validation/summarise';
import { validateManifests } from '../validation/validateManifests';
import { examples } from './manifestsValidate.examples';

/**
 * The id of the action created by {@link createManifestsValidateAction}.
 *
 * @public
 */
export const MANIFESTS_VALIDATE_ACTION_ID = 'eks-platform:manifests:validate';

/**
 * Creates the `eks-platform:manifests:validate` Scaffolder action: validates
 * every Kubernetes manifest in a workspace directory against the schema of its
 * apiVersion and kind (built-in APIs, Argo CD, Istio, Gateway API) and fails
 * the run, naming file and field, when one is invalid.
 *
 * @public
 */
export function createManifestsValidateAction() {
  return createTemplateAction({
    id: MANIFESTS_VALIDATE_ACTION_ID,
    description:
      'Validates the Kubernetes manifests in a workspace directory (Kubernetes, Kustomize, Argo CD, Istio, Gateway API) and fails naming each invalid file and field',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string({
              description:
                'Directory (or YAML file) inside the workspace to validate, e.g. `./manifests`. Defaults to the whole workspace.',
            })
            .optional(),
        failOnUnknownKinds: z =>
          z
            .boolean({
              description:
                'Fail when a document has an apiVersion/kind with no known schema (such as a custom resource) instead of only warning. Defaults to false.',
            })
            .optional(),
        allowDeprecatedKustomize: z =>
          z
            .boolean({
              description:
                'Report deprecated Kustomize fields (bases, patchesStrategicMerge, patchesJson6902, commonLabels, vars) as warnings instead of errors. Defaults to false.',
            })
            .optional(),
        gitopsPathPrefix: z =>
          z
            .string({
              description:
                'Directory of the GitOps repository the workspace is committed to, e.g. services/payments-api: every Argo CD Application path must be <prefix>/<an overlay of the workspace>. Without it, Application paths are read relative to the workspace.',
            })
            .optional(),
      },
      output: {
        filesChecked: z =>
          z.number({ description: 'Number of YAML files read' }),
        documentsChecked: z =>
          z.number({
            description:
              'Number of YAML documents checked, including Kustomization and Backstage entity files',
          }),
        errors: z =>
          z.array(
            z.object({
              file: z.string({
                description: 'File path relative to the workspace',
              }),
              document: z.number({
                description:
                  'Zero-based index of the YAML document in the file',
              }),
              line: z
                .number({ description: 'Line of the offending field' })
                .optional(),
              kind: z.string().optional(),
              name: z.string().optional(),
              field: z
                .string({
                  description:
                    'Path of the offending field, e.g. spec.replicas',
                })
                .optional(),
              message: z.string(),
            }),
            { description: 'Every problem that makes a manifest invalid' },
          ),
        warnings: z =>
          z.array(
            z.object({
              file: z.string(),
              document: z.number(),
              line: z.number().optional(),
              kind: z.string().optional(),
              name: z.string().optional(),
              field: z.string().optional(),
              message: z.string(),
            }),
            {
              description:
                'Problems that do not fail the run, such as kinds with no known schema',
            },
          ),
        summary: z =>
          z.string({
            description: 'One-line outcome, naming the first failures',
          }),
        kustomizations: z =>
          z.number({
            description:
              'Kustomization files whose resources and patches were checked to exist',
          }),
        applications: z =>
          z.number({
            description:
              'Argo CD Applications whose source path was checked to be a rendered overlay',
          }),
      },
    },
    async handler(ctx) {
      const path = ctx.input.path ?? '.';
      const failOnUnknownKinds = ctx.input.failOnUnknownKinds ?? false;
      const target = await resolveWorkspacePath(ctx.workspacePath, path);

      // Validation only reads files from the workspace and has no side
      // effects, so a dry run validates exactly like a real run: template
      // authors see the same errors in the template editor.
      ctx.logger.info(`Validating Kubernetes manifests in ${path}`);
      const catalog = await loadModelCatalog();
      const report = await validateManifests(
        {
          target,
          relativeTo: ctx.workspacePath,
          workspace: ctx.workspacePath,
          failOnUnknownKinds,
          allowDeprecatedKustomize: ctx.input.allowDeprecatedKustomize ?? false,
          gitopsPathPrefix: ctx.input.gitopsPathPrefix,
        },
        catalog,
      );
      const summary = summarise(report);

      if (report.skipped.length > 0) {
        ctx.logger.info(
          `Skipped, not Kubernetes manifests: ${report.skipped.join(', ')}`,
        );
      }
      const kinds = Object.entries(report.kinds)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ');
      ctx.logger.info(
        `Checked ${report.documentsChecked} documents in ${
          report.filesChecked
        } files${kinds ? `: ${kinds}` : ''}`,
      );
      for (const warning of report.warnings) {
        ctx.logger.warn(`Warning: ${describeProblem(warning)}`);
      }
      for (const error of report.errors) {
        ctx.logger.info(`Invalid: ${describeProblem(error)}`);
      }
      ctx.logger.info(
        `Kustomize references checked in ${report.kustomizations} kustomization files; source paths checked in ${report.applications} Argo CD Applications`,
      );
      ctx.logger.info(summary);

      ctx.output('filesChecked', report.filesChecked);
      ctx.output('documentsChecked', report.documentsChecked);
      ctx.output('errors', report.errors);
      ctx.output('warnings', report.warnings);
      ctx.output('summary', summary);
      ctx.output('kustomizations', report.kustomizations);
      ctx.output('applications', report.applications);

      if (report.errors.length > 0) {
        throw new InputError(summary);
      }
    },
  });
}
