import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eksPlatformPermissions } from '@eks-platform/plugin-eks-platform-common';
import { AwsAccess } from './aws/AwsAccess';
import { ClusterCollector } from './collector/ClusterCollector';
import { readEksPlatformConfig } from './config/readEksPlatformConfig';
import { createRouter } from './router';
import { NamespaceCheckService } from './collector/NamespaceCheckService';
import { ClusterDiscovery } from './registry/ClusterDiscovery';
import { ClusterRegistry } from './registry/ClusterRegistry';
import { ClusterViewService } from './views/ClusterViewService';
import { CollectionService } from './collector/CollectionService';
import { openStores } from './store/openStores';

/**
 * The eks-platform backend plugin: collects the clusters configured for the
 * Kubernetes plugin on a schedule, stores snapshots and history, and serves
 * the spot, IP and version views at `/api/eks-platform`.
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
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
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
        database,
        scheduler,
        lifecycle,
      }) {
        permissionsRegistry.addPermissions(eksPlatformPermissions);

        // Every eksPlatform key is read and validated before anything starts.
        const { collection: settings, limits } = readEksPlatformConfig(config);
        const aws = AwsAccess.fromConfig(config);
        const { snapshots: store, discoveredClusters } = await openStores({
          database,
        });
        const discovery = ClusterDiscovery.fromConfig(config, {
          aws,
          store: discoveredClusters,
          logger,
        });
        const registry = ClusterRegistry.fromConfig(config, {
          logger,
          catalog,
          auth,
          discovery,
        });
        const collector = ClusterCollector.create({ aws, settings, logger });
        const collection = CollectionService.fromConfig(config, {
          registry,
          collector,
          store,
          scheduler,
          logger,
        });
        const views = ClusterViewService.fromConfig(config, {
          registry,
          store,
          catalog,
        });

        // Catalog clusters can only be listed once the backend has started;
        // new ones get their task from the periodic re-scan.
        lifecycle.addStartupHook(async () => {
          try {
            await collection.scheduleClusters();
          } catch (error) {
            logger.warn(
              `Could not schedule cluster collections at start-up: ${
                (error as Error).message
              }`,
            );
          }
          await scheduler.scheduleTask({
            id: 'eks-platform-schedule-clusters',
            frequency: { minutes: 5 },
            timeout: { minutes: 1 },
            initialDelay: { minutes: 1 },
            scope: 'local',
            fn: async () => {
              await collection.scheduleClusters();
            },
          });
          if (discovery) {
            // One replica discovers (scope global); the others schedule the
            // collections of what it found at their next re-scan.
            await scheduler.scheduleTask({
              ...discovery.schedule,
              id: 'eks-platform-discover-clusters',
              fn: async signal => {
                await discovery.discover({ signal });
                await collection.scheduleClusters();
              },
            });
          }
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            views,
            collection,
            namespaces: new NamespaceCheckService({
              registry,
              collector,
              ...limits.namespaceCheck,
            }),
            logger,
            refreshesPerUserPerMinute: limits.refresh.perUserPerMinute,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
