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
  /** `WARM_PREFIX_TARGET`, when set to a positive number. */
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
 * The CNI defaults: secondary IPs, one warm ENI.
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

function positive(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function flag(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

/**
 * Reads the aws-node container's `env` (a list of `{name, value}` as in the DaemonSet,
 * or a plain name → value map). Non-positive or malformed targets count as unset, as
 * the CNI treats them; `WARM_ENI_TARGET` keeps 0.
 *
 * Source: aws/amazon-vpc-cni-k8s README (environment variables and defaults).
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
  const warmEni = map.WARM_ENI_TARGET;
  const warmEniNumber = warmEni === undefined ? NaN : Number(warmEni);
  return {
    prefixDelegation: flag(map.ENABLE_PREFIX_DELEGATION),
    customNetworking: flag(map.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG),
    warmEniTarget:
      Number.isInteger(warmEniNumber) && warmEniNumber >= 0
        ? warmEniNumber
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
};

const ceilDiv = (a: number, b: number) => (b > 0 ? Math.ceil(a / b) : 0);
const clamp = (v: number, lo: number, hi: number) =>
  Math.min(Math.max(v, lo), hi);

/**
 * Models the addresses ipamd keeps on a node for `podsWithVpcAddress` pods.
 *
 * Secondary-IP mode (`s` = IPv4 per ENI - 1):
 * - `WARM_IP_TARGET`/`MINIMUM_IP_TARGET` set: IPs = max(pods + WARM_IP_TARGET,
 *   MINIMUM_IP_TARGET), ENIs = ceil(IPs / s).
 * - otherwise `WARM_ENI_TARGET`: ENIs = ceil(pods / s) + WARM_ENI_TARGET, each with all
 *   `s` secondary IPs.
 * Prefix delegation (16 addresses per prefix):
 * - `WARM_IP_TARGET`/`MINIMUM_IP_TARGET` set: prefixes = ceil(max(pods + WARM_IP_TARGET,
 *   MINIMUM_IP_TARGET) / 16);
 * - `WARM_PREFIX_TARGET` set: prefixes = ceil(pods / 16) + WARM_PREFIX_TARGET;
 * - otherwise `WARM_ENI_TARGET` ENIs' worth of free prefixes (model, UNVERIFIED);
 *   ENIs = ceil(prefixes / s).
 * ENIs are at least 1 and at most the limit (`MAX_ENI`, the card's ENIs); with custom
 * networking the primary ENI holds no pod addresses and lives in the node subnet.
 *
 * Sources: aws/amazon-vpc-cni-k8s `docs/eni-and-ip-target.md` and
 * `docs/prefix-and-ip-target.md` (their example tables are the tests), README.
 *
 * @public
 */
export function warmPoolFootprint(input: WarmPoolInput): WarmPoolFootprint {
  const { settings } = input;
  const slots = Math.max(0, input.ipv4AddressesPerEni - 1);
  const maxEnis = Math.min(input.maxEnis, settings.maxEni ?? Infinity);
  const reserved = settings.customNetworking ? 1 : 0;
  const podEniLimit = Math.max(0, maxEnis - reserved);
  const used = Math.max(0, input.podsWithVpcAddress);
  const ipTargets =
    settings.warmIpTarget !== undefined ||
    settings.minimumIpTarget !== undefined;
  const wanted = Math.max(
    used + (settings.warmIpTarget ?? 0),
    settings.minimumIpTarget ?? 0,
  );

  let governedBy: WarmPoolFootprint['governedBy'];
  let podEnis: number;
  let podAddresses: number;
  let prefixes: number | undefined;
  let explanation: string;

  if (settings.prefixDelegation) {
    const maxPrefixes = podEniLimit * slots;
    if (ipTargets) {
      governedBy = 'WARM_IP_TARGET/MINIMUM_IP_TARGET';
      prefixes = ceilDiv(wanted, IPV4_ADDRESSES_PER_PREFIX);
      explanation = `ceil(max(${used} pods + WARM_IP_TARGET ${
        settings.warmIpTarget ?? 0
      }, MINIMUM_IP_TARGET ${settings.minimumIpTarget ?? 0}) / 16) prefixes`;
    } else if (settings.warmPrefixTarget !== undefined) {
      governedBy = 'WARM_PREFIX_TARGET';
      prefixes =
        ceilDiv(used, IPV4_ADDRESSES_PER_PREFIX) + settings.warmPrefixTarget;
      explanation = `ceil(${used} pods / 16) + WARM_PREFIX_TARGET ${settings.warmPrefixTarget} prefixes`;
    } else {
      governedBy = 'WARM_ENI_TARGET';
      prefixes =
        ceilDiv(used, IPV4_ADDRESSES_PER_PREFIX) +
        settings.warmEniTarget * slots;
      explanation = `ceil(${used} pods / 16) + WARM_ENI_TARGET ${settings.warmEniTarget} x ${slots} prefixes (a full ENI of prefixes; model)`;
    }
    prefixes = clamp(prefixes, Math.min(1, maxPrefixes), maxPrefixes);
    podEnis = clamp(
      ceilDiv(prefixes, slots),
      Math.min(1, podEniLimit),
      podEniLimit,
    );
    podAddresses = prefixes * IPV4_ADDRESSES_PER_PREFIX;
  } else {
    const capacity = podEniLimit * slots;
    if (ipTargets) {
      governedBy = 'WARM_IP_TARGET/MINIMUM_IP_TARGET';
      podAddresses = clamp(wanted, 0, capacity);
      podEnis = clamp(
        ceilDiv(podAddresses, slots),
        Math.min(1, podEniLimit),
        podEniLimit,
      );
      explanation = `max(${used} pods + WARM_IP_TARGET ${
        settings.warmIpTarget ?? 0
      }, MINIMUM_IP_TARGET ${settings.minimumIpTarget ?? 0}) secondary IPs`;
    } else {
      governedBy = 'WARM_ENI_TARGET';
      podEnis = clamp(
        ceilDiv(used, slots) + settings.warmEniTarget,
        Math.min(1, podEniLimit),
        podEniLimit,
      );
      podAddresses = podEnis * slots;
      explanation = `ceil(${used} pods / ${slots} IPs per ENI) + WARM_ENI_TARGET ${settings.warmEniTarget} ENIs, all IPs allocated`;
    }
  }

  const enis = Math.max(1, podEnis + reserved);
  return {
    mode: settings.prefixDelegation ? 'prefix-delegation' : 'secondary-ip',
    governedBy,
    enis,
    prefixes,
    podAddresses,
    warmAddresses: Math.max(0, podAddresses - used),
    subnetAddresses: podAddresses + enis,
    podSubnetAddresses:
      podAddresses + (settings.customNetworking ? podEnis : enis),
    explanation,
  };
}
