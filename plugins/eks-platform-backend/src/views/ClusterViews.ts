import type { Entity } from '@backstage/catalog-model';
import {
  type ClusterDetail,
  type ClusterOverview,
  type ClusterSummary,
  type ClusterVersionStatus,
  EKS_FALLBACK_CALENDAR,
  FORECAST_WINDOW_DAYS,
  type EntityClusterView,
  type ExhaustionForecast,
  type HistoryMetric,
  type HistoryResponse,
  type KubeLabelSelector,
  type RemoteNetworks,
  type SubnetHeadroom,
  addonCompatibility,
  clusterAdditionalPods,
  forecastExhaustion,
  minorVersionOf,
  nodeGroupSkew,
  type RollbackWindow,
  rollbackWindow,
  selectorMatches,
  summariseInsights,
  versionStatus,
} from '@eks-platform/plugin-eks-platform-common';
import type { ClusterSnapshot } from '../store/types';
import type {
  StoredClusterState,
  StoredHistoryPoint,
} from '../store/SnapshotStore';
import { parseLabelSelector } from './parseLabelSelector';

const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';
const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** Options shared by the views. */
export type ViewOptions = {
  now: Date;
  /** A snapshot older than this is stale even without a failed attempt. */
  staleAfterMs: number;
};

/** The pod subnets (those zones draw from), fewest free first. */
function podSubnets(snapshot: ClusterSnapshot): SubnetHeadroom[] {
  const seen = new Map<string, SubnetHeadroom>();
  for (const zone of snapshot.ip.zones) {
    for (const subnet of zone.subnets) {
      seen.set(subnet.subnetId ?? subnet.cidrBlock ?? '', subnet);
    }
  }
  return [...seen.values()].sort((a, b) => a.freeAddresses - b.freeAddresses);
}

/**
 * Version views by snapshot, for one UTC day: version status depends on
 * `now` only through its UTC day, and the rest of the view only on the
 * snapshot and the status, so within a day the result is the same for every
 * request. Snapshots are read-only once stored, so identity is their version.
 */
const versionMemo = new WeakMap<
  ClusterSnapshot,
  {
    day: string;
    status?: ClusterVersionStatus;
    view?: ClusterDetail['version'];
    hasView: boolean;
  }
>();

function memoFor(snapshot: ClusterSnapshot, now: Date) {
  const day = now.toISOString().slice(0, 10);
  let memo = versionMemo.get(snapshot);
  if (!memo || memo.day !== day) {
    memo = {
      day,
      status: computeVersionStatus(snapshot, now),
      hasView: false,
    };
    versionMemo.set(snapshot, memo);
  }
  return memo;
}

/** Version status on `now` from the stored EKS facts (or the offline calendar). */
export function versionStatusOf(
  snapshot: ClusterSnapshot,
  now: Date,
): ClusterVersionStatus | undefined {
  return memoFor(snapshot, now).status;
}

function computeVersionStatus(
  snapshot: ClusterSnapshot,
  now: Date,
): ClusterVersionStatus | undefined {
  const version =
    snapshot.eks?.version ?? minorVersionOf(snapshot.kubernetes.serverVersion);
  if (!version) return undefined;
  const fromApi = (snapshot.eks?.clusterVersions.length ?? 0) > 0;
  return versionStatus({
    clusterVersion: version,
    versions: fromApi ? snapshot.eks!.clusterVersions : EKS_FALLBACK_CALENDAR,
    now,
    supportType: snapshot.eks?.upgradePolicy,
    source: fromApi ? 'api' : 'fallback-calendar',
  });
}

/**
 * The rollback window on `now` from the stored version changes; undefined for a snapshot stored
 * before updates were read. Not memoised by day: the window ends at an instant.
 */
export function rollbackOf(
  snapshot: ClusterSnapshot,
  now: Date,
): RollbackWindow | undefined {
  const eks = snapshot.eks;
  if (!eks?.updates) return undefined;
  return rollbackWindow({
    updates: eks.updates,
    now,
    clusterVersion: eks.version,
    incomplete: eks.updatesIncomplete,
  });
}

/** Points by series key, in their order. */
function groupByKey(
  points: StoredHistoryPoint[],
): Map<string, StoredHistoryPoint[]> {
  const byKey = new Map<string, StoredHistoryPoint[]>();
  for (const point of points) {
    const list = byKey.get(point.key);
    if (list) list.push(point);
    else byKey.set(point.key, [point]);
  }
  return byKey;
}

/** Free-address forecast per subnet from the stored history. */
export function forecastsOf(
  history: StoredHistoryPoint[],
  now: Date,
): Record<string, ExhaustionForecast> {
  const bySubnet = groupByKey(history);
  return Object.fromEntries(
    [...bySubnet.entries()].map(([key, points]) => [
      key,
      forecastExhaustion(
        points.map(p => ({ timestamp: p.at, freeAddresses: p.value })),
        { now, windowHours: FORECAST_WINDOW_DAYS * 24 },
      ),
    ]),
  );
}

/** One row of the fleet table. */
export function overviewOf(
  summary: ClusterSummary,
  state: StoredClusterState | undefined,
  forecasts: Record<string, ExhaustionForecast>,
  options: ViewOptions,
): ClusterOverview {
  const snapshot = state?.snapshot;
  const errorIsNewer =
    !!state?.lastError &&
    (!snapshot || state.lastError.at > snapshot.collectedAt);
  const old =
    !!snapshot &&
    options.now.getTime() - Date.parse(snapshot.collectedAt) >
      options.staleAfterMs;
  const overview: ClusterOverview = {
    ...summary,
    stale: errorIsNewer || old,
    partial: snapshot?.partial ?? [],
    ...(snapshot?.sourceErrors?.length && {
      sourceErrors: snapshot.sourceErrors,
    }),
    ...(snapshot && { collectedAt: snapshot.collectedAt }),
    ...(errorIsNewer && { lastError: state!.lastError }),
  };
  if (!snapshot) return overview;

  const status = versionStatusOf(snapshot, options.now);
  const rollback = rollbackOf(snapshot, options.now);
  if (status) {
    overview.version = {
      kubernetesVersion: status.version,
      phase: status.phase,
      ...(status.daysLeftInPhase !== undefined && {
        daysLeft: status.daysLeftInPhase,
      }),
      ...(status.nextDeadline && { nextDeadline: status.nextDeadline.date }),
      summary: status.summary,
      ...(rollback?.value && {
        rollbackOpen: {
          ...(rollback.targetVersion && {
            targetVersion: rollback.targetVersion,
          }),
          untilDay: rollback.untilDay!,
          daysLeft: rollback.daysLeft!,
        },
      }),
    };
  }

  if (snapshot.ip.autoMode) overview.autoMode = snapshot.ip.autoMode;
  const { capacity } = snapshot.kubernetes;
  overview.spot = {
    spotCpuShare: capacity.spotCpuShare,
    spotNodes: capacity.byCapacityType.find(g => g.key === 'spot')?.nodes ?? 0,
    nodes: capacity.total.nodes,
    requestedCpuMillis: capacity.total.requestedCpuMillis,
    allocatableCpuMillis: capacity.total.allocatableCpuMillis,
    requestedMemoryBytes: capacity.total.requestedMemoryBytes,
    allocatableMemoryBytes: capacity.total.allocatableMemoryBytes,
  };

  const least = snapshot.ec2 ? podSubnets(snapshot)[0] : undefined;
  const leastForecast = least?.subnetId ? forecasts[least.subnetId] : undefined;
  overview.ip = {
    ...(least && {
      leastFreeSubnet: {
        subnetId: least.subnetId,
        availabilityZone: least.availabilityZone,
        freeAddresses: least.freeAddresses,
        usableAddresses: least.usableAddresses,
      },
    }),
    additionalPods: clusterAdditionalPods(snapshot.ip.zones).value,
    ...(snapshot.ip.ipFamily === 'ipv6' && { ipFamily: 'ipv6' as const }),
    ...fewestPrefixBlocksOf(snapshot),
    ...hybridOverview(snapshot.ip.remoteNetworks),
    ...(leastForecast?.daysUntilExhaustion !== undefined && {
      daysToExhaustion: leastForecast.daysUntilExhaustion,
    }),
    forecastStatus: leastForecast?.status ?? 'not-enough-history',
    podsFailingIpAssignment: snapshot.kubernetes.ipFailures.length,
  };
  return overview;
}

/**
 * The pod subnet with the fewest free /28 blocks, for clusters whose pods take prefixes (Auto
 * Mode, prefix delegation) and whose subnets' ENIs were read.
 */
function fewestPrefixBlocksOf(
  snapshot: ClusterSnapshot,
): Pick<NonNullable<ClusterOverview['ip']>, 'fewestPrefixBlocks'> {
  const prefixes =
    !!snapshot.ip.autoMode?.enabled ||
    snapshot.kubernetes.awsNode.settings.prefixDelegation;
  if (!snapshot.ec2 || !prefixes || snapshot.ip.ipFamily === 'ipv6') return {};
  const fewest = podSubnets(snapshot)
    .filter(s => s.prefixBlocks)
    .sort((a, b) => a.prefixBlocks!.freeBlocks - b.prefixBlocks!.freeBlocks)[0];
  if (!fewest?.prefixBlocks) return {};
  return {
    fewestPrefixBlocks: {
      subnetId: fewest.subnetId,
      availabilityZone: fewest.availabilityZone,
      freeBlocks: fewest.prefixBlocks.freeBlocks,
      freeAddresses: fewest.freeAddresses,
      upperBound: fewest.prefixBlocks.unseenAddresses > 0,
    },
  };
}

/** The fleet row's hybrid-node figures: node count and the remote pod networks' free addresses. */
function hybridOverview(remote: RemoteNetworks | undefined) {
  if (!remote || remote.hybridNodes === 0) return {};
  const free = remote.podNetworks.reduce((s, n) => s + n.freeAddresses, 0);
  return {
    hybrid: {
      nodes: remote.hybridNodes,
      ...(remote.podNetworks.length > 0 && { freeRemotePodAddresses: free }),
    },
  };
}

/** The subnet whose forecast the overview shows. */
export function leastFreeSubnetId(
  state: StoredClusterState | undefined,
): string | undefined {
  return state?.snapshot?.ec2
    ? podSubnets(state.snapshot)[0]?.subnetId
    : undefined;
}

function versionViewOf(
  snapshot: ClusterSnapshot,
  now: Date,
): ClusterDetail['version'] {
  const memo = memoFor(snapshot, now);
  if (!memo.hasView) {
    memo.view = computeVersionView(snapshot, memo.status);
    memo.hasView = true;
  }
  const rollback = memo.view && rollbackOf(snapshot, now);
  return rollback ? { ...memo.view!, rollback } : memo.view;
}

function computeVersionView(
  snapshot: ClusterSnapshot,
  status: ClusterVersionStatus | undefined,
): ClusterDetail['version'] {
  if (!status) return undefined;
  const eks = snapshot.eks;
  return {
    status,
    ...(eks?.upgradePolicy && { upgradePolicy: eks.upgradePolicy }),
    skew: nodeGroupSkew(status.version, {
      nodegroups: eks?.nodegroups,
      nodes: snapshot.kubernetes.kubeletNodes,
    }),
    insights: summariseInsights(eks?.insights ?? []),
    addons: addonCompatibility(
      eks?.addons ?? [],
      eks?.addonVersions ?? [],
      status.nextVersion ?? status.version,
    ),
  };
}

/** The three views of one cluster. */
export function detailOf(
  overview: ClusterOverview,
  state: StoredClusterState | undefined,
  forecasts: Record<string, ExhaustionForecast>,
  now: Date,
): ClusterDetail {
  const snapshot = state?.snapshot;
  if (!snapshot) return { overview };
  const { settings, image } = snapshot.kubernetes.awsNode;
  return {
    overview,
    ...(snapshot.kubernetes.namespaces && {
      namespaces: snapshot.kubernetes.namespaces,
    }),
    spot: {
      capacity: snapshot.kubernetes.capacity,
      workloads: snapshot.kubernetes.workloads,
    },
    ip: {
      headroom: snapshot.ip,
      failures: snapshot.kubernetes.ipFailures,
      forecasts,
      // Auto Mode runs no aws-node: its defaults would be no setting of this cluster's.
      ...(snapshot.ip.autoMode?.enabled
        ? { cni: {}, cniManagedBy: 'eks-auto-mode' as const }
        : { cni: cniSettingsOf({ ...settings, ...(image && { image }) }) }),
    },
    version: versionViewOf(snapshot, now),
  };
}

/** The aws-node settings as served: the set ones only, as JSON would leave them. */
function cniSettingsOf(
  settings: Record<string, string | number | boolean | undefined>,
): Record<string, string | number | boolean> {
  const set: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (value !== undefined) set[key] = value;
  }
  return set;
}

const METRIC_LABELS: Record<HistoryMetric, string> = {
  'spot-cpu-share': 'Share of allocatable CPU on spot nodes',
  'requested-cpu': 'Requested CPU (millicores)',
  'allocatable-cpu': 'Allocatable CPU (millicores)',
  'free-ips': 'Free addresses',
  'additional-pods': 'Pods that still fit',
};

/** A metric's time series, one per key (per subnet for `free-ips`). */
export function historyOf(options: {
  cluster: string;
  metric: HistoryMetric;
  from: string;
  to: string;
  points: StoredHistoryPoint[];
  snapshot?: ClusterSnapshot;
  now: Date;
}): HistoryResponse {
  const byKey = groupByKey(options.points);
  const zoneOf = new Map(
    (options.snapshot?.ip.subnets ?? []).map(s => [
      s.subnetId,
      s.availabilityZone,
    ]),
  );
  return {
    cluster: options.cluster,
    metric: options.metric,
    from: options.from,
    to: options.to,
    series: [...byKey.entries()].map(([key, points]) => {
      const zone = zoneOf.get(key);
      return {
        key,
        label:
          options.metric === 'free-ips'
            ? `${METRIC_LABELS[options.metric]} in ${key}${
                zone ? ` (${zone})` : ''
              }`
            : METRIC_LABELS[options.metric],
        points: points.map(p => ({ at: p.at, value: p.value })),
        ...(options.metric === 'free-ips' && {
          forecast: forecastExhaustion(
            points.map(p => ({ timestamp: p.at, freeAddresses: p.value })),
            {
              now:
                options.to < options.now.toISOString()
                  ? options.to
                  : options.now,
            },
          ),
        }),
      };
    }),
  };
}

/** How an entity's pods are recognised, from the Kubernetes plugin's annotations. */
export type EntityPodMatcher = {
  selector?: KubeLabelSelector;
  namespace?: string;
};

/**
 * The entity's pod matcher: `backstage.io/kubernetes-label-selector` when set,
 * else the label `backstage.io/kubernetes-id=<id>`; optionally limited to
 * `backstage.io/kubernetes-namespace`. No annotation matches nothing.
 *
 * @throws Error when the label selector annotation cannot be parsed.
 */
export function entityPodMatcher(entity: Entity): EntityPodMatcher {
  const annotations = entity.metadata.annotations ?? {};
  const selectorText = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION];
  const id = annotations[KUBERNETES_ID_ANNOTATION];
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined;
  let selector: KubeLabelSelector | undefined;
  if (selectorText) {
    selector = parseLabelSelector(selectorText);
  } else if (id) {
    selector = { matchLabels: { [KUBERNETES_ID_LABEL]: id } };
  }
  return { selector, ...(namespace && { namespace }) };
}

/** The entity's part of one cluster. */
export function entityClusterViewOf(
  overview: ClusterOverview,
  detail: ClusterDetail,
  state: StoredClusterState | undefined,
  matcher: EntityPodMatcher,
): EntityClusterView {
  const snapshot = state?.snapshot;
  const view: EntityClusterView = {
    cluster: overview,
    namespaces: [],
    workloads: [],
    zones: [],
    subnets: [],
    ipFailures: [],
    ...(detail.version && { version: detail.version }),
  };
  if (!snapshot || !matcher.selector) return view;
  const matches = (namespace: string, labels: Record<string, string>) =>
    (!matcher.namespace || matcher.namespace === namespace) &&
    selectorMatches(matcher.selector, labels);

  const matchedKeys = new Set<string>();
  const namespaces = new Set<string>();
  for (const [key, labels] of Object.entries(
    snapshot.kubernetes.workloadLabels,
  )) {
    const namespace = key.split('/')[0];
    if (matches(namespace, labels)) {
      matchedKeys.add(key);
      namespaces.add(namespace);
    }
  }
  view.namespaces = [...namespaces].sort();
  view.workloads = snapshot.kubernetes.workloads.filter(w =>
    matchedKeys.has(
      `${w.workload.namespace}/${w.workload.kind}/${w.workload.name}`,
    ),
  );
  view.ipFailures = snapshot.kubernetes.ipFailures.filter(f =>
    matches(
      f.namespace,
      snapshot.kubernetes.ipFailureLabels[`${f.namespace}/${f.podName}`] ?? {},
    ),
  );
  const nodeZone = new Map(
    snapshot.kubernetes.capacity.nodes.map(n => [n.nodeName, n.zone]),
  );
  const zoneNames = new Set<string>();
  for (const w of view.workloads) w.zones.forEach(z => zoneNames.add(z));
  for (const f of view.ipFailures) {
    const zone = f.nodeName ? nodeZone.get(f.nodeName) : undefined;
    if (zone) zoneNames.add(zone);
  }
  view.zones = snapshot.ip.zones.filter(z => zoneNames.has(z.zone));
  const subnetIds = new Set<string>();
  view.subnets = view.zones
    .flatMap(z => z.subnets)
    .filter(s => {
      const key = s.subnetId ?? s.cidrBlock ?? '';
      if (subnetIds.has(key)) return false;
      subnetIds.add(key);
      return true;
    });
  const branchGroups = snapshot.ip.nodeGroups.filter(
    g => g.branchEnis && g.zones.some(z => zoneNames.has(z)),
  );
  if (branchGroups.length > 0) view.branchEniNodeGroups = branchGroups;
  if (snapshot.ip.remoteNetworks) {
    view.remoteNetworks = snapshot.ip.remoteNetworks;
  }
  return view;
}
