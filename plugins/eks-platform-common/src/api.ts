/*
 * The REST contract of /api/eks-platform, shared by the backend (which serves it) and the frontend
 * client (which reads it). Views are built from the pure calculations in ./calculations from one
 * collected snapshot per cluster; every number carries where it came from and when.
 */
import type { ClusterSummary } from './types';
import type {
  AutoModeStatus,
  CapacitySummary,
  ClusterVersionStatus,
  ExhaustionForecast,
  InsightsSummary,
  IpAssignmentFailure,
  IpHeadroom,
  NodeGroupSkew,
  RollbackWindow,
  AddonCompatibility,
  SupportPhase,
  WorkloadSpotRisk,
} from './calculations';

/**
 * Which upstream API a piece of data (or a failure) came from.
 *
 * @public
 */
export type DataSource = 'kubernetes' | 'eks' | 'ec2';

/**
 * Why a collection failed, classified so the UI can say it in words.
 *
 * @public
 */
export type CollectionErrorKind =
  | 'timeout'
  | 'throttled'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'server-error'
  | 'bad-response'
  | 'unreachable'
  | 'configuration'
  | 'unknown';

/**
 * A failed collection of one cluster (or one part of it). Never contains credentials.
 *
 * @public
 */
export type CollectionError = {
  kind: CollectionErrorKind;
  source: DataSource;
  /** A message fit for the UI. */
  message: string;
  /** ISO date-time of the failure. */
  at: string;
  /** HTTP status, when there was one. */
  status?: number;
};

/**
 * How fresh a cluster's data is.
 *
 * - `collectedAt`: when the snapshot being served was collected (absent: never collected).
 * - `stale`: the snapshot is older than the staleness threshold, or the latest attempt failed.
 * - `lastError`: the latest failed attempt, if it is newer than the snapshot.
 * - `partial`: sources missing from the served snapshot (e.g. `['ec2']` when subnets could not be read).
 * - `sourceErrors`: why each source in `partial` failed, with its time.
 *
 * @public
 */
export type DataFreshness = {
  collectedAt?: string;
  stale: boolean;
  lastError?: CollectionError;
  partial: DataSource[];
  sourceErrors?: CollectionError[];
};

/**
 * One row of the fleet table: `GET /clusters` items.
 *
 * @public
 */
export type ClusterOverview = ClusterSummary &
  DataFreshness & {
    /** EKS Auto Mode runs the cluster's compute and CNI (`computeConfig`, else the node label). */
    autoMode?: AutoModeStatus;
    version?: {
      kubernetesVersion: string;
      phase: SupportPhase;
      /** Days left in the current support phase. */
      daysLeft?: number;
      /** ISO date of the next support deadline. */
      nextDeadline?: string;
      summary: string;
      /** Present while the control plane can be rolled back (see `ClusterDetail.version.rollback`). */
      rollbackOpen?: {
        targetVersion?: string;
        /** `YYYY-MM-DD` (UTC) the window ends. */
        untilDay: string;
        daysLeft: number;
      };
    };
    spot?: {
      /** Share of allocatable CPU on spot nodes (0..1). */
      spotCpuShare: number;
      spotNodes: number;
      nodes: number;
      requestedCpuMillis: number;
      allocatableCpuMillis: number;
      requestedMemoryBytes: number;
      allocatableMemoryBytes: number;
    };
    ip?: {
      /** The pod subnet with the fewest free addresses. */
      leastFreeSubnet?: {
        subnetId?: string;
        availabilityZone?: string;
        freeAddresses: number;
        usableAddresses: number;
      };
      /** How many more pods fit, limited by node slots and subnet addresses (summed over zones). */
      additionalPods: number;
      /**
       * `ipv6` for an IPv6 cluster: pod addresses cannot run out, so only node slots limit
       * `additionalPods`, and the least-free subnet holds the nodes' IPv4 addresses.
       */
      ipFamily?: 'ipv6';
      /**
       * The pod subnet with the fewest free aligned /28 blocks, for clusters whose pods take /28
       * prefixes (EKS Auto Mode, VPC CNI prefix delegation) when the subnets' ENIs were read.
       */
      fewestPrefixBlocks?: {
        subnetId?: string;
        availabilityZone?: string;
        freeBlocks: number;
        freeAddresses: number;
        /** True when some used addresses are on ENIs the collector cannot list: freeBlocks is at most this. */
        upperBound: boolean;
      };
      /** EKS Hybrid Nodes: how many, and the free addresses of the remote pod networks. */
      hybrid?: { nodes: number; freeRemotePodAddresses?: number };
      /** Days until the least-free subnet runs out, when the history allows a forecast. */
      daysToExhaustion?: number;
      forecastStatus: ExhaustionForecast['status'];
      podsFailingIpAssignment: number;
    };
  };

/**
 * `GET /clusters` response.
 *
 * @public
 */
export type ClusterOverviewResponse = {
  items: ClusterOverview[];
};

/**
 * The three views of one cluster in full: `GET /clusters/:name`.
 *
 * @public
 */
export type ClusterDetail = {
  overview: ClusterOverview;
  /**
   * Every namespace on the cluster when it was collected (`overview.collectedAt`), sorted; absent
   * when the collector may not list namespaces (see deploy/kubernetes) or before the first collection.
   */
  namespaces?: string[];
  spot?: {
    capacity: CapacitySummary;
    /** Per workload, worst first. */
    workloads: WorkloadSpotRisk[];
  };
  ip?: {
    headroom: IpHeadroom;
    failures: IpAssignmentFailure[];
    /** Forecast per subnet id. */
    forecasts: Record<string, ExhaustionForecast>;
    /**
     * aws-node settings in force (WARM_ENI_TARGET, prefix delegation, custom networking, ...); empty
     * when `cniManagedBy` says another party runs the CNI.
     */
    cni: Record<string, string | boolean | number>;
    /** `eks-auto-mode`: Auto Mode manages the CNI, there is no aws-node to read. */
    cniManagedBy?: 'eks-auto-mode';
  };
  version?: {
    status: ClusterVersionStatus;
    upgradePolicy?: 'STANDARD' | 'EXTENDED';
    skew: NodeGroupSkew[];
    insights: InsightsSummary;
    /** Installed add-ons and whether they have a version for the next Kubernetes version. */
    addons: AddonCompatibility[];
    /** Whether the last in-place upgrade can be rolled back now; absent when updates were not read. */
    rollback?: RollbackWindow;
  };
};

/**
 * One point of a cluster's history: `GET /clusters/:name/history?metric=...&from=...&to=...`.
 *
 * @public
 */
export type HistoryMetric =
  | 'spot-cpu-share'
  | 'requested-cpu'
  | 'allocatable-cpu'
  | 'free-ips'
  | 'additional-pods';

/**
 * A time series of one metric; for `free-ips`, one series per subnet (`series` key = subnet id).
 *
 * @public
 */
export type HistoryResponse = {
  cluster: string;
  metric: HistoryMetric;
  from: string;
  to: string;
  series: Array<{
    key: string;
    label: string;
    points: Array<{ at: string; value: number }>;
    /** For free-ips: the forecast from the same history. */
    forecast?: ExhaustionForecast;
  }>;
};

/**
 * A catalog entity's view: `GET /entity?entityRef=component:default/payments-api`. The entity is matched
 * to clusters by the `eks-platform.io/clusters` annotation, and to its pods by the Kubernetes plugin's
 * annotations (`backstage.io/kubernetes-id`, `backstage.io/kubernetes-label-selector`,
 * `backstage.io/kubernetes-namespace`).
 *
 * @public
 */
export type EntityClusterView = {
  cluster: ClusterOverview;
  /** Namespaces where the entity's pods run on this cluster. */
  namespaces: string[];
  /** The entity's workloads on this cluster with their spot share and risk. */
  workloads: WorkloadSpotRisk[];
  /** IP headroom of the zones where the entity's pods run. */
  zones: IpHeadroom['zones'];
  /** The subnets of those zones. */
  subnets: IpHeadroom['subnets'];
  /**
   * Node groups in those zones that carry trunk ENIs (security groups for pods), with their
   * branch ENIs; absent when none does.
   */
  branchEniNodeGroups?: IpHeadroom['nodeGroups'];
  /** The entity's pods failing IP assignment. */
  ipFailures: IpAssignmentFailure[];
  /** EKS Hybrid Nodes: the cluster's remote pod networks and their headroom. */
  remoteNetworks?: IpHeadroom['remoteNetworks'];
  version?: ClusterDetail['version'];
};

/**
 * `GET /entity` response.
 *
 * @public
 */
export type EntityViewResponse = {
  entityRef: string;
  /** Cluster names from the annotation that the registry does not know. */
  unknownClusters: string[];
  clusters: EntityClusterView[];
};

/**
 * `GET /clusters/:name/namespaces/:namespace`: whether the namespace exists on the cluster, asked of
 * the cluster at `checkedAt` (not read from a snapshot).
 *
 * @public
 */
export type NamespaceCheckResponse = {
  cluster: string;
  namespace: string;
  exists: boolean;
  checkedAt: string;
};

/**
 * `POST /clusters/:name/refresh` response (202).
 *
 * @public
 */
export type RefreshResponse = {
  cluster: string;
  /**
   * `scheduled`: a collection was triggered; `joined`: one was already running or
   * triggered, and this refresh is answered by it.
   */
  status: 'scheduled' | 'joined';
  /** The same, in words. */
  message?: string;
};
