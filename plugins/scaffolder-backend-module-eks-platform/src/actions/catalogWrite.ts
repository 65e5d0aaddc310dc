import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import {
  catalogLocationTarget,
  configLocationEntityRef,
} from '../catalog/catalogLocation';
import { CatalogRefresher } from '../catalog/CatalogRefresher';
import { GitopsSettings } from '../gitops/GitopsSettings';
import { resolveWorkspacePath } from '../validation/resolveWorkspacePath';
import { examples } from './catalogWrite.examples';

/**
 * The id of the action created by {@link createCatalogWriteAction}.
 *
 * @public
 */
export const CATALOG_WRITE_ACTION_ID = 'eks-platform:catalog:write';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

type Entity = {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
};

async function readIfExists(path: string) {
  return fs.readFile(path, 'utf8').catch(() => undefined);
}

/**
 * Creates `eks-platform:catalog:write`: puts the new component's catalog-info.yaml (with mkdocs.yml
 * and docs/ for TechDocs) into `eksPlatform.gitops.catalogDirectory/<name>/`, which the catalog reads
 * through a `file` location, and asks the catalog to process that location at once. This replaces
 * catalog:register for the local GitOps repository, whose files the catalog cannot read by URL.
 *
 * @public
 */
export function createCatalogWriteAction(options: {
  settings: GitopsSettings;
  refresh?: CatalogRefresher;
}) {
  return createTemplateAction({
    id: CATALOG_WRITE_ACTION_ID,
    description:
      "Adds the new component's catalog-info.yaml to the local catalog directory (eksPlatform.gitops.catalogDirectory) and refreshes its catalog location",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        filePath: z =>
          z
            .string({
              description:
                'The entity file in the workspace; default catalog-info.yaml',
            })
            .optional(),
        name: z =>
          z
            .string({
              description:
                "Sub-directory of the catalog directory; default the entity's metadata.name",
            })
            .optional(),
      },
      output: {
        entityRef: z =>
          z.string({ description: 'e.g. component:default/payments-api' }),
        catalogFile: z =>
          z.string({ description: 'Where the entity file was written' }),
        locationTarget: z =>
          z.string({
            description:
              'The catalog.locations file target that must be configured',
          }),
        refreshed: z =>
          z.boolean({
            description: 'Whether the catalog location was found and refreshed',
          }),
      },
    },
    async handler(ctx) {
      const directory = options.settings.catalogDirectory;
      if (!directory) {
        throw new InputError(
          'eksPlatform.gitops.catalogDirectory (or eksPlatform.gitops.defaultRepository) is not configured, so there is nowhere to write the catalog entity; use catalog:register with a repository URL instead',
        );
      }
      const filePath = ctx.input.filePath ?? 'catalog-info.yaml';
      const source = await resolveWorkspacePath(ctx.workspacePath, filePath);
      const text = await fs.readFile(source, 'utf8');
      const doc = parseDocument(text);
      const entity = doc.toJS() as Entity | null;
      const name = entity?.metadata?.name;
      if (
        doc.errors.length > 0 ||
        typeof entity?.kind !== 'string' ||
        typeof name !== 'string' ||
        !String(entity.apiVersion ?? '').startsWith('backstage.io/')
      ) {
        throw new InputError(
          `${filePath} is not a Backstage entity (apiVersion backstage.io/*, kind and metadata.name)`,
        );
      }
      const dirName = ctx.input.name ?? name;
      if (!NAME.test(dirName)) {
        throw new InputError(`name "${dirName}" is not a valid directory name`);
      }
      const namespace =
        typeof entity.metadata?.namespace === 'string'
          ? entity.metadata.namespace
          : 'default';
      const entityRef = `${entity.kind.toLocaleLowerCase(
        'en-US',
      )}:${namespace}/${name}`;
      const target = join(directory, dirName);
      const catalogFile = join(target, 'catalog-info.yaml');
      const locationTarget = catalogLocationTarget(directory);
      ctx.output('entityRef', entityRef);
      ctx.output('catalogFile', catalogFile);
      ctx.output('locationTarget', locationTarget);

      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would write ${entityRef} to ${catalogFile}`);
        ctx.output('refreshed', false);
        return;
      }

      await ctx.checkpoint({
        key: `eks-platform.catalog.write.v1.${entityRef}`,
        fn: async () => {
          const existing = await readIfExists(catalogFile);
          if (existing !== undefined && existing !== text) {
            throw new InputError(
              `${catalogFile} already holds another entity file; refusing to overwrite it`,
            );
          }
          await fs.mkdir(target, { recursive: true });
          await fs.writeFile(catalogFile, text, 'utf8');
          const base = dirname(source);
          const mkdocs = await readIfExists(join(base, 'mkdocs.yml'));
          if (mkdocs !== undefined) {
            await fs.writeFile(join(target, 'mkdocs.yml'), mkdocs, 'utf8');
            await fs
              .cp(join(base, 'docs'), join(target, 'docs'), { recursive: true })
              .catch(() => undefined);
          }
        },
      });
      ctx.logger.info(`Wrote ${entityRef} to ${catalogFile}`);

      let refreshed = false;
      const locationRef = configLocationEntityRef(locationTarget);
      if (options.refresh) {
        try {
          refreshed = await options.refresh(locationRef);
        } catch (error) {
          ctx.logger.warn(
            `Could not refresh the catalog location ${locationRef}: ${
              (error as Error).message
            }`,
          );
        }
      }
      if (!refreshed) {
        ctx.logger.warn(
          `The catalog has no location ${locationRef} for ${locationTarget}: add it under catalog.locations (type: file) so ${entityRef} appears in the catalog`,
        );
      }
      ctx.output('refreshed', refreshed);
    },
  });
}
