import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleEksPlatform } from './module';

describe('scaffolderModuleEksPlatform', () => {
  it('registers the eks-platform actions with the scaffolder, all supporting dry runs', async () => {
    const addActions = jest.fn();

    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleEksPlatform,
        mockServices.rootConfig.factory({
          data: {
            eksPlatform: {
              gitops: { defaultRepository: 'file:///srv/gitops/platform.git' },
            },
          },
        }),
      ],
    });

    expect(addActions).toHaveBeenCalledTimes(1);
    const actions = addActions.mock.calls[0];
    expect(actions.map((a: { id: string }) => a.id)).toEqual([
      'eks-platform:manifests:validate',
      'eks-platform:cluster:preflight',
      'eks-platform:gitops:resolve',
      'eks-platform:gitops:commit',
      'eks-platform:catalog:write',
    ]);
    expect(
      actions.every((a: { supportsDryRun?: boolean }) => a.supportsDryRun),
    ).toBe(true);
  });
});
