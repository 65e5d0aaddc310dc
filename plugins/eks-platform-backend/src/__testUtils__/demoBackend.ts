import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import type { FleetSimulator } from '@eks-platform/fleet-simulator';
import { eksPlatformPlugin } from '../plugin';
import { demoFleetConfig } from './demoFleet';

/**
 * A test backend with the plugin on the demo fleet (`extra` merged into `eksPlatform`), an
 * empty catalog and the test backend's scheduler (it runs a triggered task at once and
 * answers when the task ends). Returns its HTTP server.
 */
export async function startDemoBackend(
  sim: FleetSimulator,
  extra: JsonObject = {},
) {
  const { server } = await startTestBackend({
    features: [
      eksPlatformPlugin,
      mockServices.rootConfig.factory({ data: demoFleetConfig(sim, extra) }),
      catalogServiceMock.factory({ entities: [] }),
    ],
  });
  return server;
}
