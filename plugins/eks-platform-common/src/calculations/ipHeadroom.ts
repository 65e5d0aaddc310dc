import {
  AutoModeNodeAddresses,
  AutoModeStatus,
  autoModeNodeAddresses,
} from './autoModeIp';
import {
  AwsNodeSettings,
  WarmPoolFootprint,
  warmPoolFootprint,
} from './awsNodeSettings';
import {
  CapacityType,
  CapacityTypeRule,
  DEFAULT_CAPACITY_TYPE_RULES,
  capacityTypeOf,
  instanceTypeOf,
  nodeGroupOf,
  zoneOf,
} from './capacityType';
import { parseIpv4Cidr } from './ipv4Cidr';
import { maxPodsFor } from './maxPods';
import {
  LOW_PREFIX_BLOCKS,
  PrefixBlocks,
  prefixBlocksOf,
} from './prefixBlocks';
import type { RemoteNetworks } from './remotePodNetworks';
import { isPodActive } from './podRequests';
import { tryParseQuantity } from './quantities';
import {
  BranchEniUsage,
  enisForPodAddresses,
  nodeBranchEnis,
} from './securityGroupsForPods';
import {
  PodSubnetRole,
  PodSubnetSelection,
  holdsPodAddresses,
  podSubnetRole,
  podSubnetRoleNotes,
} from './subnetDiscovery';
import type {
  Ec2InstanceTypeInfo,
  Ec2NetworkInterface,
  Ec2Subnet,
  Ec2SubnetCidrReservation,
  EniConfig,
  KubeNode,
  KubePod,
} from './types';

/** Addresses AWS reserves in every subnet: the first four and the last. */
const AWS_RESERVED_ADDRESSES_PER_SUBNET = 5;

/**
 * Address headroom of one subnet.
 *
 * @public
 */
export type SubnetHeadroom = {
  subnetId?: string;
  availabilityZone?: string;
  cidrBlock?: string;
  /** 2^(32 - prefix length). */
  totalAddresses: number;
  /** totalAddresses - 5 (AWS reserves the first four and the last). */
  usableAddresses: number;
  /** `AvailableIpAddressCount`. */
  freeAddresses: number;
  /** usableAddresses - freeAddresses. */
  usedAddresses: number;
  /** usedAddresses / usableAddresses (0..1). */
  utilisation: number;
  /** Free aligned /28 blocks, when the subnet's ENIs were read (`DescribeNetworkInterfaces`). */
  prefixBlocks?: PrefixBlocks;
  /** What the subnet is to the cluster's pods, when the cluster's subnets are known. */
  podSubnetRole?: PodSubnetRole;
};

/**
 * Address headroom of a subnet from `DescribeSubnets`: usable = 2^(32-mask) - 5,
 * free = `AvailableIpAddressCount`, used = usable - free. Undefined for a subnet
 * without an IPv4 CIDR (IPv6-only).
 *
 * Note: with prefix delegation free addresses may still fail to form a free /28
 * (`InsufficientCidrBlocks`); EC2 does not report contiguity, {@link prefixBlocksOf}
 * counts the free blocks from the subnet's ENIs.
 *
 * Sources: Amazon VPC user guide "Subnet CIDR blocks" (5 reserved addresses);
 * EC2 API `DescribeSubnets` (`AvailableIpAddressCount`, `CidrBlock`).
 *
 * @public
 */
export function subnetHeadroom(subnet: Ec2Subnet): SubnetHeadroom | undefined {
  const cidr = parseIpv4Cidr(subnet.CidrBlock);
  if (!cidr) {
    return undefined;
  }
  const total = cidr.size;
  const usable = Math.max(0, total - AWS_RESERVED_ADDRESSES_PER_SUBNET);
  const free = Math.min(
    usable,
    Math.max(0, subnet.AvailableIpAddressCount ?? 0),
  );
  const used = usable - free;
  return {
    subnetId: subnet.SubnetId,
    availabilityZone: subnet.AvailabilityZone,
    cidrBlock: subnet.CidrBlock,
    totalAddresses: total,
    usableAddresses: usable,
    freeAddresses: free,
    usedAddresses: used,
    utilisation: usable > 0 ? used / usable : 0,
  };
}

/**
 * Pod and address usage of one node.
 *
 * @public
 */
export type NodeIpUsage = {
  nodeName: string;
  zone?: string;
  nodeGroup: string;
  capacityType: CapacityType;
  instanceType?: string;
  fargate: boolean;
  /**
   * `eks.amazonaws.com/compute-type` when it says the node is not a VPC CNI EC2 node:
   * `fargate`, `hybrid` (on premises, pods on the remote pod networks) or `auto` (EKS Auto
   * Mode, which assigns pod addresses itself and runs no aws-node).
   */
  computeType?: 'fargate' | 'hybrid' | 'auto';
  /**
   * True in an IPv6 cluster: the node's pods get IPv6 addresses from its /80 prefix and take
   * no IPv4 address of the subnets (the node itself still does).
   */
  ipv6Pods?: boolean;
  /** Kubelet max pods: `status.allocatable.pods`, else computed from the instance type. */
  maxPods?: number;
  /** Non-terminated pods on the node. */
  pods: number;
  /** Of those, pods with a VPC address (not hostNetwork). */
  podsWithVpcAddress: number;
  hostNetworkPods: number;
  /** maxPods - pods, not below 0. */
  freePodSlots?: number;
  /** Pod addresses the ENIs can hold (without the 2 host-network slots). */
  podAddressCapacity?: number;
  /** The warm-pool model for the current pods, when the instance type is known. */
  footprint?: WarmPoolFootprint;
  /** Subnet addresses the node would take more to fill its free pod slots. */
  addressesToFill?: number;
  /** The ENIConfig chosen for the node (custom networking). */
  eniConfigName?: string;
  /** Subnet its pods draw from when known (ENIConfig). */
  podSubnetId?: string;
  /** EKS Auto Mode nodes: the /28 prefixes their pods hold at least, and how new pods get addresses. */
  autoModeAddresses?: AutoModeNodeAddresses;
  /** Security groups for pods: the trunk and branch ENIs. */
  branchEnis?: BranchEniUsage;
};

/**
 * Input of {@link nodeIpUsage} and {@link ipHeadroom}.
 *
 * @public
 */
export type IpHeadroomContext = {
  settings: AwsNodeSettings;
  /**
   * The cluster's IP family (`DescribeCluster` `kubernetesNetworkConfig.ipFamily`); default
   * `ipv4`. In an `ipv6` cluster pods get IPv6 addresses, which cannot run out.
   */
  ipFamily?: 'ipv4' | 'ipv6';
  /** EC2 facts per instance type name. */
  instanceTypes?: Record<string, Ec2InstanceTypeInfo>;
  eniConfigs?: EniConfig[];
  capacityTypeRules?: CapacityTypeRule[];
  /** The subnets' ENIs (`DescribeNetworkInterfaces`), for the free /28 blocks; absent: not read. */
  networkInterfaces?: Ec2NetworkInterface[];
  /** The subnets' CIDR reservations (`GetSubnetCidrReservations`), when they could be read. */
  cidrReservations?: Ec2SubnetCidrReservation[];
  /** EKS Auto Mode, when the cluster runs it (see `autoModeOf`). */
  autoMode?: AutoModeStatus;
  /**
   * The cluster's subnets, VPC and name with the discovery setting: then only subnets that
   * hold pod addresses ({@link podSubnetRole}) count. Without it every given subnet does.
   */
  subnetSelection?: PodSubnetSelection;
};

const NON_CNI_COMPUTE_TYPES = ['fargate', 'hybrid', 'auto'] as const;

function computeTypeOf(node: KubeNode): NodeIpUsage['computeType'] {
  const label = node.metadata.labels?.['eks.amazonaws.com/compute-type'];
  return NON_CNI_COMPUTE_TYPES.find(t => t === label);
}

function eniConfigNameOf(
  node: KubeNode,
  settings: AwsNodeSettings,
): string | undefined {
  return (
    node.metadata.annotations?.[settings.eniConfigAnnotationDef] ??
    node.metadata.labels?.[settings.eniConfigLabelDef]
  );
}

/**
 * One node's pods against its max pods and ENI capacity, and its warm-pool address
 * footprint. hostNetwork pods use the node's address, not a VPC pod address.
 * With custom networking the node's ENIConfig is found from the annotation
 * `ENI_CONFIG_ANNOTATION_DEF`, else the label `ENI_CONFIG_LABEL_DEF` (default
 * `k8s.amazonaws.com/eniConfig` for both; often set to the zone label).
 *
 * Sources: domain notes "Pod IP exhaustion"; aws/amazon-vpc-cni-k8s README
 * (`ENI_CONFIG_LABEL_DEF`, annotations take precedence).
 *
 * @public
 */
export function nodeIpUsage(
  node: KubeNode,
  podsOnNode: KubePod[],
  context: IpHeadroomContext,
): NodeIpUsage {
  const { settings } = context;
  const active = podsOnNode.filter(isPodActive);
  const hostNetworkPods = active.filter(p => p.spec?.hostNetwork).length;
  const podsWithVpcAddress = active.length - hostNetworkPods;
  const typeName = instanceTypeOf(node);
  const typeInfo = typeName ? context.instanceTypes?.[typeName] : undefined;
  const computeType = computeTypeOf(node);
  const fargate = computeType === 'fargate';
  const branchEnis =
    computeType === undefined
      ? nodeBranchEnis(node, active, settings)
      : undefined;
  const trunk = branchEnis?.trunkAttached === true;

  // The VPC CNI's max-pods and warm-pool rules apply to EC2 nodes running aws-node only.
  let computed: ReturnType<typeof maxPodsFor> | undefined;
  if (typeInfo && computeType === undefined) {
    try {
      computed = maxPodsFor(typeInfo, {
        prefixDelegation: settings.prefixDelegation,
        customNetworking: settings.customNetworking,
        maxEnis: settings.maxEni,
        trunkEni: trunk,
        // EKS managed node groups set max pods with AWS's calculator, whose 110/250 vCPU
        // ceiling applies in secondary-IP mode too; self-managed nodes follow eni-max-pods.txt.
        capSecondaryIp: nodeGroupOf(node).kind === 'managed-node-group',
      });
    } catch {
      computed = undefined;
    }
  }
  const allocatablePods = tryParseQuantity(node.status?.allocatable?.pods);
  const maxPods =
    allocatablePods !== undefined
      ? Math.floor(allocatablePods)
      : computed?.maxPods;
  const freePodSlots =
    maxPods !== undefined ? Math.max(0, maxPods - active.length) : undefined;

  const ipv6Pods = context.ipFamily === 'ipv6';
  let footprint: WarmPoolFootprint | undefined;
  let addressesToFill: number | undefined;
  if (computed && !ipv6Pods) {
    // Pods on branch ENIs take no address of the warm pool, whose ENIs exclude the trunk.
    const warmPoolPods = Math.max(
      0,
      podsWithVpcAddress - (branchEnis?.used ?? 0),
    );
    const input = {
      maxEnis: enisForPodAddresses(computed.defaultCardEnis, trunk),
      ipv4AddressesPerEni: computed.ipv4AddressesPerEni,
      // ipamd falls back to secondary IPs where prefixes are impossible (isConfigValid).
      settings: {
        ...settings,
        prefixDelegation: computed.rule === 'prefix-delegation',
      },
      maxPods,
    };
    footprint = warmPoolFootprint({
      ...input,
      podsWithVpcAddress: warmPoolPods,
    });
    const fillable = Math.min(
      freePodSlots ?? 0,
      Math.max(0, computed.podIpCapacity - warmPoolPods),
    );
    const full = warmPoolFootprint({
      ...input,
      podsWithVpcAddress: warmPoolPods + fillable,
    });
    addressesToFill = Math.max(
      0,
      full.podSubnetAddresses - footprint.podSubnetAddresses,
    );
  }

  const eniConfigName = settings.customNetworking
    ? eniConfigNameOf(node, settings)
    : undefined;
  const eniConfig = eniConfigName
    ? context.eniConfigs?.find(c => c.metadata.name === eniConfigName)
    : undefined;

  return {
    nodeName: node.metadata.name ?? '',
    zone: zoneOf(node),
    nodeGroup: nodeGroupOf(node).name,
    capacityType: capacityTypeOf(
      node,
      context.capacityTypeRules ?? DEFAULT_CAPACITY_TYPE_RULES,
    ).capacityType,
    instanceType: typeName,
    fargate,
    ...(computeType && { computeType }),
    ...(ipv6Pods && { ipv6Pods }),
    maxPods,
    pods: active.length,
    podsWithVpcAddress,
    hostNetworkPods,
    freePodSlots,
    podAddressCapacity: computed?.podIpCapacity,
    footprint,
    addressesToFill,
    eniConfigName,
    podSubnetId: eniConfig?.spec?.subnet,
    ...(branchEnis && { branchEnis }),
  };
}

function branchEniNotes(nodes: NodeIpUsage[]): string[] {
  const trunks = nodes.filter(n => n.branchEnis?.trunkAttached);
  if (trunks.length === 0) return [];
  const used = trunks.reduce((s, n) => s + (n.branchEnis?.used ?? 0), 0);
  return [
    `security groups for pods: ${trunks.length} node(s) have a trunk ENI, which takes one of their ENIs and no pod addresses, so pod address capacity is (ENIs - 1) x (IPv4 per ENI - 1); ${used} pod(s) use branch ENIs (vpc.amazonaws.com/pod-eni), one subnet address each outside the warm pools; the kubelet's max pods is not lowered for the trunk`,
  ];
}

const IPV6_NOTE =
  "IPv6 cluster: pods get IPv6 addresses from each node's /80 prefix, which cannot run out, so only free node pod slots limit the pods that fit; the subnets' IPv4 addresses are the nodes' own";

function computeTypeNotes(usage: NodeIpUsage[]): string[] {
  const count = (type: NodeIpUsage['computeType']) =>
    usage.filter(n => n.computeType === type).length;
  const notes: string[] = [];
  if (count('fargate') > 0) {
    notes.push(
      `${count(
        'fargate',
      )} Fargate node(s) left out: each Fargate pod has its own ENI`,
    );
  }
  if (count('hybrid') > 0) {
    notes.push(
      `${count(
        'hybrid',
      )} hybrid node(s) left out: their pods take addresses from the remote pod networks (RemoteNetworkConfig), headroom shown under the remote pod networks`,
    );
  }
  if (count('auto') > 0) {
    notes.push(
      `${count(
        'auto',
      )} EKS Auto Mode node(s): Auto Mode manages the CNI (no aws-node); their pods hold /28 prefixes (at least ceil(pods / 16) each; the warm pool's size is not published) and take single addresses when no /28 is free; max pods is what Auto Mode sets (status.allocatable.pods)`,
    );
  }
  return notes;
}

/**
 * "How many more pods fit" in a zone or node group, limited by both the nodes' free
 * pod slots and the addresses left (warm addresses the nodes already hold plus the
 * free addresses of the pod subnets).
 *
 * @public
 */
export type PodFit = {
  nodes: number;
  podsWithVpcAddress: number;
  freePodSlots: number;
  /** Warm pod addresses already held by the nodes, usable without touching the subnet. */
  warmAddresses: number;
  /** Free addresses of the pod subnets. */
  freeSubnetAddresses: number;
  /** min(freePodSlots, warmAddresses + freeSubnetAddresses). */
  additionalPods: number;
  limitedBy: 'node-slots' | 'subnet-addresses';
  /**
   * Subnet addresses needed to fill every free slot, warm pools and ENI primary
   * addresses included; above `freeSubnetAddresses` means the subnet runs out first
   * once warm pools grow.
   */
  addressesToFillAllSlots: number;
  /** Branch ENIs (security groups for pods) of the nodes with a trunk. */
  branchEnis?: BranchEniTotals;
};

/**
 * Branch ENIs summed over nodes: allocatable `vpc.amazonaws.com/pod-eni`, and those pods use.
 *
 * @public
 */
export type BranchEniTotals = {
  nodes: number;
  capacity: number;
  used: number;
  free: number;
};

function branchEniTotals(
  parts: Array<{ nodes: number; capacity: number; used: number }>,
): BranchEniTotals | undefined {
  if (parts.length === 0) return undefined;
  const sum = (k: 'nodes' | 'capacity' | 'used') =>
    parts.reduce((s, p) => s + p[k], 0);
  const capacity = sum('capacity');
  const used = sum('used');
  return {
    nodes: sum('nodes'),
    capacity,
    used,
    free: Math.max(0, capacity - used),
  };
}

/**
 * A zone's subnets and nodes with the pods that still fit.
 *
 * @public
 */
export type ZoneIpHeadroom = PodFit & {
  zone: string;
  subnets: SubnetHeadroom[];
  /** Free /28 blocks of the zone's pod subnets, when their ENIs were read. */
  freePrefixBlocks?: number;
  usableAddresses: number;
  usedAddresses: number;
  utilisation: number;
};

/**
 * A node group's pods that still fit, summed over its zones (each zone's subnet
 * addresses are shared with the other groups there, so groups' figures do not add up).
 *
 * @public
 */
export type NodeGroupIpHeadroom = PodFit & {
  nodeGroup: string;
  zones: string[];
};

/**
 * The IP headroom of a cluster.
 *
 * @public
 */
export type IpHeadroom = {
  subnets: SubnetHeadroom[];
  nodes: NodeIpUsage[];
  zones: ZoneIpHeadroom[];
  nodeGroups: NodeGroupIpHeadroom[];
  /** `ipv6` when the cluster's pods get IPv6 addresses: then only node slots limit them. */
  ipFamily?: 'ipv6';
  /** EKS Auto Mode: it manages the CNI, so aws-node settings do not apply. */
  autoMode?: AutoModeStatus;
  /** EKS Hybrid Nodes: the remote pod networks' headroom, when the cluster has hybrid nodes or remote networks. */
  remoteNetworks?: RemoteNetworks;
  /** Caveats (Fargate nodes left out, instance types without facts, ...). */
  notes: string[];
};

/**
 * What still fits on the given nodes when their pods draw from `freeSubnetAddresses`:
 * each node's free slots, its warm addresses up to those slots, then the subnet. Nodes whose
 * pods get IPv6 addresses add their free slots whole.
 *
 * @public
 */
export function podFit(
  nodes: NodeIpUsage[],
  freeSubnetAddresses: number,
): PodFit {
  const slots = (list: NodeIpUsage[]) =>
    list.reduce((s, n) => s + (n.freePodSlots ?? 0), 0);
  const freePodSlots = slots(nodes);
  // Pods of IPv6 nodes need no IPv4 address: only their free slots limit them.
  const ipv4Nodes = nodes.filter(n => !n.ipv6Pods);
  const ipv4Slots = slots(ipv4Nodes);
  const warmAddresses = ipv4Nodes.reduce(
    (s, n) =>
      s +
      Math.min(
        n.footprint?.warmAddresses ?? n.autoModeAddresses?.spareAddresses ?? 0,
        n.freePodSlots ?? 0,
      ),
    0,
  );
  const byAddresses = warmAddresses + freeSubnetAddresses;
  return {
    nodes: nodes.length,
    podsWithVpcAddress: nodes.reduce((s, n) => s + n.podsWithVpcAddress, 0),
    freePodSlots,
    warmAddresses,
    freeSubnetAddresses,
    additionalPods: freePodSlots - ipv4Slots + Math.min(ipv4Slots, byAddresses),
    limitedBy: byAddresses < ipv4Slots ? 'subnet-addresses' : 'node-slots',
    addressesToFillAllSlots: nodes.reduce(
      (s, n) => s + (n.addressesToFill ?? 0),
      0,
    ),
    ...optional(
      'branchEnis',
      branchEniTotals(
        nodes.flatMap(n =>
          n.branchEnis
            ? [
                {
                  nodes: 1,
                  capacity: n.branchEnis.capacity ?? 0,
                  used: n.branchEnis.used,
                },
              ]
            : [],
        ),
      ),
    ),
  };
}

function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * IP headroom per subnet, node, zone and node group.
 *
 * A zone's pod subnets are the given subnets in that zone, or, with custom
 * networking, the ENIConfig subnets of its nodes. (The CNI takes secondary ENIs from
 * the node's own subnet; with several node subnets in one zone they are pooled here.)
 * Fargate nodes are left out of the fit: each Fargate pod brings its own ENI.
 *
 * Sources: domain notes "Pod IP exhaustion"; aws/amazon-vpc-cni-k8s docs.
 *
 * @public
 */
export function ipHeadroom(
  nodes: KubeNode[],
  pods: KubePod[],
  subnets: Ec2Subnet[],
  context: IpHeadroomContext,
): IpHeadroom {
  const notes: string[] = [];
  const selection = context.subnetSelection;
  const subnetFigures = subnets.flatMap(subnet => {
    const figure = withPrefixBlocks(subnet, context);
    if (!figure) return [];
    return selection
      ? [{ ...figure, podSubnetRole: podSubnetRole(subnet, selection) }]
      : [figure];
  });
  // Subnets that hold no pod addresses are listed, but not counted.
  const podSubnets = subnetFigures.filter(
    s => !s.podSubnetRole || holdsPodAddresses(s.podSubnetRole),
  );
  const byNode = new Map<string, KubePod[]>();
  for (const pod of pods) {
    const name = pod.spec?.nodeName;
    if (name) {
      byNode.set(name, [...(byNode.get(name) ?? []), pod]);
    }
  }
  const usage = nodes.map(n =>
    nodeIpUsage(n, byNode.get(n.metadata.name ?? '') ?? [], context),
  );
  const blocksOfZone = (zone: string) =>
    freeBlocksOf(
      subnetFigures.filter(s => (s.availabilityZone ?? '(unknown)') === zone),
    );
  for (const n of usage) {
    if (n.computeType === 'auto' && !n.ipv6Pods) {
      n.autoModeAddresses = autoModeNodeAddresses(
        n.podsWithVpcAddress,
        blocksOfZone(n.zone ?? '(unknown)'),
      );
    }
  }
  // Fargate and hybrid nodes take no addresses of the cluster's pod subnets for their pods.
  const ec2Nodes = usage.filter(
    n => n.computeType !== 'fargate' && n.computeType !== 'hybrid',
  );
  notes.push(...computeTypeNotes(usage));
  if (
    context.ipFamily !== 'ipv6' &&
    (context.settings.prefixDelegation || context.autoMode?.enabled)
  ) {
    notes.push(...prefixBlockNotes(subnetFigures, !!context.autoMode?.enabled));
  }
  if (context.ipFamily === 'ipv6') notes.push(IPV6_NOTE);
  const unknownTypes = ec2Nodes
    .filter(n => !n.footprint && n.computeType !== 'auto' && !n.ipv6Pods)
    .map(n => n.nodeName);
  if (unknownTypes.length > 0) {
    notes.push(
      `no instance-type facts for ${unknownTypes.length} node(s): warm pools not counted for them`,
    );
  }

  notes.push(...branchEniNotes(ec2Nodes));
  notes.push(...podSubnetRoleNotes(subnetFigures));
  const zoneNames = [
    ...new Set([
      ...podSubnets.map(s => s.availabilityZone ?? '(unknown)'),
      ...ec2Nodes.map(n => n.zone ?? '(unknown)'),
    ]),
  ].sort();

  const podSubnetsOfZone = (zone: string): SubnetHeadroom[] => {
    if (context.settings.customNetworking) {
      const ids = new Set(
        ec2Nodes
          .filter(n => (n.zone ?? '(unknown)') === zone && n.podSubnetId)
          .map(n => n.podSubnetId),
      );
      if (ids.size > 0) {
        return subnetFigures.filter(s => ids.has(s.subnetId));
      }
    }
    return podSubnets.filter(
      s =>
        (s.availabilityZone ?? '(unknown)') === zone &&
        s.podSubnetRole !== 'eni-config',
    );
  };

  const zones: ZoneIpHeadroom[] = zoneNames.map(zone => {
    const zoneSubnets = podSubnetsOfZone(zone);
    const usable = zoneSubnets.reduce((s, x) => s + x.usableAddresses, 0);
    const used = zoneSubnets.reduce((s, x) => s + x.usedAddresses, 0);
    const free = zoneSubnets.reduce((s, x) => s + x.freeAddresses, 0);
    const freePrefixBlocks = freeBlocksOf(zoneSubnets);
    return {
      zone,
      subnets: zoneSubnets,
      ...(freePrefixBlocks !== undefined && { freePrefixBlocks }),
      usableAddresses: usable,
      usedAddresses: used,
      utilisation: usable > 0 ? used / usable : 0,
      ...podFit(
        ec2Nodes.filter(n => (n.zone ?? '(unknown)') === zone),
        free,
      ),
    };
  });
  const zoneFree = new Map(zones.map(z => [z.zone, z.freeSubnetAddresses]));

  const groupNames = [...new Set(ec2Nodes.map(n => n.nodeGroup))].sort();
  const nodeGroups: NodeGroupIpHeadroom[] = groupNames.map(group => {
    const groupNodes = ec2Nodes.filter(n => n.nodeGroup === group);
    const groupZones = [
      ...new Set(groupNodes.map(n => n.zone ?? '(unknown)')),
    ].sort();
    const perZone = groupZones.map(zone =>
      podFit(
        groupNodes.filter(n => (n.zone ?? '(unknown)') === zone),
        zoneFree.get(zone) ?? 0,
      ),
    );
    const sum = (k: keyof PodFit) =>
      perZone.reduce((s, f) => s + (f[k] as number), 0);
    const additionalPods = sum('additionalPods');
    const freePodSlots = sum('freePodSlots');
    return {
      nodeGroup: group,
      zones: groupZones,
      nodes: sum('nodes'),
      podsWithVpcAddress: sum('podsWithVpcAddress'),
      freePodSlots,
      warmAddresses: sum('warmAddresses'),
      freeSubnetAddresses: sum('freeSubnetAddresses'),
      additionalPods,
      limitedBy:
        additionalPods < freePodSlots ? 'subnet-addresses' : 'node-slots',
      addressesToFillAllSlots: sum('addressesToFillAllSlots'),
      ...optional(
        'branchEnis',
        branchEniTotals(
          perZone.flatMap(f => (f.branchEnis ? [f.branchEnis] : [])),
        ),
      ),
    };
  });

  return {
    subnets: subnetFigures,
    nodes: usage,
    zones,
    nodeGroups,
    ...(context.ipFamily === 'ipv6' && { ipFamily: 'ipv6' as const }),
    ...(context.autoMode?.enabled && { autoMode: context.autoMode }),
    notes,
  };
}

/** A subnet's headroom with its free /28 blocks when its ENIs were read. */
function withPrefixBlocks(
  subnet: Ec2Subnet,
  context: IpHeadroomContext,
): SubnetHeadroom | undefined {
  const figures = subnetHeadroom(subnet);
  if (!figures || !context.networkInterfaces) return figures;
  const prefixBlocks = prefixBlocksOf(
    subnet,
    context.networkInterfaces,
    context.cidrReservations,
  );
  return prefixBlocks ? { ...figures, prefixBlocks } : figures;
}

/** Free /28 blocks summed over subnets; undefined when none of them has the figure. */
function freeBlocksOf(subnets: SubnetHeadroom[]): number | undefined {
  const known = subnets.filter(s => s.prefixBlocks);
  if (known.length === 0) return undefined;
  return known.reduce((sum, s) => sum + s.prefixBlocks!.freeBlocks, 0);
}

/** Warnings for subnets low on free /28 blocks, where prefixes are what the pods take. */
function prefixBlockNotes(
  subnets: SubnetHeadroom[],
  autoMode: boolean,
): string[] {
  const fallback = autoMode
    ? 'Auto Mode falls back to single addresses'
    : 'prefix delegation fails with InsufficientCidrBlocks';
  const notes: string[] = [];
  for (const s of subnets) {
    const blocks = s.prefixBlocks;
    if (!blocks) continue;
    const name = `${s.subnetId ?? s.cidrBlock} (${s.availabilityZone ?? '?'})`;
    if (blocks.freeBlocks === 0) {
      notes.push(
        `${name}: no free /28 block left although ${s.freeAddresses} addresses are free: new prefixes cannot be had, so ${fallback}`,
      );
    } else if (blocks.freeBlocks < LOW_PREFIX_BLOCKS) {
      notes.push(
        `${name}: only ${blocks.freeBlocks} free /28 block(s) left (${
          blocks.freeBlocks * 16
        } addresses as prefixes); after them ${fallback}`,
      );
    }
    if (blocks.unseenAddresses > 0) {
      notes.push(
        `${name}: ${blocks.unseenAddresses} used address(es) are on no ENI this account can list (shared VPC?), so its ${blocks.freeBlocks} free /28 blocks are an upper bound`,
      );
    }
  }
  if (subnets.length > 0 && subnets.every(s => !s.prefixBlocks)) {
    notes.push(
      'free /28 blocks unknown: the subnets’ network interfaces were not read (EC2 DescribeNetworkInterfaces)',
    );
  }
  return notes;
}
