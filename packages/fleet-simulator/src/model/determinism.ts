import { createHash } from 'node:crypto';

/** A small seeded PRNG (mulberry32): the same seed gives the same fleet. */
export class SeededRandom {
  private state: number;

  constructor(seed: number | string) {
    this.state =
      typeof seed === 'number' ? seed >>> 0 : hashToUint32(String(seed));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** A stable 32-bit hash of a string. */
export function hashToUint32(value: string): number {
  return createHash('sha256').update(value).digest().readUInt32BE(0);
}

// The alphabet Kubernetes uses for generated name suffixes (no vowels, no ambiguous characters).
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A Kubernetes-style random suffix, derived from `key` so it is stable across runs. */
export function nameSuffix(key: string, length: number): string {
  const digest = createHash('sha256').update(key).digest();
  let out = '';
  for (let i = 0; i < length; i++) {
    out += NAME_ALPHABET[digest[i] % NAME_ALPHABET.length];
  }
  return out;
}

/** A stable hex string (EC2 ids, UIDs). */
export function hexId(key: string, length: number): string {
  return createHash('sha256').update(key).digest('hex').slice(0, length);
}

/** An RFC 4122-shaped UID derived from `key`. */
export function uid(key: string): string {
  const h = hexId(`uid:${key}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}
