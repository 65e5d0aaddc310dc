import type {
  AwsNodeSettings,
  CapacitySummary,
  CollectionError,
  DataSource,
  Ec2Subnet,
  EksAddonInfo,
  EksClusterVersionInfo,
  EksComputeConfig,
  EksInsightSummary,
  EksInstalledAddon,
  EksNodegroupInfo,
  EksUpdateInfo,
  EksRemoteNetworkConfig,
  EniConfig,
  IpAssignmentFailure,
  IpHeadroom,
  KubeNode,
  WorkloadSpotRisk,
} from '@eks-platform/plugin-eks-platform-common';

/**
 * What one collection of a cluster stored: the computed capacity, IP and
 * spot-risk figures (their inputs are pods, which are not kept), and the raw
 * EKS facts whose meaning depends on the day they are read (support phases),
 * which the views compute when serving. JSON-serialisable; never holds
 * credentials, tokens, URLs or CA data.
 */
export type ClusterSnapshot = {
  /** Snapshot format version. */
  format: 1;
  cluster: string;
  collectedAt: string;
  /** Sources that failed: their parts are missing. */
  partial: DataSource[];
  sourceErrors: CollectionError[];
  kubernetes: {
    /** `/version` gitVersion, e.g. `v1.33.3-eks-...`. */
    serverVersion?: string;
    nodes: number;
    podsListed: number;
    podPages: number;
    /** Times the pod list restarted after 410 Gone. */
    podListRestarts: number;
    capacity: CapacitySummary;
    /** Spot risk per workload, worst first. */
    workloads: WorkloadSpotRisk[];
    /** One pod's labels per workload key `<namespace>/<Kind>/<name>`. */
    workloadLabels: Record<string, Record<string, string>>;
    ipFailures: IpAssignmentFailure[];
    /** Labels of the pods failing IP assignment, by `<namespace>/<pod>`. */
    ipFailureLabels: Record<string, Record<string, string>>;
    awsNode: { settings: AwsNodeSettings; image?: string; found: boolean };
    eniConfigs: EniConfig[];
    /** Nodes reduced to name, node-group labels and kubelet version, for skew checks. */
    kubeletNodes: KubeNode[];
    /**
     * Every namespace's name, sorted (for the scaffolder's "namespace does not exist yet"
     * check); absent when listing namespaces was forbidden, and in snapshots stored before it was collected.
     */
    namespaces?: string[];
  };
  ip: IpHeadroom;
  eks?: {
    clusterName: string;
    version?: string;
    platformVersion?: string;
    status?: string;
    upgradePolicy?: 'STANDARD' | 'EXTENDED';
    /** `kubernetesNetworkConfig.ipFamily`; absent in snapshots stored before it was read. */
    ipFamily?: 'ipv4' | 'ipv6';
    /** `computeConfig` (EKS Auto Mode); absent when EKS did not return it. */
    computeConfig?: EksComputeConfig;
    /** `remoteNetworkConfig` (EKS Hybrid Nodes): the remote node and pod networks' CIDRs. */
    remoteNetworkConfig?: EksRemoteNetworkConfig;
    subnetIds: string[];
    /** `resourcesVpcConfig.vpcId`; absent in snapshots stored before it was read. */
    vpcId?: string;
    clusterVersions: EksClusterVersionInfo[];
    insights: EksInsightSummary[];
    nodegroups: EksNodegroupInfo[];
    addons: EksInstalledAddon[];
    addonVersions: EksAddonInfo[];
    /**
     * The last version changes (VersionUpdate / VersionRollback, DescribeUpdate), newest first,
     * for the rollback window; absent in snapshots stored before updates were read.
     */
    updates?: EksUpdateInfo[];
    /** More updates were listed than one collection describes: a newer change may be missing. */
    updatesIncomplete?: boolean;
  };
  ec2?: {
    subnets: Ec2Subnet[];
    instanceTypes: string[];
    /**
     * ENIs listed in the subnets (`DescribeNetworkInterfaces`); only their count is kept, their
     * free /28 blocks are in `ip.subnets[].prefixBlocks`. Absent when they were not read.
     */
    networkInterfaces?: number;
  };
};

/** One point of a cluster's history, written with its snapshot. */
export type HistoryPoint = {
  metric: string;
  key: string;
  value: number;
};

/** A successful collection. */
export type CollectionResult = {
  snapshot: ClusterSnapshot;
  history: HistoryPoint[];
};
