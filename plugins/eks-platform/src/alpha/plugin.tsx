import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { rootRouteRef } from '../routes';
import { eksPlatformApi } from './apis';
import { eksPlatformEntityContent } from './entityContents';

/**
 * The eks-platform frontend plugin for the new frontend system.
 *
 * @alpha
 */
export const eksPlatformPlugin = createFrontendPlugin({
  pluginId: 'eks-platform',
  title: 'EKS platform',
  icon: <CloudQueueIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  extensions: [eksPlatformApi, eksPlatformEntityContent],
  routes: {
    entityContent: rootRouteRef,
  },
});
