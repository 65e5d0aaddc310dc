import { AWS_RESERVED_PER_SUBNET, Cidr, formatIpv4, parseCidr } from './ipv4';

/** A /28 prefix: 16 addresses, aligned on 16. */
export const PREFIX_SIZE = 16;

/** What one holder (a node, another service's ENI) has in one subnet: one ENI's worth. */
export interface SubnetHolding {
  owner: string;
  /** The ENI's primary address (the first one the holder got). */
  primary?: string;
  secondaries: string[];
  /** Delegated /28 prefixes, e.g. `10.0.1.16/28`. */
  prefixes: string[];
  /** Not a node: another service's ENI (Lambda, endpoints, ...). */
  foreign: boolean;
}

/** A subnet CIDR reservation: `explicit` ones take nothing by themselves; `prefix` ones only prefixes. */
export interface CidrReservation {
  cidr: string;
  type: 'explicit' | 'prefix';
}

/**
 * Hands out the addresses of one subnet the way EC2 does for a fresh VPC: single addresses in
 * order after the four AWS reserves, /28 prefixes from the first wholly free aligned block. It
 * records who holds what, so DescribeNetworkInterfaces lists the same addresses that the nodes and
 * pods use and that AvailableIpAddressCount counts.
 */
export class SubnetAllocator {
  private readonly cidr: Cidr;
  /** 1 = taken, 2 = kept out by an explicit reservation, 3 = kept for prefixes. */
  private readonly state: Uint8Array;
  private cursor = 4;
  private taken = 0;
  private readonly holdings = new Map<string, SubnetHolding>();

  constructor(
    readonly cidrText: string,
    readonly reservations: CidrReservation[] = [],
  ) {
    this.cidr = parseCidr(cidrText);
    this.state = new Uint8Array(this.cidr.size);
    for (const r of reservations) {
      const range = parseCidr(r.cidr);
      for (let o = 0; o < range.size; o++) {
        const offset = range.base - this.cidr.base + o;
        if (offset >= 0 && offset < this.cidr.size) {
          this.state[offset] = r.type === 'explicit' ? 2 : 3;
        }
      }
    }
  }

  get used(): number {
    return this.taken;
  }

  get usable(): number {
    return this.cidr.size - AWS_RESERVED_PER_SUBNET;
  }

  /** Who holds what, in the order they first took an address. */
  holdingsList(): SubnetHolding[] {
    return [...this.holdings.values()];
  }

  private holding(owner: string, foreign = false): SubnetHolding {
    let h = this.holdings.get(owner);
    if (!h) {
      h = { owner, secondaries: [], prefixes: [], foreign };
      this.holdings.set(owner, h);
    }
    return h;
  }

  private take(offset: number, owner: string, foreign = false): string {
    this.state[offset] = 1;
    this.taken += 1;
    const address = formatIpv4(this.cidr.base + offset);
    const h = this.holding(owner, foreign);
    if (!h.primary) h.primary = address;
    else h.secondaries.push(address);
    return address;
  }

  /** The offset of the next free single address, or undefined when the subnet is full. */
  private nextFree(): number | undefined {
    const last = this.cidr.size - 1;
    while (this.cursor < last && this.state[this.cursor] !== 0) this.cursor++;
    return this.cursor < last ? this.cursor : undefined;
  }

  /** The address `allocate` would hand out next, without taking it. */
  peek(): string | undefined {
    const offset = this.nextFree();
    return offset === undefined
      ? undefined
      : formatIpv4(this.cidr.base + offset);
  }

  /** The next free single address (reservations skipped), or undefined when the subnet is full. */
  allocate(owner = 'unnamed'): string | undefined {
    const offset = this.nextFree();
    return offset === undefined ? undefined : this.take(offset, owner);
  }

  /** Takes `count` single addresses for a holder (warm pools, or other services when `foreign`). */
  reserve(count: number, owner = 'unnamed', foreign = false): void {
    for (let i = 0; i < count; i++) {
      const offset = this.nextFree();
      if (offset === undefined) return;
      this.take(offset, owner, foreign);
    }
  }

  /**
   * A /28 prefix for `owner`: the first aligned block with every address free (prefix
   * reservations first), or undefined when none is left (EC2's `InsufficientCidrBlocks`).
   */
  allocatePrefix(owner: string): string | undefined {
    const blocks = this.cidr.size / PREFIX_SIZE;
    const free = (b: number, kept: boolean) => {
      for (let o = b * PREFIX_SIZE; o < (b + 1) * PREFIX_SIZE; o++) {
        if (o < 4 || o === this.cidr.size - 1) return false;
        const s = this.state[o];
        if (s === 1 || s === 2 || (kept && s !== 3)) return false;
      }
      return true;
    };
    for (const kept of [true, false]) {
      for (let b = 0; b < blocks; b++) {
        if (!free(b, kept)) continue;
        this.state.fill(1, b * PREFIX_SIZE, (b + 1) * PREFIX_SIZE);
        this.taken += PREFIX_SIZE;
        const prefix = `${formatIpv4(this.cidr.base + b * PREFIX_SIZE)}/28`;
        this.holding(owner).prefixes.push(prefix);
        return prefix;
      }
    }
    return undefined;
  }

  /**
   * Other services' ENIs scattered over the subnet's free space, one address in each of the last
   * `count` /28 blocks: free addresses remain, but those blocks can no longer be prefixes.
   */
  scatter(count: number, ownerPrefix: string): void {
    const blocks = this.cidr.size / PREFIX_SIZE;
    for (let i = 0; i < count && i < blocks; i++) {
      const offset = (blocks - 1 - i) * PREFIX_SIZE + 7;
      if (offset >= 4 && this.state[offset] === 0) {
        this.take(offset, `${ownerPrefix}-${i}`, true);
      }
    }
  }
}
