import type { Entity } from '@backstage/catalog-model';
import { Content } from '@backstage/core-components';
import { createDevApp } from '@backstage/frontend-dev-utils';
import {
  ApiBlueprint,
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { eksPlatformApiRef } from '../src';
import eksPlatformPlugin from '../src/alpha';
import {
  billingEntity,
  ledgerEntity,
  MockEksPlatformApi,
  paymentsEntity,
  unannotatedEntity,
} from '../src/testUtils';

function demoPage(name: string, path: string, title: string, entity: Entity) {
  return PageBlueprint.make({
    name,
    params: {
      path,
      title,
      loader: () =>
        import('../src/components/EntityEksPlatformContent').then(m => (
          <EntityProvider entity={entity}>
            <Content>
              <m.EntityEksPlatformContent />
            </Content>
          </EntityProvider>
        )),
    },
  });
}

/**
 * Replaces the backend client with the mock API, slowed down so the loading states
 * show, and adds one page per demo entity, since the dev app has no catalog to host
 * the entity tab. The plugin's own fleet page is at /eks-platform.
 */
const devModule = createFrontendModule({
  pluginId: 'eks-platform',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: eksPlatformApiRef,
          deps: {},
          factory: () => new MockEksPlatformApi({ delayMs: 400 }),
        }),
    }),
    demoPage('payments', '/', 'payments-grpc', paymentsEntity),
    demoPage(
      'billing',
      '/billing',
      'billing-api (1.31 cluster)',
      billingEntity,
    ),
    demoPage('ledger', '/ledger', 'ledger-grpc (warnings)', ledgerEntity),
    demoPage(
      'unannotated',
      '/unannotated',
      'fraud-scoring-grpc (no annotation)',
      unannotatedEntity,
    ),
  ],
});

createDevApp({ features: [eksPlatformPlugin, devModule] });
