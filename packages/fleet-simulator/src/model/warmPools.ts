/**
 * The warm pool ipamd (the VPC CNI's IP address manager) keeps on a simulated node, found by
 * replaying its pool checks as the node's pods arrive one by one. The facts come from
 * aws/amazon-vpc-cni-k8s `pkg/ipamd/ipamd.go` (`isDatastorePoolTooLow`, `isDatastorePoolTooHigh`,
 * `datastoreTargetState`, `getPrefixesNeeded`, `tryAssignIPs`, `tryAssignPrefixes`,
 * `hasRoomForEni`); the product's closed-form model (`warmPoolFootprint` in the common package)
 * must give the same numbers, and the tests hold both to the same table.
 */

/** The aws-node env that sizes the pool, read the way ipamd reads it (Go's Atoi and ParseBool). */
export interface IpamdSettings {
  prefixDelegation: boolean;
  customNetworking: boolean;
  warmEniTarget: number;
  /** 0 = not set, as in ipamd. */
  warmIpTarget: number;
  minimumIpTarget: number;
  warmPrefixTarget: number;
  /** 0 = the instance type's limit. */
  maxEni: number;
}

function goInt(value: string | undefined, fallback: number, min: number) {
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return fallback;
  const n = Number(value);
  return n >= min ? n : fallback;
}

const goTrue = (value: string | undefined) =>
  ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value ?? '');

/** A container's env list as a name -> value map (values from references count as empty). */
export function envMap(
  env: Array<{ name: string; value?: string }> | undefined,
): Record<string, string> {
  return Object.fromEntries((env ?? []).map(e => [e.name, e.value ?? '']));
}

export function ipamdSettings(env: Record<string, string>): IpamdSettings {
  return {
    prefixDelegation: goTrue(env.ENABLE_PREFIX_DELEGATION),
    customNetworking: goTrue(env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG),
    warmEniTarget: goInt(env.WARM_ENI_TARGET, 1, 0),
    warmIpTarget: goInt(env.WARM_IP_TARGET, 0, 0),
    minimumIpTarget: goInt(env.MINIMUM_IP_TARGET, 0, 0),
    warmPrefixTarget: goInt(env.WARM_PREFIX_TARGET, 0, 0),
    maxEni: goInt(env.MAX_ENI, 0, 1),
  };
}

export interface NodePool {
  /** ENIs attached, the primary included. */
  enis: number;
  /** ENIs that hold pod addresses (all but the primary with custom networking). */
  podEnis: number;
  /** Pod addresses held: secondary IPs, or /28 prefixes x 16. */
  podAddresses: number;
}

const PREFIX = 16;

/** ipamd's pool on one node, replayed: `cidrs[i]` = IPs or prefixes on pod ENI i. */
class PoolReplay {
  readonly cidrs: number[];
  private readonly size: number;
  private readonly ipTargets: boolean;

  constructor(
    private readonly s: IpamdSettings,
    private readonly perEni: number,
    private readonly podEniLimit: number,
    private readonly maxPods: number,
  ) {
    this.size = s.prefixDelegation ? PREFIX : 1;
    this.ipTargets = s.warmIpTarget > 0 || s.minimumIpTarget > 0;
    // The primary ENI is there from boot, and takes pods unless custom networking is on.
    this.cidrs = s.customNetworking || podEniLimit === 0 ? [] : [0];
  }

  total = () => this.cidrs.reduce((a, b) => a + b, 0) * this.size;

  /** Pods fill addresses in order, so the free prefixes are the unused ones at the end. */
  private freePrefixes = (pods: number) =>
    this.total() / PREFIX - Math.ceil(pods / PREFIX);

  /** IPs (secondary) or prefixes (PD) short of, or over, WARM_IP_TARGET/MINIMUM_IP_TARGET. */
  private ipTargetGap(pods: number): { short: number; over: number } {
    const { warmIpTarget: warm, minimumIpTarget: min } = this.s;
    const total = this.total();
    const free = total - pods;
    const short = Math.max(warm - free, min - total, 0);
    if (!this.s.prefixDelegation) {
      return { short, over: Math.max(Math.min(free - warm, total - min), 0) };
    }
    const prefixes = total / PREFIX;
    const over = Math.min(
      this.freePrefixes(pods),
      prefixes - Math.ceil((pods + warm) / PREFIX),
      prefixes - Math.ceil(min / PREFIX),
    );
    return { short: Math.ceil(short / PREFIX), over: Math.max(over, 0) };
  }

  tooLow(pods: number): boolean {
    if (this.total() >= this.maxPods) return false;
    if (this.ipTargets) return this.ipTargetGap(pods).short > 0;
    const target = this.s.prefixDelegation
      ? this.s.warmPrefixTarget
      : this.s.warmEniTarget;
    const free = this.total() - pods;
    const step = this.s.prefixDelegation ? PREFIX : this.perEni;
    return free < step * target || (target === 0 && free === 0);
  }

  /** Units to add in one step: short of the IP or prefix target, else a whole ENI / one prefix. */
  private toAllocate(pods: number): number {
    if (!this.s.prefixDelegation) {
      return this.ipTargets ? this.ipTargetGap(pods).short : this.perEni;
    }
    const short = this.ipTargets
      ? this.ipTargetGap(pods).short
      : this.s.warmPrefixTarget - this.freePrefixes(pods);
    return Math.max(1, short);
  }

  /** Fills the first pod ENI with room, else attaches one; false when the node is full. */
  grow(pods: number): boolean {
    const want = this.toAllocate(pods);
    const i = this.cidrs.findIndex(n => n < this.perEni);
    if (i >= 0) {
      this.cidrs[i] += Math.min(this.perEni - this.cidrs[i], want);
      return true;
    }
    if (this.cidrs.length >= this.podEniLimit) return false;
    this.cidrs.push(Math.min(want, this.perEni));
    return true;
  }

  /** Free units ipamd would release; only IP or prefix targets release single units. */
  overTarget(pods: number): number {
    if (this.ipTargets) return this.ipTargetGap(pods).over;
    if (!this.s.prefixDelegation) return 0;
    return Math.max(this.freePrefixes(pods) - this.s.warmPrefixTarget, 0);
  }

  release(units: number) {
    let left = units;
    for (let i = this.cidrs.length - 1; i >= 0 && left > 0; i--) {
      const take = Math.min(left, this.cidrs[i]);
      this.cidrs[i] -= take;
      left -= take;
    }
  }
}

/** Brings the pool to rest for `pods` pods: grow while too low, release what is over target. */
function settle(pool: PoolReplay, pods: number) {
  while (pool.tooLow(pods) && pool.grow(pods));
  const over = pool.overTarget(pods);
  if (over === 0) return;
  const before = [...pool.cidrs];
  pool.release(over);
  // Releasing into a pool that is then too low again (WARM_PREFIX_TARGET 0 with every
  // address in use) only flaps: ipamd refills within seconds, so the node holds the larger pool.
  if (pool.tooLow(pods)) pool.cidrs.splice(0, pool.cidrs.length, ...before);
}

/** The pool ipamd holds on a node with `pods` pods that have a VPC IPv4 address. */
export function replayWarmPool(input: {
  pods: number;
  maxEnis: number;
  ipv4PerEni: number;
  maxPods: number;
  settings: IpamdSettings;
}): NodePool {
  const { settings } = input;
  const limit =
    settings.maxEni > 0
      ? Math.min(settings.maxEni, input.maxEnis)
      : input.maxEnis;
  const reserved = settings.customNetworking ? 1 : 0;
  const pool = new PoolReplay(
    settings,
    input.ipv4PerEni - 1,
    Math.max(0, limit - reserved),
    input.maxPods,
  );
  for (let p = 0; p <= input.pods; p++) settle(pool, p);
  const podEnis = pool.cidrs.filter(
    (n, i) => n > 0 || (i === 0 && !reserved),
  ).length;
  return {
    enis: Math.max(1, podEnis + reserved),
    podEnis,
    podAddresses: pool.total(),
  };
}
