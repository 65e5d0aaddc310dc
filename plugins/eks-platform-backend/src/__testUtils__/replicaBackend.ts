/*
 * One backend replica for the replica test: a real Backstage backend
 * (`createBackend` of @backstage/backend-defaults: real database, scheduler,
 * HTTP server, root logger) with this plugin, run as its own process. Auth,
 * permissions and the catalog are mocked: the test is about collection and
 * storage, not about who may read. Config comes as JSON in
 * EKS_PLATFORM_REPLICA_CONFIG. Prints REPLICA_READY once serving, and
 * UNHANDLED_REJECTION for any promise rejection nobody handled.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eksPlatformPlugin } from '../plugin';

process.on('unhandledRejection', reason => {
  process.stderr.write(
    `UNHANDLED_REJECTION ${
      reason instanceof Error ? reason.stack : String(reason)
    }\n`,
  );
});

async function main() {
  const data = JSON.parse(process.env.EKS_PLATFORM_REPLICA_CONFIG ?? '{}');
  const backend = createBackend();
  backend.add(mockServices.rootConfig.factory({ data }));
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(mockServices.permissions.factory());
  backend.add(catalogServiceMock.factory({ entities: [] }));
  backend.add(eksPlatformPlugin);
  await backend.start();
  process.stdout.write('REPLICA_READY\n');
  const stop = async () => {
    await backend.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(error => {
  process.stderr.write(`REPLICA_FAILED ${error?.stack ?? error}\n`);
  process.exit(1);
});
