import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eksPlatformPermissions } from '@eks-platform/plugin-eks-platform-common';
import { createRouter } from './router';
import { ClusterRegistry } from './services/ClusterRegistry';

/**
 * The eks-platform backend plugin: serves the clusters configured for the
 * Kubernetes plugin, with their EKS identity, at `/api/eks-platform`.
 *
 * @public
 */
export const eksPlatformPlugin = createBackendPlugin({
  pluginId: 'eks-platform',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        catalog,
        auth,
      }) {
        permissionsRegistry.addPermissions(eksPlatformPermissions);

        const clusterRegistry = ClusterRegistry.fromConfig(config, {
          logger,
          catalog,
          auth,
        });

        httpRouter.use(
          await createRouter({ httpAuth, permissions, clusterRegistry }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
