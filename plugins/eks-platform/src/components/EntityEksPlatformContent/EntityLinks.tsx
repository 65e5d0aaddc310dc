import { type Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { configApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Component, type ReactNode } from 'react';

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

const KubernetesTabLink = (props: { entity: Entity }) => {
  const entityRoute = useRouteRef(entityRouteRef);
  const ref = getCompoundEntityRef(props.entity);
  const base = entityRoute({
    namespace: ref.namespace,
    kind: ref.kind.toLocaleLowerCase('en-US'),
    name: ref.name,
  });
  return <Link to={`${base}/kubernetes`}>Kubernetes tab</Link>;
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
          <RouteFallback fallback={<span>Kubernetes tab</span>}>
            <KubernetesTabLink entity={entity} />
          </RouteFallback>
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
