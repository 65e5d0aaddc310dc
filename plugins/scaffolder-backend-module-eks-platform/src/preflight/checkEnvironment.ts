import {
  onDemandPodFit,
  podFitLimit,
  rolloutPods,
  rolloutSurge,
  unrequestedCpu,
} from '@eks-platform/plugin-eks-platform-common';
import type {
  ClusterDetail,
  ClusterOverview,
  NamespaceCheckResponse,
} from '@eks-platform/plugin-eks-platform-common';
import { PlacementOptions, PreflightCheck, PreflightTarget } from './types';

/** Input of {@link checkEnvironment}. */
export type CheckEnvironmentInput = {
  name: string;
  target: PreflightTarget;
  /** The cluster's `GET /clusters` item; undefined when the backend does not list it. */
  overview?: ClusterOverview;
  /** `GET /clusters/:name`, when the backend returned it. */
  detail?: ClusterDetail;
  /** Every cluster name the backend lists, for the "unknown cluster" message. */
  knownClusters: string[];
  placement: PlacementOptions;
  /** What environments checked before this one ask of the same cluster. */
  claimed?: ClusterClaim;
  /** The cluster's answer, asked now, whether the namespace exists; or why it could not be asked. */
  live?: NamespaceCheckResponse | { error: string };
};

/** Pods and CPU that other environments of the same service need on a cluster. */
export type ClusterClaim = {
  envs: string[];
  pods: number;
  cpuMillicores: number;
};

const NO_CLAIM: ClusterClaim = { envs: [], pods: 0, cpuMillicores: 0 };

/** Pods one environment needs during a rollout: replicas plus the surge. */
export function podsNeeded(
  target: PreflightTarget,
  placement: PlacementOptions,
): number {
  return rolloutPods(target.replicas, placement.maxSurgePercent).value;
}

function alsoOnCluster(claimed: ClusterClaim): string {
  return `${claimed.envs.join(', ')} on the same cluster`;
}

function plural(count: number, one: string, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Extra pods during a rolling update (computed in -common with its formula). */
export function surgePods(replicas: number, maxSurgePercent: number): number {
  return rolloutSurge(replicas, maxSurgePercent).value;
}

function versionCheck(
  base: Omit<PreflightCheck, 'check' | 'status' | 'message'>,
  overview: ClusterOverview,
  detail: ClusterDetail | undefined,
): PreflightCheck {
  const status = detail?.version?.status;
  const phase = status?.phase ?? overview.version?.phase;
  const version = status?.version ?? overview.version?.kubernetesVersion;
  const summary = status?.summary ?? overview.version?.summary;
  const at = (message: string) => ({
    ...base,
    check: 'version' as const,
    message,
  });
  switch (phase) {
    case 'unsupported':
      return {
        ...at(
          `Cluster ${
            base.cluster
          } runs Kubernetes ${version}, which is no longer supported by EKS${
            status?.endOfExtendedSupport
              ? ` (extended support ended ${status.endOfExtendedSupport})`
              : ''
          }: choose a cluster on a supported version`,
        ),
        status: 'failed',
      };
    case 'extended': {
      const days = status?.daysLeftInPhase ?? overview.version?.daysLeft;
      return {
        ...at(
          `Cluster ${
            base.cluster
          } runs Kubernetes ${version} in extended support${
            days !== undefined ? ` (${plural(days, 'day')} left)` : ''
          }, billed extra and due for an upgrade`,
        ),
        status: 'warning',
      };
    }
    case 'standard':
      return {
        ...at(
          `Cluster ${base.cluster} runs Kubernetes ${version} in standard support`,
        ),
        status: 'passed',
      };
    default:
      return {
        ...at(
          `The support phase of cluster ${
            base.cluster
          }'s Kubernetes version is not known${
            summary ? ` (${summary})` : ''
          }; not checked`,
        ),
        status: 'not-checked',
      };
  }
}

function namespaceCheck(
  base: Omit<PreflightCheck, 'check' | 'status' | 'message'>,
  overview: ClusterOverview,
  detail: ClusterDetail | undefined,
  live: CheckEnvironmentInput['live'],
): PreflightCheck {
  const at = { ...base, check: 'namespace' as const };
  if (live && 'exists' in live) {
    return live.exists
      ? {
          ...at,
          status: 'failed',
          message: `Namespace ${base.namespace} already exists on cluster ${base.cluster} (asked the cluster at ${live.checkedAt}): choose another service name`,
        }
      : {
          ...at,
          status: 'passed',
          message: `Namespace ${base.namespace} does not exist on cluster ${base.cluster} yet (asked the cluster at ${live.checkedAt})`,
        };
  }
  // The cluster could not be asked: fall back to what its last collection saw.
  const liveFailed = live ? `; asking the cluster failed: ${live.error}` : '';
  const listed = detail?.namespaces;
  // Without the namespace list, a backend still knows the namespaces that run workloads.
  const workload = detail?.spot?.workloads.find(
    w => w.workload.namespace === base.namespace,
  );
  const runs = workload
    ? `it runs ${workload.workload.kind} ${workload.workload.name}`
    : undefined;
  const asOf = overview.collectedAt
    ? `namespaces as collected at ${overview.collectedAt}${
        overview.stale ? ', stale' : ''
      }`
    : undefined;
  if (listed?.includes(base.namespace) || workload) {
    const why = [runs, listed && asOf].filter(Boolean).join('; ');
    return {
      ...at,
      status: 'failed',
      message: `Namespace ${base.namespace} already exists on cluster ${
        base.cluster
      }${why ? ` (${why})` : ''}: choose another service name`,
    };
  }
  if (listed) {
    return {
      ...at,
      status: live ? 'warning' : 'passed',
      message: `Namespace ${base.namespace} did not exist on cluster ${
        base.cluster
      }${asOf ? ` (${asOf})` : ''}${liveFailed}`,
    };
  }
  return {
    ...at,
    status: 'not-checked',
    message: `Whether namespace ${base.namespace} exists on cluster ${
      base.cluster
    } was not checked: the eks-platform backend has no namespace list for it (${
      detail?.spot
        ? 'its collector may not list namespaces; grant it as in deploy/kubernetes/eks-platform-reader.yaml'
        : 'the cluster has not been collected'
    }), and none of its workloads run in that namespace${liveFailed}`,
  };
}

function capacityCheck(
  base: Omit<PreflightCheck, 'check' | 'status' | 'message'>,
  target: PreflightTarget,
  overview: ClusterOverview,
  detail: ClusterDetail | undefined,
  placement: PlacementOptions,
  claimed: ClusterClaim,
): PreflightCheck {
  const surge = surgePods(target.replicas, placement.maxSurgePercent);
  const needed = target.replicas + surge;
  const need = `${needed} pods (${plural(
    target.replicas,
    'replica',
  )} + ${surge} rollout surge)`;
  const at = { ...base, check: 'capacity' as const };

  let available: number | undefined;
  let scope = '';
  if (placement.spotPolicy === 'on-demand-only' && detail) {
    available = onDemandPodFit(detail.ip?.headroom)?.value;
    scope = ' on on-demand nodes';
  }
  if (available === undefined) {
    available = overview.ip?.additionalPods;
    scope =
      placement.spotPolicy === 'on-demand-only'
        ? ' (all capacity types: the backend gave no per-node headroom)'
        : '';
  }
  if (available === undefined) {
    return {
      ...at,
      status: 'not-checked',
      message: `The eks-platform backend has no IP headroom for cluster ${
        base.cluster
      }${
        overview.partial.length > 0
          ? ` (missing: ${overview.partial.join(', ')})`
          : ''
      }; whether ${need} fit was not checked`,
    };
  }
  const least = overview.ip?.leastFreeSubnet;
  const leastText = least
    ? `; the least free subnet${least.subnetId ? ` ${least.subnetId}` : ''}${
        least.availabilityZone ? ` (${least.availabilityZone})` : ''
      } has ${plural(least.freeAddresses, 'free address', 'free addresses')}`
    : '';
  const shared =
    claimed.pods > 0
      ? `, of which ${plural(claimed.pods, 'pod')} go to ${alsoOnCluster(
          claimed,
        )}`
      : '';
  const left = available - claimed.pods;
  if (left < needed) {
    const limit = podFitLimit(detail?.ip?.headroom.zones)?.value;
    return {
      ...at,
      status: 'failed',
      message: `Cluster ${base.cluster} has room for only ${plural(
        available,
        'more pod',
      )}${scope}${limit ? `, limited by ${limit}` : ''}${shared}, but ${
        base.env
      } needs ${need}${
        claimed.pods > 0
          ? ` (${claimed.pods + needed} pods in all with ${claimed.envs.join(
              ', ',
            )})`
          : ''
      }${leastText}`,
    };
  }
  return {
    ...at,
    status: 'passed',
    message: `Cluster ${base.cluster} has room for ${plural(
      available,
      'more pod',
    )}${scope}${shared}; ${base.env} needs ${need}`,
  };
}

function cpuCheck(
  base: Omit<PreflightCheck, 'check' | 'status' | 'message'>,
  target: PreflightTarget,
  overview: ClusterOverview,
  placement: PlacementOptions,
  claimed: ClusterClaim,
): PreflightCheck | undefined {
  const spot = overview.spot;
  if (!spot || target.cpuMillicores === undefined) {
    return undefined;
  }
  const needed = podsNeeded(target, placement) * target.cpuMillicores;
  const free = unrequestedCpu(spot).value;
  const shared =
    claimed.cpuMillicores > 0
      ? `, of which ${claimed.cpuMillicores}m go to ${alsoOnCluster(claimed)}`
      : '';
  const at = { ...base, check: 'cpu' as const };
  return needed > free - claimed.cpuMillicores
    ? {
        ...at,
        status: 'warning',
        message: `Cluster ${base.cluster} has ${free}m CPU unrequested${shared}, but ${base.env} requests ${needed}m: the cluster autoscaler or Karpenter must add nodes`,
      }
    : {
        ...at,
        status: 'passed',
        message: `Cluster ${base.cluster} has ${free}m CPU unrequested${shared}; ${base.env} requests ${needed}m`,
      };
}

/**
 * The preflight checks of one environment on its cluster: the cluster is known, its Kubernetes
 * version is supported, the namespace does not exist yet, and the pod subnets and node slots can
 * hold the replicas plus the rollout surge, after what other environments of the service
 * (`claimed`) need on the same cluster.
 */
export function checkEnvironment(
  input: CheckEnvironmentInput,
): PreflightCheck[] {
  const { name, target, overview, detail, placement } = input;
  const base = {
    env: target.env,
    cluster: target.cluster,
    namespace: `${name}-${target.env}`,
  };
  if (!overview) {
    return [
      {
        ...base,
        check: 'cluster',
        status: 'failed',
        message: `Cluster ${target.cluster} (chosen for ${
          target.env
        }) is not known to the eks-platform backend; known clusters: ${
          input.knownClusters.join(', ') || 'none'
        }`,
      },
    ];
  }
  const claimed = input.claimed ?? NO_CLAIM;
  const checks: PreflightCheck[] = [
    versionCheck(base, overview, detail),
    namespaceCheck(base, overview, detail, input.live),
    capacityCheck(base, target, overview, detail, placement, claimed),
  ];
  const cpu = cpuCheck(base, target, overview, placement, claimed);
  if (cpu) checks.push(cpu);
  return checks;
}
