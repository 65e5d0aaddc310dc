import { classifyIpFailure } from './ipAssignmentFailures';
import {
  isPodActive,
  podRequests,
  type PodRequestOptions,
} from './podRequests';
import { POD_ENI_RESOURCE, podBranchEnis } from './securityGroupsForPods';
import type { KubePod } from './types';
import { WorkloadRef, isPodReady, workloadKey, workloadOf } from './workloads';

/**
 * Pods that are alike for every calculation of this package: same workload, same
 * node, same readiness, same host networking. Requests are summed over the class.
 *
 * @public
 */
export type PodClass = {
  workload: WorkloadRef;
  /** Absent for pods not yet placed on a node. */
  nodeName?: string;
  ready: boolean;
  hostNetwork: boolean;
  /** Non-terminated pods in the class. */
  pods: number;
  /** Sum of {@link podRequests} over the class. */
  cpuMillis: number;
  memoryBytes: number;
  /** Branch ENIs (`vpc.amazonaws.com/pod-eni`) the class's pods request, when any. */
  branchEnis?: number;
};

/**
 * A cluster's pods reduced while they are listed page by page: memory grows with
 * workloads x nodes, not with pods.
 *
 * @public
 */
export type PodAggregates = {
  /** Every pod listed, finished ones included. */
  podsListed: number;
  /** Pods in phase `Succeeded` or `Failed` (they hold no node resources). */
  finishedPods: number;
  classes: PodClass[];
  /**
   * Labels of one pod of each workload, by {@link workloadKey}: the pod template's
   * labels, used to match PodDisruptionBudgets and catalog entities.
   */
  workloadLabels: Record<string, Record<string, string>>;
  /**
   * Pods kept in (slimmed) full: those whose status shows an IP-assignment failure,
   * and those named by the caller (e.g. pods in IP-assignment failure events).
   */
  podsOfInterest: KubePod[];
  /**
   * IPv4 addresses of the active, non-hostNetwork pods of the nodes named in
   * {@link PodAccumulatorOptions.podIpNodes}, by node (hybrid nodes, whose pods use the
   * remote pod networks): bounded by those nodes' max pods.
   */
  podIpsByNode?: Record<string, string[]>;
};

/**
 * Options of {@link PodAccumulator}.
 *
 * @public
 */
export type PodAccumulatorOptions = {
  /** `<namespace>/<ReplicaSet>` → Deployment name, as for {@link workloadOf}. */
  replicaSetOwners?: Record<string, string>;
  /** `<namespace>/<pod name>` of pods to keep in {@link PodAggregates.podsOfInterest}. */
  podsOfInterest?: Iterable<string>;
  /** The cluster's Kubernetes version, for {@link podRequests}. */
  kubernetesVersion?: string;
  /** Nodes whose pods' addresses are kept in {@link PodAggregates.podIpsByNode}. */
  podIpNodes?: Iterable<string>;
};

// Labels that differ from pod to pod of one workload and say nothing about it.
const PER_POD_LABELS = [
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
];

function slimPod(pod: KubePod): KubePod {
  return {
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      labels: pod.metadata.labels,
      ownerReferences: pod.metadata.ownerReferences,
    },
    spec: { nodeName: pod.spec?.nodeName, hostNetwork: pod.spec?.hostNetwork },
    status: {
      phase: pod.status?.phase,
      conditions: pod.status?.conditions,
      containerStatuses: pod.status?.containerStatuses?.map(s => ({
        name: s.name,
        ready: s.ready,
        state: s.state?.waiting ? { waiting: s.state.waiting } : undefined,
      })),
    },
  };
}

function hasIpFailureStatus(pod: KubePod): boolean {
  return (
    (pod.status?.containerStatuses ?? []).some(
      s => classifyIpFailure(s.state?.waiting?.message) !== undefined,
    ) ||
    (pod.status?.conditions ?? []).some(
      c => classifyIpFailure(c.message) !== undefined,
    )
  );
}

/**
 * Reduces pods to {@link PodAggregates} as they are listed, one page at a time, so a
 * collector never holds a whole cluster's pods. Feed it with {@link PodAccumulator.add}
 * or {@link PodAccumulator.addPage}; call {@link PodAccumulator.reset} to start over
 * (a list that must restart after `410 Gone`).
 *
 * What is kept per pod class is exactly what {@link summariseCapacity},
 * {@link ipHeadroom} and {@link assessSpotRisk} read, so that running them on
 * {@link expandPodAggregates} gives the figures the full pod list gives; the one
 * approximation is that PodDisruptionBudget selectors are matched against one pod's
 * labels per workload (without per-pod labels such as the StatefulSet pod name).
 *
 * @public
 */
export class PodAccumulator {
  readonly #replicaSetOwners: Record<string, string>;
  readonly #interesting: Set<string>;
  readonly #requestOptions: PodRequestOptions;
  readonly #ipNodes: Set<string>;
  #ips = new Map<string, string[]>();
  #classes = new Map<string, PodClass>();
  #labels = new Map<string, Record<string, string>>();
  #kept = new Map<string, KubePod>();
  #listed = 0;
  #finished = 0;

  constructor(options: PodAccumulatorOptions = {}) {
    this.#replicaSetOwners = options.replicaSetOwners ?? {};
    this.#requestOptions = { kubernetesVersion: options.kubernetesVersion };
    this.#interesting = new Set(options.podsOfInterest ?? []);
    this.#ipNodes = new Set(options.podIpNodes ?? []);
  }

  /** Forgets every pod added so far. */
  reset(): void {
    this.#classes = new Map();
    this.#labels = new Map();
    this.#kept = new Map();
    this.#ips = new Map();
    this.#listed = 0;
    this.#finished = 0;
  }

  addPage(pods: Iterable<KubePod>): void {
    for (const pod of pods) {
      this.add(pod);
    }
  }

  add(pod: KubePod): void {
    this.#listed++;
    const podKey = `${pod.metadata.namespace ?? 'default'}/${
      pod.metadata.name ?? ''
    }`;
    if (this.#interesting.has(podKey) || hasIpFailureStatus(pod)) {
      this.#kept.set(podKey, slimPod(pod));
    }
    if (!isPodActive(pod)) {
      this.#finished++;
      return;
    }
    const workload = workloadOf(pod, this.#replicaSetOwners);
    const wKey = workloadKey(workload);
    if (!this.#labels.has(wKey)) {
      const labels = { ...(pod.metadata.labels ?? {}) };
      for (const key of PER_POD_LABELS) delete labels[key];
      this.#labels.set(wKey, labels);
    }
    const nodeName = pod.spec?.nodeName || undefined;
    const ready = isPodReady(pod);
    const hostNetwork = pod.spec?.hostNetwork === true;
    if (nodeName && !hostNetwork && this.#ipNodes.has(nodeName)) {
      this.#keepIp(nodeName, pod);
    }
    const classKey = `${wKey}|${nodeName ?? ''}|${ready ? 1 : 0}|${
      hostNetwork ? 1 : 0
    }`;
    let podClass = this.#classes.get(classKey);
    if (!podClass) {
      podClass = {
        workload,
        ...(nodeName && { nodeName }),
        ready,
        hostNetwork,
        pods: 0,
        cpuMillis: 0,
        memoryBytes: 0,
      };
      this.#classes.set(classKey, podClass);
    }
    let requests = { cpuMillis: 0, memoryBytes: 0 };
    try {
      requests = podRequests(pod, this.#requestOptions);
    } catch {
      // A malformed quantity counts as no request, as the calculations do.
    }
    podClass.pods += 1;
    podClass.cpuMillis += requests.cpuMillis;
    podClass.memoryBytes += requests.memoryBytes;
    const branchEnis = podBranchEnis(pod);
    if (branchEnis > 0) {
      podClass.branchEnis = (podClass.branchEnis ?? 0) + branchEnis;
    }
  }

  #keepIp(nodeName: string, pod: KubePod): void {
    const listed = pod.status?.podIPs?.map(p => p.ip ?? '') ?? [];
    const ip = [...listed, pod.status?.podIP ?? ''].find(a => a.includes('.'));
    if (!ip) return;
    const ips = this.#ips.get(nodeName) ?? [];
    ips.push(ip);
    this.#ips.set(nodeName, ips);
  }

  result(): PodAggregates {
    return {
      podsListed: this.#listed,
      finishedPods: this.#finished,
      classes: [...this.#classes.values()],
      workloadLabels: Object.fromEntries(this.#labels),
      podsOfInterest: [...this.#kept.values()],
      ...(this.#ipNodes.size > 0 && {
        podIpsByNode: Object.fromEntries(this.#ips),
      }),
    };
  }
}

/**
 * Stand-in pods for the aggregates: for each class, one pod carrying the class's
 * summed requests and `pods - 1` references to one request-free twin, all with the
 * workload's owner, labels, node, readiness and host networking. Feeding them to
 * {@link summariseCapacity}, {@link ipHeadroom} or {@link assessSpotRisk} gives
 * the figures of the original pods. The array holds references, not copies: two
 * objects per class.
 *
 * @public
 */
export function expandPodAggregates(aggregates: PodAggregates): KubePod[] {
  const pods: KubePod[] = [];
  for (const podClass of aggregates.classes) {
    const { workload } = podClass;
    const metadata = {
      namespace: workload.namespace,
      name: workload.name,
      labels: aggregates.workloadLabels[workloadKey(workload)] ?? {},
      ownerReferences:
        workload.kind === 'Pod'
          ? undefined
          : [{ kind: workload.kind, name: workload.name, controller: true }],
    };
    const status = {
      phase: podClass.ready ? 'Running' : 'Pending',
      conditions: [
        { type: 'Ready', status: podClass.ready ? 'True' : 'False' },
      ],
    };
    const base = {
      nodeName: podClass.nodeName,
      hostNetwork: podClass.hostNetwork,
    };
    pods.push({
      metadata,
      spec: {
        ...base,
        containers: [
          {
            name: 'class-requests',
            resources: {
              requests: {
                cpu: `${podClass.cpuMillis}m`,
                memory: String(podClass.memoryBytes),
                ...(podClass.branchEnis && {
                  [POD_ENI_RESOURCE]: String(podClass.branchEnis),
                }),
              },
            },
          },
        ],
      },
      status,
    });
    if (podClass.pods > 1) {
      const twin: KubePod = { metadata, spec: base, status };
      for (let i = 1; i < podClass.pods; i++) {
        pods.push(twin);
      }
    }
  }
  return pods;
}
