/**
 * An IPv4 CIDR block as numbers: `base` is the first address as an unsigned 32-bit
 * integer, `size` = 2^(32 - prefixLength).
 *
 * @public
 */
export type Ipv4Cidr = {
  base: number;
  prefixLength: number;
  size: number;
};

const ADDRESS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * An IPv4 address in dotted-quad notation as an unsigned 32-bit integer; undefined for
 * anything else (IPv6 addresses included).
 *
 * @public
 */
export function parseIpv4Address(text: string): number | undefined {
  const match = ADDRESS.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some(o => o > 255)) return undefined;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

/**
 * `10.2.0.0/16` as {@link Ipv4Cidr}; undefined for text that is not an IPv4 CIDR. Host bits
 * are dropped (`10.2.3.4/16` is `10.2.0.0/16`), as routers read a block.
 *
 * @public
 */
export function parseIpv4Cidr(text: string | undefined): Ipv4Cidr | undefined {
  const [address, prefix, ...rest] = (text ?? '').split('/');
  if (rest.length > 0 || !/^\d{1,2}$/.test(prefix ?? '')) return undefined;
  const prefixLength = Number(prefix);
  const value = parseIpv4Address(address);
  if (value === undefined || prefixLength > 32) return undefined;
  const size = 2 ** (32 - prefixLength);
  return { base: value - (value % size), prefixLength, size };
}

/**
 * Whether an address (from {@link parseIpv4Address}) lies in the block.
 *
 * @public
 */
export function cidrContains(cidr: Ipv4Cidr, address: number): boolean {
  return address >= cidr.base && address < cidr.base + cidr.size;
}

/**
 * Whether the block `inner` lies wholly in `outer`.
 *
 * @public
 */
export function cidrWithin(inner: Ipv4Cidr, outer: Ipv4Cidr): boolean {
  return (
    cidrContains(outer, inner.base) &&
    inner.base + inner.size <= outer.base + outer.size
  );
}
