/** One resource of the simulated Kubernetes API, as discovery describes it. */
export interface ApiResource {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Only namespaces accept POST. */
  creatable?: boolean;
}

const r = (
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  shortNames?: string[],
  creatable?: boolean,
): ApiResource => ({
  group,
  version,
  plural,
  singular: kind.toLowerCase(),
  kind,
  namespaced,
  shortNames,
  creatable,
});

/**
 * Every resource the simulator serves. Resources a scenario has no objects for answer with an
 * empty list (what the Backstage Kubernetes plugin asks for: configmaps, jobs, ingresses, ...).
 */
export const API_RESOURCES: ApiResource[] = [
  r('', 'v1', 'namespaces', 'Namespace', false, ['ns'], true),
  r('', 'v1', 'nodes', 'Node', false, ['no']),
  r('', 'v1', 'pods', 'Pod', true, ['po']),
  r('', 'v1', 'services', 'Service', true, ['svc']),
  r('', 'v1', 'events', 'Event', true, ['ev']),
  r('', 'v1', 'configmaps', 'ConfigMap', true, ['cm']),
  r('', 'v1', 'secrets', 'Secret', true),
  r('', 'v1', 'limitranges', 'LimitRange', true, ['limits']),
  r('', 'v1', 'resourcequotas', 'ResourceQuota', true, ['quota']),
  r('', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['sa']),
  r('', 'v1', 'endpoints', 'Endpoints', true, ['ep']),
  r('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc']),
  r('', 'v1', 'persistentvolumes', 'PersistentVolume', false, ['pv']),
  r('apps', 'v1', 'deployments', 'Deployment', true, ['deploy']),
  r('apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs']),
  r('apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts']),
  r('apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds']),
  r(
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    ['hpa'],
  ),
  r('batch', 'v1', 'jobs', 'Job', true),
  r('batch', 'v1', 'cronjobs', 'CronJob', true, ['cj']),
  r('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, ['ing']),
  r('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, [
    'netpol',
  ]),
  r('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, [
    'pdb',
  ]),
  r('crd.k8s.amazonaws.com', 'v1alpha1', 'eniconfigs', 'ENIConfig', false),
  r('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true),
  r('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false),
];

export function findResource(
  group: string,
  version: string,
  plural: string,
): ApiResource | undefined {
  return API_RESOURCES.find(
    x => x.group === group && x.version === version && x.plural === plural,
  );
}

export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const x of API_RESOURCES) {
    seen.set(`${x.group}/${x.version}`, { group: x.group, version: x.version });
  }
  return [...seen.values()];
}
