import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/eks-platform',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const eksPlatformPlugin = createFrontendPlugin({
  pluginId: 'eks-platform',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
