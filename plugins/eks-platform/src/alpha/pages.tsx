import { PageBlueprint } from '@backstage/frontend-plugin-api';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { fleetRouteRef } from '../routes';

/**
 * The EKS fleet page (`page:eks-platform`) at `/eks-platform`. Its title and icon
 * also make the "EKS fleet" item of the app's navigation (the new frontend system
 * infers nav items from pages; `NavItemBlueprint` is gone). The page draws its own
 * header, so the default plugin header is off.
 */
export const eksFleetPage = PageBlueprint.make({
  params: {
    path: '/eks-platform',
    title: 'EKS fleet',
    icon: <CloudQueueIcon fontSize="inherit" />,
    routeRef: fleetRouteRef,
    noHeader: true,
    loader: () =>
      import('../components/EksFleetPage').then(m => <m.EksFleetPage />),
  },
});
