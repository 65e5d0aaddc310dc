import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { fleetRouteRef, rootRouteRef } from '../routes';
import { eksPlatformApi } from './apis';
import { eksPlatformEntityContent } from './entityContents';
import { eksFleetPage } from './pages';
import { eksClusterPickerFormFieldExtension } from '../scaffolder/alpha';

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
  extensions: [
    eksPlatformApi,
    eksPlatformEntityContent,
    eksFleetPage,
    eksClusterPickerFormFieldExtension,
  ],
  routes: {
    entityContent: rootRouteRef,
    fleet: fleetRouteRef,
  },
});
