import { type Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  useApiHolder,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { routeResolutionApiRef } from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Component, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';

/** The Kubernetes plugin's annotation naming the pods of an entity. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
/** The Argo CD plugins' annotation naming the entity's Application. */
export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';

/** Renders the fallback when the entity route cannot be resolved in this app. */
class RouteFallback extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  static getDerivedStateFromError() {
    return { failed: true };
  }
  state = { failed: false };
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function entityParams(entity: Entity) {
  const ref = getCompoundEntityRef(entity);
  return {
    namespace: ref.namespace,
    kind: ref.kind.toLocaleLowerCase('en-US'),
    name: ref.name,
  };
}

const TabLink = (props: { base?: string }) =>
  props.base ? (
    <Link to={`${props.base}/kubernetes`}>Kubernetes tab</Link>
  ) : (
    <span>Kubernetes tab</span>
  );

/** Legacy frontend system: `useRouteRef` throws when the catalog route is unbound. */
const LegacyKubernetesTabLink = (props: { entity: Entity }) => {
  const entityRoute = useRouteRef(entityRouteRef);
  return <TabLink base={entityRoute(entityParams(props.entity))} />;
};

/**
 * The entity's Kubernetes tab (`<entity page>/kubernetes`), or its name without a
 * link when the app has no catalog entity route.
 */
const KubernetesTabLink = (props: { entity: Entity }) => {
  const resolution = useApiHolder().get(routeResolutionApiRef);
  const { pathname } = useLocation();
  if (!resolution) {
    return (
      <RouteFallback fallback={<TabLink />}>
        <LegacyKubernetesTabLink entity={props.entity} />
      </RouteFallback>
    );
  }
  // new frontend system: resolving an unbound route gives undefined
  let base: string | undefined;
  try {
    base = resolution.resolve(entityRouteRef, { sourcePath: pathname })?.(
      entityParams(props.entity),
    );
  } catch {
    base = undefined;
  }
  return <TabLink base={base} />;
};

/**
 * Links to the entity's Kubernetes tab (`backstage.io/kubernetes-id`) and Argo CD
 * application (`argocd/app-name`, linked when `argocd.baseUrl` is configured).
 */
export const EntityLinks = (props: { entity: Entity }) => {
  const { entity } = props;
  const config = useApi(configApiRef);
  const annotations = entity.metadata.annotations ?? {};
  const kubernetesId = annotations[KUBERNETES_ID_ANNOTATION]?.trim();
  const argoApp = annotations[ARGOCD_APP_NAME_ANNOTATION]?.trim();
  const argoBaseUrl = config
    .getOptionalString('argocd.baseUrl')
    ?.replace(/\/+$/, '');

  if (!kubernetesId && !argoApp) {
    return null;
  }
  return (
    <Box
      component="nav"
      aria-label="Related views"
      display="flex"
      flexWrap="wrap"
      style={{ gap: 24 }}
    >
      {kubernetesId && (
        <Typography variant="body2" component="span">
          Pods (kubernetes-id {kubernetesId}):{' '}
          <KubernetesTabLink entity={entity} />
        </Typography>
      )}
      {argoApp && (
        <Typography variant="body2" component="span">
          Argo CD application:{' '}
          {argoBaseUrl ? (
            <Link
              to={`${argoBaseUrl}/applications/${encodeURIComponent(argoApp)}`}
            >
              {argoApp}
            </Link>
          ) : (
            <span title="Set argocd.baseUrl in app-config to link to Argo CD">
              {argoApp}
            </span>
          )}
        </Typography>
      )}
    </Box>
  );
};
