/*
 * Input shapes for the calculations, written structurally so that the JSON the AWS
 * APIs and the Kubernetes API return can be passed as is (every field optional, as
 * in the AWS SDK). Only the fields the calculations read are listed.
 */

/**
 * One network card of an EC2 instance type
 * (`DescribeInstanceTypes` → `InstanceTypes[].NetworkInfo.NetworkCards[]`).
 *
 * @public
 */
export type Ec2NetworkCardInfo = {
  NetworkCardIndex?: number;
  MaximumNetworkInterfaces?: number;
};

/**
 * The part of an EC2 `InstanceTypeInfo` (`DescribeInstanceTypes`) the max-pods
 * calculation reads. Field names and casing are EC2's.
 *
 * @public
 */
export type Ec2InstanceTypeInfo = {
  /** e.g. `m5.large`. */
  InstanceType?: string;
  /** `nitro` or `xen`; absent on bare-metal types. */
  Hypervisor?: string;
  /** True for `*.metal` types. */
  BareMetal?: boolean;
  VCpuInfo?: { DefaultVCpus?: number };
  NetworkInfo?: {
    /** The instance total over all network cards. */
    MaximumNetworkInterfaces?: number;
    Ipv4AddressesPerInterface?: number;
    MaximumNetworkCards?: number;
    DefaultNetworkCardIndex?: number;
    NetworkCards?: Ec2NetworkCardInfo[];
  };
};

/**
 * An EC2 subnet as returned by `DescribeSubnets` (`Subnets[]`).
 *
 * @public
 */
export type Ec2Subnet = {
  SubnetId?: string;
  VpcId?: string;
  /** IPv4 CIDR, e.g. `10.0.32.0/19`. Absent on IPv6-only subnets. */
  CidrBlock?: string;
  AvailabilityZone?: string;
  AvailabilityZoneId?: string;
  /** Free IPv4 addresses as EC2 counts them (the 5 reserved ones excluded). */
  AvailableIpAddressCount?: number;
  Tags?: Array<{ Key?: string; Value?: string }>;
};

/**
 * A Kubernetes quantity as it appears in JSON: a string such as `100m`, `512Mi`,
 * `1.5`, `2e3`, or (rarely) a bare number.
 *
 * @public
 */
export type KubeQuantity = string | number;

/**
 * A Kubernetes owner reference (`metadata.ownerReferences[]`).
 *
 * @public
 */
export type KubeOwnerReference = {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
};

/**
 * Kubernetes object metadata, the fields the calculations read.
 *
 * @public
 */
export type KubeObjectMeta = {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: KubeOwnerReference[];
  creationTimestamp?: string;
};

/**
 * A node taint (`spec.taints[]`).
 *
 * @public
 */
export type KubeTaint = {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
};

/**
 * A Kubernetes Node (`v1`), the fields the calculations read.
 *
 * @public
 */
export type KubeNode = {
  metadata: KubeObjectMeta;
  spec?: {
    providerID?: string;
    /** The node's pod address block(s), when Kubernetes or the CNI sets them. */
    podCIDR?: string;
    podCIDRs?: string[];
    unschedulable?: boolean;
    taints?: KubeTaint[];
  };
  status?: {
    capacity?: Record<string, KubeQuantity>;
    allocatable?: Record<string, KubeQuantity>;
    conditions?: Array<{ type: string; status: string; reason?: string }>;
    nodeInfo?: { kubeletVersion?: string };
  };
};

/**
 * Container resource requirements (`resources`).
 *
 * @public
 */
export type KubeResourceRequirements = {
  requests?: Record<string, KubeQuantity>;
  limits?: Record<string, KubeQuantity>;
};

/**
 * A container or init container of a pod spec.
 *
 * @public
 */
export type KubeContainer = {
  name: string;
  image?: string;
  resources?: KubeResourceRequirements;
  /** `Always` on an init container makes it a sidecar (Kubernetes 1.28+). */
  restartPolicy?: string;
  env?: Array<{ name: string; value?: string }>;
};

/**
 * A pod condition (`status.conditions[]`).
 *
 * @public
 */
export type KubePodCondition = {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
};

/**
 * A Kubernetes Pod (`v1`), the fields the calculations read.
 *
 * @public
 */
export type KubePod = {
  metadata: KubeObjectMeta;
  spec?: {
    nodeName?: string;
    hostNetwork?: boolean;
    containers?: KubeContainer[];
    initContainers?: KubeContainer[];
    /** RuntimeClass overhead, added to the pod's requests. */
    overhead?: Record<string, KubeQuantity>;
    /** Pod-level resources (Kubernetes 1.32+, feature `PodLevelResources`). */
    resources?: KubeResourceRequirements;
  };
  status?: {
    /** `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`. */
    phase?: string;
    podIP?: string;
    podIPs?: Array<{ ip?: string }>;
    conditions?: KubePodCondition[];
    containerStatuses?: KubeContainerStatus[];
    initContainerStatuses?: KubeContainerStatus[];
  };
};

/**
 * A container's status; the resources are set by kubelets with in-place pod resize
 * (`InPlacePodVerticalScaling`, beta from Kubernetes 1.33).
 *
 * @public
 */
export type KubeContainerStatus = {
  name: string;
  ready?: boolean;
  state?: { waiting?: { reason?: string; message?: string } };
  /** What the kubelet admitted the container with. */
  allocatedResources?: Record<string, KubeQuantity>;
  /** What the container runs with now. */
  resources?: KubeResourceRequirements;
};

/**
 * A Kubernetes Event (`v1` core or `events.k8s.io/v1` read through the core API).
 *
 * @public
 */
export type KubeEvent = {
  metadata?: KubeObjectMeta;
  involvedObject?: {
    kind?: string;
    name?: string;
    namespace?: string;
    uid?: string;
  };
  /** `Normal` or `Warning`. */
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
};

/**
 * A label selector requirement (`matchExpressions[]`).
 *
 * @public
 */
export type KubeLabelSelectorRequirement = {
  key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  operator: string;
  values?: string[];
};

/**
 * A Kubernetes label selector.
 *
 * @public
 */
export type KubeLabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: KubeLabelSelectorRequirement[];
};

/**
 * A PodDisruptionBudget (`policy/v1`), the fields the calculations read.
 *
 * @public
 */
export type KubePodDisruptionBudget = {
  metadata: KubeObjectMeta;
  spec?: {
    selector?: KubeLabelSelector;
    minAvailable?: number | string;
    maxUnavailable?: number | string;
  };
  status?: { disruptionsAllowed?: number; currentHealthy?: number };
};

/**
 * An `ENIConfig` (`crd.k8s.amazonaws.com/v1alpha1`) used by VPC CNI custom networking.
 *
 * @public
 */
export type EniConfig = {
  metadata: KubeObjectMeta;
  spec?: { subnet?: string; securityGroups?: string[] };
};

/**
 * One entry of EKS `DescribeClusterVersions` (`clusterVersions[]`). Dates may be
 * ISO strings, epoch seconds (the REST wire format) or `Date` objects (the AWS SDK).
 *
 * @public
 */
export type EksClusterVersionInfo = {
  clusterVersion?: string;
  clusterType?: string;
  defaultPlatformVersion?: string;
  defaultVersion?: boolean;
  releaseDate?: string | number | Date;
  endOfStandardSupportDate?: string | number | Date;
  endOfExtendedSupportDate?: string | number | Date;
  /** `STANDARD_SUPPORT`, `EXTENDED_SUPPORT` or `UNSUPPORTED`. */
  versionStatus?: string;
  /** Deprecated alias of `versionStatus` that the API still returns. */
  status?: string;
  kubernetesPatchVersion?: string;
};

/**
 * An EKS upgrade insight summary (`ListInsights` → `insights[]`).
 *
 * @public
 */
export type EksInsightSummary = {
  id?: string;
  name?: string;
  /**
   * `UPGRADE_READINESS`, `MISCONFIGURATION`, `ROLLBACK_READINESS`, or a category EKS adds
   * later: kept as EKS sent it, never narrowed to the ones known today.
   */
  category?: string;
  kubernetesVersion?: string;
  lastRefreshTime?: string | number | Date;
  lastTransitionTime?: string | number | Date;
  description?: string;
  insightStatus?: {
    /** `PASSING`, `WARNING`, `ERROR` or `UNKNOWN`. */
    status?: string;
    reason?: string;
  };
};

/**
 * An EKS cluster update (`DescribeUpdate` → `update`), reduced to what the rollback window
 * reads. `type` and `status` stay open strings (`VersionUpdate`, `VersionRollback`, ...;
 * `InProgress`, `Failed`, `Cancelled`, `Successful`).
 *
 * @public
 */
export type EksUpdateInfo = {
  id?: string;
  type?: string;
  status?: string;
  /** When the update was requested (EKS reports no completion time). */
  createdAt?: string | number | Date;
  /** `Version` (the target Kubernetes version), `PlatformVersion`, ... */
  params?: Array<{ type?: string; value?: string }>;
  errors?: Array<{ errorCode?: string; errorMessage?: string }>;
};

/**
 * One add-on as returned by EKS `DescribeAddonVersions` (`addons[]`).
 *
 * @public
 */
export type EksAddonInfo = {
  addonName?: string;
  type?: string;
  addonVersions?: Array<{
    addonVersion?: string;
    architecture?: string[];
    compatibilities?: Array<{
      clusterVersion?: string;
      platformVersions?: string[];
      defaultVersion?: boolean;
    }>;
  }>;
};

/**
 * An add-on installed on a cluster (`DescribeAddon` → `addon`).
 *
 * @public
 */
export type EksInstalledAddon = {
  addonName?: string;
  addonVersion?: string;
  status?: string;
};

/**
 * An EKS managed node group (`DescribeNodegroup` → `nodegroup`), the fields read.
 *
 * @public
 */
export type EksNodegroupInfo = {
  nodegroupName?: string;
  /** Kubernetes minor version of the group's kubelet, e.g. `1.31`. */
  version?: string;
  releaseVersion?: string;
  amiType?: string;
  /** `ON_DEMAND`, `SPOT` or `CAPACITY_BLOCK`. */
  capacityType?: string;
  status?: string;
};

/**
 * An ENI as returned by EC2 `DescribeNetworkInterfaces` (`NetworkInterfaces[]`): the addresses
 * and `/28` prefixes it holds in its subnet.
 *
 * @public
 */
export type Ec2NetworkInterface = {
  NetworkInterfaceId?: string;
  SubnetId?: string;
  /** e.g. `interface`, `branch`, `trunk`, `lambda`, `network_load_balancer`. */
  InterfaceType?: string;
  PrivateIpAddress?: string;
  PrivateIpAddresses?: Array<{ PrivateIpAddress?: string; Primary?: boolean }>;
  /** Delegated prefixes, e.g. `10.0.1.32/28`. */
  Ipv4Prefixes?: Array<{ Ipv4Prefix?: string }>;
  Attachment?: { InstanceId?: string };
};

/**
 * A subnet CIDR reservation (`GetSubnetCidrReservations` →
 * `SubnetIpv4CidrReservations[]`): EC2 assigns no address in it unless asked to (`explicit`),
 * and only prefixes inside it (`prefix`).
 *
 * @public
 */
export type Ec2SubnetCidrReservation = {
  SubnetId?: string;
  Cidr?: string;
  /** `prefix` or `explicit`. */
  ReservationType?: string;
};

/**
 * `DescribeCluster` `cluster.remoteNetworkConfig` (EKS Hybrid Nodes): the on-premises
 * networks that can hold hybrid nodes and the pods on them.
 *
 * @public
 */
export type EksRemoteNetworkConfig = {
  remoteNodeNetworks?: Array<{ cidrs?: string[] }>;
  remotePodNetworks?: Array<{ cidrs?: string[] }>;
};
