import type { KubePod } from './types';
import type { FigureRule } from './figure';
import { capacityTypeLabelsText } from './capacityType';

/**
 * The workload a pod belongs to.
 *
 * @public
 */
export type WorkloadRef = {
  namespace: string;
  /** `Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `ReplicaSet`, `Pod`, or another owner kind. */
  kind: string;
  name: string;
};

/**
 * A workload's key, `<namespace>/<Kind>/<name>`.
 *
 * @public
 */
export function workloadKey(ref: WorkloadRef): string {
  return `${ref.namespace}/${ref.kind}/${ref.name}`;
}

/**
 * The workload of a pod, from its controller owner reference. A ReplicaSet's owner
 * Deployment is the workload: it is looked up in `replicaSetOwners`, keyed
 * `<namespace>/<replicaSet>` (or plain `<replicaSet>`), which the caller builds from
 * the ReplicaSets' own owner references. A ReplicaSet missing from the map is still
 * attributed to its Deployment when its name is `<deployment>-<pod-template-hash>`
 * with the pod's `pod-template-hash` label (the Deployment controller's naming);
 * otherwise the ReplicaSet itself is the workload. A pod without an owner is its own
 * workload (`Pod`).
 *
 * Source: Kubernetes docs "Owners and Dependents", "Deployments" (ReplicaSet naming
 * and the `pod-template-hash` label).
 *
 * @public
 */
export function workloadOf(
  pod: KubePod,
  replicaSetOwners: Record<string, string> = {},
): WorkloadRef {
  const namespace = pod.metadata.namespace ?? 'default';
  const refs = pod.metadata.ownerReferences ?? [];
  const owner = refs.find(r => r.controller) ?? refs[0];
  if (!owner) {
    return { namespace, kind: 'Pod', name: pod.metadata.name ?? '' };
  }
  if (owner.kind === 'ReplicaSet') {
    const mapped =
      replicaSetOwners[`${namespace}/${owner.name}`] ??
      replicaSetOwners[owner.name];
    if (mapped) {
      return { namespace, kind: 'Deployment', name: mapped };
    }
    const hash = pod.metadata.labels?.['pod-template-hash'];
    if (hash && owner.name.endsWith(`-${hash}`)) {
      return {
        namespace,
        kind: 'Deployment',
        name: owner.name.slice(0, -(hash.length + 1)),
      };
    }
  }
  return { namespace, kind: owner.kind, name: owner.name };
}

/**
 * Whether a pod is Ready (condition `Ready` is `True`) and not finished.
 *
 * @public
 */
export function isPodReady(pod: KubePod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    return false;
  }
  return (pod.status?.conditions ?? []).some(
    c => c.type === 'Ready' && c.status === 'True',
  );
}

const CAPACITY_LABELS = capacityTypeLabelsText();

/**
 * The rules of a workload's replica and spot figures.
 *
 * @public
 */
export const WORKLOAD_RULES = {
  workloadReplicas: {
    formula:
      'ready / non-terminated pods of the workload (pods whose phase is not Succeeded or Failed)',
    source: 'Kubernetes API: pods (owner references, Ready condition)',
  },
  workloadOnSpot: {
    formula: 'ready replicas whose node has capacity type spot',
    source: `Kubernetes API: pods (spec.nodeName) and node ${CAPACITY_LABELS}`,
  },
  workloadSpotShare: {
    formula: 'spot share = ready replicas on spot nodes / ready replicas',
    source: `Kubernetes API: pods and node ${CAPACITY_LABELS}`,
  },
} satisfies Record<string, FigureRule>;
