import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The simulator is a test peer, not a dependency of this package: tests import
// it by path.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { FleetSimulator } from '@eks-platform/fleet-simulator';
import { AwsAccess } from '../aws/AwsAccess';
import { ClusterCollector } from '../collector/ClusterCollector';
import { readCollectorSettings } from '../config/readCollectorSettings';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import { ClusterRegistry } from '../registry/ClusterRegistry';
import { ClusterViewService } from '../views/ClusterViewService';
import { CollectionService } from '../collector/CollectionService';
import { openStores } from '../store/openStores';

/** The config an app needs to collect the simulated demo fleet. */
export function demoFleetConfig(
  sim: FleetSimulator,
  extra: JsonObject = {},
): JsonObject {
  const caData = Buffer.from(sim.caPem, 'utf8').toString('base64');
  return {
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: sim.clusters().map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: c.token,
            caData,
          })),
        },
      ],
    },
    // One static-credential entry per account: with a matching account,
    // integration-aws-node never calls STS to learn the main account's id.
    aws: {
      accounts: [...new Set(sim.clusters().map(c => c.accountId))].map(
        accountId => ({
          accountId,
          accessKeyId: 'AKIDFLEETSIMULATOR',
          secretAccessKey: 'fleet-simulator-secret',
        }),
      ),
    },
    eksPlatform: {
      aws: { endpoint: sim.awsEndpoint },
      collection: { requestTimeoutMs: 5000, maxRetries: 1 },
      clusters: sim.clusters().map(c => ({
        name: c.name,
        clusterName: c.eksName,
        region: c.region,
        accountId: c.accountId,
      })),
      ...extra,
    },
  };
}

/** The demo fleet started by {@link startDemoFleet}. */
export type DemoFleet = Awaited<ReturnType<typeof startDemoFleet>>;

/**
 * Starts the demo fleet before the suite's tests (in a `beforeAll` registered where this is
 * called) and stops it after them. The returned object is filled in by then: use `fleet.sim` in
 * hooks and tests, not at the top of the suite.
 */
export function useDemoFleet(): DemoFleet {
  const fleet = {} as DemoFleet;
  beforeAll(async () => {
    Object.assign(fleet, await startDemoFleet());
  });
  afterAll(async () => {
    await fleet.stop?.();
  });
  return fleet;
}

/** Starts the demo fleet on ephemeral loopback ports. */
export async function startDemoFleet() {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-platform-sim-'));
  const sim = await FleetSimulator.start({
    scenarioFile: path.resolve(
      // Test-only: the scenario is read from the source tree.
      // eslint-disable-next-line no-restricted-syntax
      __dirname,
      '../../../../packages/fleet-simulator/scenarios/demo-fleet.yaml',
    ),
    stateDir,
    adminPort: 0,
    awsPort: 0,
    kubeBasePort: 0,
  });
  return {
    sim,
    stop: async () => {
      await sim.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Registry and collector with the real clients, for the demo fleet. */
export function demoCollector(sim: FleetSimulator, extra: JsonObject = {}) {
  return collectorFor(demoFleetConfig(sim, extra));
}

/** Registry and collector with the real clients, for any app-config. */
export function collectorFor(data: JsonObject) {
  const config = new ConfigReader(data);
  const logger = mockServices.logger.mock();
  const registry = ClusterRegistry.fromConfig(config, {
    logger,
    catalog: catalogServiceMock(),
    auth: mockServices.auth({ pluginId: 'eks-platform' }),
  });
  const settings = readCollectorSettings(config);
  const collector = ClusterCollector.create({
    aws: AwsAccess.fromConfig(config),
    settings,
    logger,
  });
  return { config, registry, collector, logger };
}

/**
 * The plugin's services on the demo fleet with the real clients: store (on the
 * given test database), collection (scheduler mocked: call `collect`) and views.
 */
export async function demoServices(options: {
  sim: FleetSimulator;
  knex: Knex;
  extra?: JsonObject;
  now?: () => Date;
  catalog?: CatalogService;
}) {
  const { config, registry, collector } = demoCollector(
    options.sim,
    options.extra,
  );
  const store = (
    await openStores({
      database: mockServices.database({ knex: options.knex }),
    })
  ).snapshots;
  const collection = CollectionService.fromConfig(config, {
    registry,
    collector,
    store,
    scheduler: mockServices.scheduler.mock(),
    logger: mockServices.logger.mock(),
    now: options.now,
  });
  const views = ClusterViewService.fromConfig(config, {
    registry,
    store,
    catalog: options.catalog ?? catalogServiceMock(),
    now: options.now,
  });
  return { config, registry, collector, store, collection, views };
}

/** Collects one demo cluster once, as the plugin would, and returns its detail view. */
export async function collectedDetail(
  sim: FleetSimulator,
  knex: Knex,
  clusterName: string,
) {
  const { collection, views } = await demoServices({
    sim,
    knex,
    now: () => new Date(),
  });
  const { ok } = await collection.collect(clusterName);
  if (!ok) throw new Error(`Collecting ${clusterName} failed`);
  return views.getDetail(clusterName);
}
