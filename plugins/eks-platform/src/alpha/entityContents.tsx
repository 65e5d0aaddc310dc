import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { rootRouteRef } from '../routes';

/**
 * The EKS platform tab on component pages (`entity-content:eks-platform`).
 * Components without the annotation get instructions for adding it.
 */
export const eksPlatformEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'eks-platform',
    title: 'EKS platform',
    filter: 'kind:component',
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/EntityEksPlatformContent').then(m => (
        <m.EntityEksPlatformContent />
      )),
  },
});
