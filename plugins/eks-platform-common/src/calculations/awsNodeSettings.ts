import { IPV4_ADDRESSES_PER_PREFIX } from './maxPods';

/**
 * The aws-node (Amazon VPC CNI) settings that decide pod density and warm pools.
 *
 * @public
 */
export type AwsNodeSettings = {
  /** `ENABLE_PREFIX_DELEGATION=true`. */
  prefixDelegation: boolean;
  /** `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true`. */
  customNetworking: boolean;
  /** `WARM_ENI_TARGET`, default 1. */
  warmEniTarget: number;
  /** `WARM_IP_TARGET`, when set to a positive number. */
  warmIpTarget?: number;
  /** `MINIMUM_IP_TARGET`, when set to a positive number. */
  minimumIpTarget?: number;
  /**
   * `WARM_PREFIX_TARGET`, when set to a positive number. Unset is ipamd's 0 (a new prefix
   * only once every address is in use); the add-on's manifest sets 1.
   */
  warmPrefixTarget?: number;
  /** `MAX_ENI`, when set to a positive number. */
  maxEni?: number;
  /** `ENI_CONFIG_LABEL_DEF`, default `k8s.amazonaws.com/eniConfig`. */
  eniConfigLabelDef: string;
  /** `ENABLE_IPv6=true`: the CNI gives pods IPv6 addresses (IPv6 clusters). */
  ipv6?: boolean;
  /** `ENI_CONFIG_ANNOTATION_DEF`, default `k8s.amazonaws.com/eniConfig`. */
  eniConfigAnnotationDef: string;
  /** `ENABLE_POD_ENI=true`: security groups for pods (a trunk ENI per node, branch ENIs for pods). */
  podEni?: boolean;
  /** `ENABLE_SUBNET_DISCOVERY`, only when the env sets it (the CNI's default is on from 1.18). */
  subnetDiscovery?: boolean;
};

/**
 * The CNI defaults (ipamd's, when the env is unset): secondary IPs, one warm ENI, no
 * IP or prefix targets.
 *
 * @public
 */
export const DEFAULT_AWS_NODE_SETTINGS: AwsNodeSettings = {
  prefixDelegation: false,
  customNetworking: false,
  warmEniTarget: 1,
  eniConfigLabelDef: 'k8s.amazonaws.com/eniConfig',
  eniConfigAnnotationDef: 'k8s.amazonaws.com/eniConfig',
};

// ipamd reads its integers with Go's strconv.Atoi (an optional sign and digits, no
// spaces) and its flags with strconv.ParseBool; anything else falls back to the default.
function integer(value: string | undefined): number | undefined {
  return value !== undefined && /^[+-]?\d+$/.test(value)
    ? Number(value)
    : undefined;
}

function positive(value: string | undefined): number | undefined {
  const n = integer(value);
  return n !== undefined && n > 0 ? n : undefined;
}

function flag(value: string | undefined): boolean {
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value ?? '');
}

/**
 * Reads the aws-node container's `env` (a list of `{name, value}` as in the DaemonSet,
 * or a plain name → value map). Non-positive or malformed targets count as unset, as
 * the CNI treats them; `WARM_ENI_TARGET` keeps 0. Flags are true for `true`, `1`, `t`
 * (Go's `strconv.ParseBool`), as ipamd reads them.
 *
 * Source: aws/amazon-vpc-cni-k8s README (environment variables and defaults),
 * `pkg/ipamd/ipamd.go` (`getWarmENITarget`, `getWarmIPTarget`, `getMaxENI`, ...).
 *
 * @public
 */
export function parseAwsNodeSettings(
  env:
    | Array<{ name: string; value?: string }>
    | Record<string, string | undefined>
    | undefined,
): AwsNodeSettings {
  const map: Record<string, string | undefined> = Array.isArray(env)
    ? Object.fromEntries(env.map(e => [e.name, e.value]))
    : env ?? {};
  const warmEni = integer(map.WARM_ENI_TARGET);
  return {
    prefixDelegation: flag(map.ENABLE_PREFIX_DELEGATION),
    customNetworking: flag(map.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG),
    warmEniTarget:
      warmEni !== undefined && warmEni >= 0
        ? warmEni
        : DEFAULT_AWS_NODE_SETTINGS.warmEniTarget,
    warmIpTarget: positive(map.WARM_IP_TARGET),
    minimumIpTarget: positive(map.MINIMUM_IP_TARGET),
    warmPrefixTarget: positive(map.WARM_PREFIX_TARGET),
    maxEni: positive(map.MAX_ENI),
    eniConfigLabelDef:
      map.ENI_CONFIG_LABEL_DEF || DEFAULT_AWS_NODE_SETTINGS.eniConfigLabelDef,
    eniConfigAnnotationDef:
      map.ENI_CONFIG_ANNOTATION_DEF ||
      DEFAULT_AWS_NODE_SETTINGS.eniConfigAnnotationDef,
    ...(flag(map.ENABLE_IPv6) && { ipv6: true }),
    ...(flag(map.ENABLE_POD_ENI) && { podEni: true }),
    ...(map.ENABLE_SUBNET_DISCOVERY?.trim() && {
      subnetDiscovery: flag(map.ENABLE_SUBNET_DISCOVERY),
    }),
  };
}

/**
 * What a node holds from its subnet(s) for a given number of pods with VPC addresses.
 *
 * @public
 */
export type WarmPoolFootprint = {
  mode: 'secondary-ip' | 'prefix-delegation';
  /** The setting that decided the pool size. */
  governedBy:
    | 'WARM_ENI_TARGET'
    | 'WARM_IP_TARGET/MINIMUM_IP_TARGET'
    | 'WARM_PREFIX_TARGET';
  /** ENIs attached (including the primary ENI). */
  enis: number;
  /** /28 prefixes held (prefix delegation only). */
  prefixes?: number;
  /** Pod addresses held: secondary IPs, or prefixes x 16. */
  podAddresses: number;
  /** Held pod addresses no pod uses yet. */
  warmAddresses: number;
  /** Everything taken from subnets: pod addresses plus one primary address per ENI. */
  subnetAddresses: number;
  /** Of `subnetAddresses`, those in the pod subnet (differs with custom networking). */
  podSubnetAddresses: number;
  /** The pool rule in words. */
  explanation: string;
};

/**
 * Input of {@link warmPoolFootprint}.
 *
 * @public
 */
export type WarmPoolInput = {
  /** Pods on the node that have a VPC address (not hostNetwork, not finished). */
  podsWithVpcAddress: number;
  /** ENIs of the default network card. */
  maxEnis: number;
  ipv4AddressesPerEni: number;
  settings: AwsNodeSettings;
  /**
   * The node's max pods (kubelet `status.capacity.pods`), when known: ipamd adds no
   * addresses once the node holds this many.
   */
  maxPods?: number;
};

const ceilDiv = (a: number, b: number) => (b > 0 ? Math.ceil(a / b) : 0);
const clamp = (v: number, lo: number, hi: number) =>
  Math.min(Math.max(v, lo), hi);

/** How many units (whole ENIs of IPs, IPs or prefixes) ipamd wants, before the node's limits. */
type PoolTarget = {
  governedBy: WarmPoolFootprint['governedBy'];
  units: number;
  /** Pod addresses in one unit, and units one ENI holds. */
  unitSize: number;
  unitsPerEni: number;
  explanation: string;
};

function ipTargetsOf(settings: AwsNodeSettings) {
  const warm = settings.warmIpTarget ?? 0;
  const minimum = settings.minimumIpTarget ?? 0;
  return { set: warm > 0 || minimum > 0, warm, minimum };
}

/** Secondary-IP mode: whole ENIs of IPs (WARM_ENI_TARGET), or single IPs (IP targets). */
function secondaryIpTarget(
  used: number,
  slots: number,
  settings: AwsNodeSettings,
): PoolTarget {
  const ip = ipTargetsOf(settings);
  if (ip.set) {
    return {
      governedBy: 'WARM_IP_TARGET/MINIMUM_IP_TARGET',
      units: Math.max(used + ip.warm, ip.minimum),
      unitSize: 1,
      unitsPerEni: slots,
      explanation: `max(${used} pods + WARM_IP_TARGET ${ip.warm}, MINIMUM_IP_TARGET ${ip.minimum}) secondary IPs`,
    };
  }
  const w = settings.warmEniTarget;
  const whole = { unitSize: slots, unitsPerEni: 1 };
  return w > 0
    ? {
        governedBy: 'WARM_ENI_TARGET',
        units: ceilDiv(used, slots) + w,
        ...whole,
        explanation: `ceil(${used} pods / ${slots} IPs per ENI) + WARM_ENI_TARGET ${w} ENIs, all IPs allocated`,
      }
    : {
        governedBy: 'WARM_ENI_TARGET',
        units: slots > 0 ? Math.floor(used / slots) + 1 : 0,
        ...whole,
        explanation: `WARM_ENI_TARGET 0: floor(${used} pods / ${slots} IPs per ENI) + 1 ENIs, all IPs allocated (a new ENI only once every IP is in use)`,
      };
}

/** Prefix delegation: /28 prefixes for the IP targets, else WARM_PREFIX_TARGET (0 when unset). */
function prefixTarget(
  used: number,
  slots: number,
  settings: AwsNodeSettings,
): PoolTarget {
  const per = IPV4_ADDRESSES_PER_PREFIX;
  const prefixes = { unitSize: per, unitsPerEni: slots };
  const ip = ipTargetsOf(settings);
  if (ip.set) {
    return {
      governedBy: 'WARM_IP_TARGET/MINIMUM_IP_TARGET',
      units: Math.max(ceilDiv(used + ip.warm, per), ceilDiv(ip.minimum, per)),
      ...prefixes,
      explanation: `ceil(max(${used} pods + WARM_IP_TARGET ${ip.warm}, MINIMUM_IP_TARGET ${ip.minimum}) / 16) prefixes`,
    };
  }
  const w = settings.warmPrefixTarget ?? 0;
  return w > 0
    ? {
        governedBy: 'WARM_PREFIX_TARGET',
        units: ceilDiv(used, per) + w,
        ...prefixes,
        explanation: `ceil(${used} pods / 16) + WARM_PREFIX_TARGET ${w} prefixes`,
      }
    : {
        governedBy: 'WARM_PREFIX_TARGET',
        units: Math.floor(used / per) + 1,
        ...prefixes,
        explanation: `WARM_PREFIX_TARGET unset (0): floor(${used} pods / 16) + 1 prefixes (a new prefix only once every address is in use; WARM_ENI_TARGET does not apply with prefix delegation)`,
      };
}

/**
 * Models the addresses ipamd keeps on a node for `podsWithVpcAddress` pods (P), in its
 * steady state. `s` = IPv4 per ENI - 1 (the primary address is not for pods).
 * - Secondary IPs, `WARM_IP_TARGET`/`MINIMUM_IP_TARGET` set (either above 0): IPs =
 *   max(P + WARM_IP_TARGET, MINIMUM_IP_TARGET), packed on ENIs (ENIs = ceil(IPs / s));
 *   `WARM_ENI_TARGET` is ignored. Only `MINIMUM_IP_TARGET` set: the pool stops there.
 * - Secondary IPs otherwise: whole ENIs of `s` IPs, ceil(P / s) + WARM_ENI_TARGET; with
 *   `WARM_ENI_TARGET=0`, floor(P / s) + 1 (a new ENI once no IP is free).
 * - Prefix delegation (/28 = 16 addresses per prefix, `s` prefixes per ENI): the IP targets
 *   in prefixes, max(ceil((P + WARM_IP_TARGET) / 16), ceil(MINIMUM_IP_TARGET / 16)); else
 *   ceil(P / 16) + WARM_PREFIX_TARGET; unset or 0, floor(P / 16) + 1. `WARM_ENI_TARGET`
 *   plays no part. Prefixes fill an ENI before the next is attached.
 * - Growth stops once the node holds max pods addresses (when `maxPods` is given; the model
 *   assumes pods arrive one at a time) and at the ENI limit (`MAX_ENI`, the card's ENIs).
 *   With custom networking the primary ENI takes no pod addresses and stays in the node
 *   subnet. Every ENI also takes one primary address from its subnet.
 *
 * Sources: aws/amazon-vpc-cni-k8s `pkg/ipamd/ipamd.go` (`isDatastorePoolTooLow`,
 * `isDatastorePoolTooHigh`, `datastoreTargetState`, `getPrefixesNeeded`, `tryAssignIPs`,
 * `tryAssignPrefixes`, `hasRoomForEni`, `getMaxENI`; `defaultWarmPrefixTarget = 0`),
 * `pkg/ipamd/datastore/data_store.go` (`GetAllocatableENIs`, `getDeletableENI`); README and
 * `docs/eni-and-ip-target.md`, `docs/prefix-and-ip-target.md` (their tables are tests).
 *
 * @public
 */
export function warmPoolFootprint(input: WarmPoolInput): WarmPoolFootprint {
  const { settings } = input;
  const slots = Math.max(0, input.ipv4AddressesPerEni - 1);
  const eniLimit = Math.min(input.maxEnis, settings.maxEni ?? Infinity);
  const reserved = settings.customNetworking ? 1 : 0;
  const podEniLimit = Math.max(0, eniLimit - reserved);
  const used = Math.max(0, input.podsWithVpcAddress);
  const pd = settings.prefixDelegation;
  const target = pd
    ? prefixTarget(used, slots, settings)
    : secondaryIpTarget(used, slots, settings);
  const { unitSize, unitsPerEni } = target;
  const maxUnits = podEniLimit * unitsPerEni;

  let units = target.units;
  let explanation = target.explanation;
  if (input.maxPods !== undefined && unitSize > 0) {
    const stop = Math.max(
      ceilDiv(used, unitSize),
      ceilDiv(input.maxPods, unitSize),
    );
    if (stop < units) {
      units = stop;
      explanation += `, stopped at max pods ${input.maxPods}`;
    }
  }
  if (units > maxUnits) explanation += `, limited to ${eniLimit} ENIs`;
  units = clamp(units, Math.min(1, maxUnits), maxUnits);

  const podAddresses = units * unitSize;
  const podEnis = clamp(
    ceilDiv(units, unitsPerEni),
    Math.min(1, podEniLimit),
    podEniLimit,
  );
  const enis = Math.max(1, podEnis + reserved);
  return {
    mode: pd ? 'prefix-delegation' : 'secondary-ip',
    governedBy: target.governedBy,
    enis,
    prefixes: pd ? units : undefined,
    podAddresses,
    warmAddresses: Math.max(0, podAddresses - used),
    subnetAddresses: podAddresses + enis,
    podSubnetAddresses:
      podAddresses + (settings.customNetworking ? podEnis : enis),
    explanation,
  };
}
