import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCatalogWriteAction } from './actions/catalogWrite';
import { createClusterPreflightAction } from './actions/clusterPreflight';
import { createGitopsCommitAction } from './actions/gitopsCommit';
import { createGitopsResolveAction } from './actions/gitopsResolve';
import { createManifestsValidateAction } from './actions/manifestsValidate';
import { createCatalogRefresher } from './catalog/CatalogRefresher';
import { EksPlatformClusterClient } from './clusters/EksPlatformClusterClient';
import { readGitopsSettings } from './gitops/GitopsSettings';

/**
 * Registers the eks-platform Scaffolder actions: `eks-platform:manifests:validate`,
 * `eks-platform:cluster:preflight`, `eks-platform:gitops:resolve`, `eks-platform:gitops:commit`
 * and `eks-platform:catalog:write`.
 *
 * @public
 */
export const scaffolderModuleEksPlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'eks-platform',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolderActions, config, discovery, auth }) {
        const settings = readGitopsSettings(config);
        scaffolderActions.addActions(
          createManifestsValidateAction(),
          createClusterPreflightAction({
            clusters: EksPlatformClusterClient.create({ discovery, auth }),
          }),
          createGitopsResolveAction({ settings }),
          createGitopsCommitAction({ settings }),
          createCatalogWriteAction({
            settings,
            refresh: createCatalogRefresher({ discovery, auth }),
          }),
        );
      },
    });
  },
});
