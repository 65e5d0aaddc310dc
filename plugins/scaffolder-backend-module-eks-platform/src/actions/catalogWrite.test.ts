import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createCatalogWriteAction } from './catalogWrite';

const entity = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-api
  annotations:
    backstage.io/kubernetes-id: checkout-api
    eks-platform.io/clusters: staging-eu-west-1, prod-eu-west-1
spec:
  type: service
  lifecycle: experimental
  owner: group:default/platform-team
`;

describe('eks-platform:catalog:write', () => {
  const mockDir = createMockDirectory();
  const catalogDirectory = () => join(mockDir.path, 'gitops', 'catalog');
  const settings = () => ({
    allowedRepositoryRoots: [],
    catalogDirectory: catalogDirectory(),
    defaultAuthor: {
      name: 'Backstage Scaffolder',
      email: 'scaffolder@backstage.local',
    },
  });

  beforeEach(() => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml': entity,
        'mkdocs.yml': 'site_name: checkout-api\n',
        'docs/index.md': '# checkout-api\n',
      },
    });
  });

  function context(isDryRun = false) {
    const ctx = createMockActionContext({
      workspacePath: join(mockDir.path, 'workspace'),
      input: {},
    });
    ctx.isDryRun = isDryRun;
    return {
      ctx,
      outputs: () => Object.fromEntries((ctx.output as jest.Mock).mock.calls),
    };
  }

  it('writes the entity with its docs and refreshes the catalog location that reads the directory', async () => {
    const refresh = jest.fn().mockResolvedValue(true);
    const action = createCatalogWriteAction({ settings: settings(), refresh });
    const { ctx, outputs } = context();

    await action.handler(ctx);

    const target = join(catalogDirectory(), '*', 'catalog-info.yaml');
    const hash = createHash('sha1').update(`file:${target}`).digest('hex');
    expect(refresh).toHaveBeenCalledWith(`location:default/generated-${hash}`);
    expect(outputs()).toEqual({
      entityRef: 'component:default/checkout-api',
      catalogFile: join(
        catalogDirectory(),
        'checkout-api',
        'catalog-info.yaml',
      ),
      locationTarget: target,
      refreshed: true,
    });
    await expect(
      fs.readFile(
        join(catalogDirectory(), 'checkout-api', 'catalog-info.yaml'),
        'utf8',
      ),
    ).resolves.toBe(entity);
    await expect(
      fs.readFile(
        join(catalogDirectory(), 'checkout-api', 'docs', 'index.md'),
        'utf8',
      ),
    ).resolves.toBe('# checkout-api\n');
  });

  it('says which location to configure when the catalog does not have it', async () => {
    const action = createCatalogWriteAction({
      settings: settings(),
      refresh: async () => false,
    });
    const { ctx, outputs } = context();
    const warn = jest.spyOn(ctx.logger, 'warn');
    await action.handler(ctx);
    expect(outputs().refreshed).toBe(false);
    expect(String(warn.mock.calls[0][0])).toContain(
      'add it under catalog.locations (type: file)',
    );
  });

  it('writes nothing in a dry run, and refuses to overwrite another entity file', async () => {
    const action = createCatalogWriteAction({ settings: settings() });
    await action.handler(context(true).ctx);
    await expect(fs.stat(catalogDirectory())).rejects.toThrow();

    mockDir.addContent({
      'gitops/catalog/checkout-api/catalog-info.yaml': entity.replace(
        'lifecycle: experimental',
        'lifecycle: production',
      ),
    });
    await expect(action.handler(context().ctx)).rejects.toThrow(
      'already holds another entity file',
    );
  });
});
