import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { EksPlatformClient, eksPlatformApiRef } from './api';
import { EksClusterPicker, eksClusterPickerValidation } from './scaffolder';
import { fleetRouteRef, rootRouteRef } from './routes';

/**
 * The eks-platform frontend plugin for the legacy frontend system.
 * Apps on the new frontend system use the default export of
 * `@eks-platform/plugin-eks-platform/alpha` instead.
 *
 * @public
 */
export const eksPlatformPlugin = createPlugin({
  id: 'eks-platform',
  apis: [
    createApiFactory({
      api: eksPlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EksPlatformClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    entityContent: rootRouteRef,
    fleet: fleetRouteRef,
  },
});

/**
 * The EKS platform entity tab, for an `EntityLayout.Route` of a component page.
 *
 * @public
 */
export const EntityEksPlatformContent = eksPlatformPlugin.provide(
  createRoutableExtension({
    name: 'EntityEksPlatformContent',
    component: () =>
      import('./components/EntityEksPlatformContent').then(
        m => m.EntityEksPlatformContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The EKS fleet page for platform capacity reviews; mount it on a route such as
 * `/eks-platform` of the app.
 *
 * @public
 */
export const EksFleetPage = eksPlatformPlugin.provide(
  createRoutableExtension({
    name: 'EksFleetPage',
    component: () =>
      import('./components/EksFleetPage').then(m => m.EksFleetPage),
    mountPoint: fleetRouteRef,
  }),
);

/**
 * The `EksClusterPicker` scaffolder field (`ui:field: EksClusterPicker`): the EKS clusters with
 * their version phase and IP headroom; unsupported clusters cannot be chosen. Add it inside
 * `<ScaffolderFieldExtensions>` of the legacy app's scaffolder route.
 *
 * @public
 */
export const EksClusterPickerFieldExtension = eksPlatformPlugin.provide(
  createScaffolderFieldExtension({
    name: 'EksClusterPicker',
    component: EksClusterPicker,
    validation: eksClusterPickerValidation,
  }),
);
