import type { FigureRule } from './figure';
import { parseKubernetesVersion } from './kubernetesVersion';
import { quantityToNanos } from './quantities';
import type {
  KubeContainer,
  KubeContainerStatus,
  KubePod,
  KubeQuantity,
} from './types';

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

type Resource = 'cpu' | 'memory';
type Requests = Record<string, KubeQuantity> | undefined;

/**
 * Options of {@link podRequests}.
 *
 * @public
 */
export type PodRequestOptions = {
  /**
   * The cluster's Kubernetes version (`1.34`, `v1.33.5-eks-...`): it decides whether
   * pod-level resources (1.34+) and in-place resize (1.33+) count. Unknown: both do.
   */
  kubernetesVersion?: string;
};

/** Feature gates that change requests, with the minor where each is on by default (beta). */
const POD_LEVEL_RESOURCES_MINOR = 34;
const IN_PLACE_RESIZE_MINOR = 33;

function minorOf(version: string | undefined): number | undefined {
  return parseKubernetesVersion(version)?.minor;
}

function nanos(requests: Requests, resource: Resource): bigint {
  const value = requests?.[resource];
  return value === undefined ? 0n : quantityToNanos(value);
}

const max = (...values: bigint[]) => values.reduce((m, v) => (v > m ? v : m));

/**
 * The containers' aggregate for one way of reading each container's requests:
 * app containers and sidecars (init containers with `restartPolicy: Always`) add up;
 * a plain init container runs with the sidecars started before it; the pod needs the larger.
 */
function aggregate(
  pod: KubePod,
  read: (container: KubeContainer) => Requests,
  resource: Resource,
): bigint {
  const spec = pod.spec ?? {};
  let total = (spec.containers ?? []).reduce(
    (sum, c) => sum + nanos(read(c), resource),
    0n,
  );
  let sidecars = 0n;
  let initPeak = 0n;
  for (const init of spec.initContainers ?? []) {
    const request = nanos(read(init), resource);
    if (init.restartPolicy === 'Always') {
      total += request;
      sidecars += request;
      initPeak = max(initPeak, sidecars);
    } else {
      initPeak = max(initPeak, request + sidecars);
    }
  }
  return max(total, initPeak);
}

function statusOf(pod: KubePod, name: string): KubeContainerStatus | undefined {
  return (
    pod.status?.containerStatuses?.find(s => s.name === name) ??
    pod.status?.initContainerStatuses?.find(s => s.name === name)
  );
}

function resizeInfeasible(pod: KubePod): boolean {
  const pending = pod.status?.conditions?.find(
    c => c.type === 'PodResizePending',
  );
  return pending?.reason === 'Infeasible';
}

/**
 * The container requests while an in-place resize may be under way: the larger of what
 * the spec asks, what the kubelet allocated and what the containers run with; an
 * infeasible resize's spec is not counted.
 */
function resizeAwareRequests(pod: KubePod, resource: Resource): bigint {
  const infeasible = resizeInfeasible(pod);
  const fallback = (c: KubeContainer) =>
    infeasible ? undefined : c.resources?.requests;
  const allocated = aggregate(
    pod,
    c => statusOf(pod, c.name)?.allocatedResources ?? fallback(c),
    resource,
  );
  const actuated = aggregate(
    pod,
    c => {
      const status = statusOf(pod, c.name);
      return (
        status?.resources?.requests ?? status?.allocatedResources ?? fallback(c)
      );
    },
    resource,
  );
  if (infeasible) return max(allocated, actuated);
  return max(
    aggregate(pod, c => c.resources?.requests, resource),
    allocated,
    actuated,
  );
}

function effectiveNanos(
  pod: KubePod,
  resource: Resource,
  options: PodRequestOptions,
): bigint {
  const spec = pod.spec ?? {};
  const minor = minorOf(options.kubernetesVersion);
  const podLevel =
    spec.resources?.requests?.[resource] !== undefined &&
    (minor === undefined || minor >= POD_LEVEL_RESOURCES_MINOR);
  let total: bigint;
  if (podLevel) {
    // Pod-level requests replace the containers' aggregate for cpu and memory.
    total = nanos(spec.resources?.requests, resource);
  } else if (minor === undefined || minor >= IN_PLACE_RESIZE_MINOR) {
    total = resizeAwareRequests(pod, resource);
  } else {
    total = aggregate(pod, c => c.resources?.requests, resource);
  }
  return total + nanos(spec.overhead, resource);
}

const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_UNIT = 1_000_000_000n;
const ceilDiv = (n: bigint, d: bigint) => (n + d - 1n) / d;

/**
 * A pod's effective CPU and memory requests, as the scheduler counts them:
 * max(sum of the app containers, each init container) + `spec.overhead`, with sidecars
 * (init containers with `restartPolicy: Always`) added to the sum and to every later init
 * container. Where the cluster's version turns them on, pod-level `spec.resources.requests`
 * (1.34+) replace the containers' figures, and during an in-place resize (1.33+) each
 * aggregate is the larger of the spec, the kubelet's allocation and the running resources.
 * Quantities are added exactly and rounded up once per pod (millicores, bytes), as the
 * scheduler's `MilliValue()`/`Value()` of the pod's total do.
 *
 * Sources: Kubernetes docs "Resource Management for Pods and Containers", "Sidecar
 * containers", "Resize CPU and Memory Resources assigned to Containers" and "Assign Pod-level
 * CPU and memory resources"; `k8s.io/component-helpers/resource` `PodRequests`, which the
 * scheduler's NodeResourcesFit and `kubectl describe node` use.
 *
 * @public
 */
export function podRequests(
  pod: KubePod,
  options: PodRequestOptions = {},
): PodRequests {
  const cpu = effectiveNanos(pod, 'cpu', options);
  const memory = effectiveNanos(pod, 'memory', options);
  return {
    cpuMillis: Number(ceilDiv(cpu, NANOS_PER_MILLI)),
    memoryBytes: Number(ceilDiv(memory, NANOS_PER_UNIT)),
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
      'requested = Σ over non-terminated pods of (pod-level requests, else max(Σ containers, largest init container); during a resize the larger of spec and running) + pod overhead, rounded up per pod',
    source: 'Kubernetes API: pod specs (resources.requests.cpu)',
  },
  requestedMemory: {
    formula:
      'requested = Σ over non-terminated pods of (pod-level requests, else max(Σ containers, largest init container); during a resize the larger of spec and running) + pod overhead, rounded up per pod (GiB = 2^30 bytes)',
    source: 'Kubernetes API: pod specs (resources.requests.memory)',
  },
} satisfies Record<string, FigureRule>;
