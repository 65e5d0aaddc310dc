import type { FigureRule } from './figure';
import { quantityToMillis, quantityToUnits } from './quantities';
import type { KubeContainer, KubePod, KubeQuantity } from './types';

/**
 * CPU and memory a pod requests, as the scheduler and `kubectl describe node` count it.
 *
 * @public
 */
export type PodRequests = {
  cpuMillis: number;
  memoryBytes: number;
};

/**
 * Whether a pod still holds node resources: every phase except `Succeeded` and
 * `Failed` (the rule `kubectl describe node` uses for "Non-terminated Pods").
 *
 * @public
 */
export function isPodActive(pod: KubePod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

function requestOf(
  requests: Record<string, KubeQuantity> | undefined,
  resource: 'cpu' | 'memory',
): number {
  const value = requests?.[resource];
  if (value === undefined) {
    return 0;
  }
  return resource === 'cpu' ? quantityToMillis(value) : quantityToUnits(value);
}

function containerRequest(
  container: KubeContainer,
  resource: 'cpu' | 'memory',
): number {
  return requestOf(container.resources?.requests, resource);
}

function effectiveRequest(pod: KubePod, resource: 'cpu' | 'memory'): number {
  const spec = pod.spec ?? {};
  const podLevel = spec.resources?.requests?.[resource];
  let total: number;
  if (podLevel !== undefined) {
    // Pod-level resources replace the container sum for cpu and memory.
    total = requestOf(spec.resources?.requests, resource);
  } else {
    total = (spec.containers ?? []).reduce(
      (sum, c) => sum + containerRequest(c, resource),
      0,
    );
    let sidecars = 0;
    let initPeak = 0;
    for (const init of spec.initContainers ?? []) {
      const request = containerRequest(init, resource);
      if (init.restartPolicy === 'Always') {
        // A sidecar runs alongside everything after it, so it adds to the total.
        total += request;
        sidecars += request;
        initPeak = Math.max(initPeak, sidecars);
      } else {
        // A plain init container runs with the sidecars started before it.
        initPeak = Math.max(initPeak, request + sidecars);
      }
    }
    total = Math.max(total, initPeak);
  }
  return total + requestOf(spec.overhead, resource);
}

/**
 * A pod's effective CPU and memory requests:
 * max(sum of the app containers, each init container) + `spec.overhead`, with
 * Kubernetes 1.28+ sidecars (init containers with `restartPolicy: Always`) added to
 * the sum and to every later init container; pod-level `spec.resources.requests`
 * (1.32+) replaces the container figures when set. With no sidecars and no pod-level
 * resources this is exactly "max(sum of containers, each init container) + overhead".
 *
 * Sources: Kubernetes docs "Resource Management for Pods and Containers" and
 * "Sidecar containers" (resource sharing within containers); the scheduler's and
 * kubectl's shared helper `k8s.io/component-helpers/resource` `PodRequests`.
 *
 * @public
 */
export function podRequests(pod: KubePod): PodRequests {
  return {
    cpuMillis: effectiveRequest(pod, 'cpu'),
    memoryBytes: effectiveRequest(pod, 'memory'),
  };
}

/**
 * The rules of requested CPU and memory.
 *
 * @public
 */
export const REQUEST_RULES = {
  requestedCpu: {
    formula:
      'requested = Σ over non-terminated pods of max(Σ containers, largest init container) + pod overhead',
    source: 'Kubernetes API: pod specs (resources.requests.cpu)',
  },
  requestedMemory: {
    formula:
      'requested = Σ over non-terminated pods of max(Σ containers, largest init container) + pod overhead (GiB = 2^30 bytes)',
    source: 'Kubernetes API: pod specs (resources.requests.memory)',
  },
} satisfies Record<string, FigureRule>;
