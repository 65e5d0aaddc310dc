/** IPv4 arithmetic on unsigned 32-bit integers. */

export function parseIpv4(address: string): number {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some(p => !(p >= 0 && p <= 255))) {
    throw new Error(`Invalid IPv4 address '${address}'`);
  }
  return (
    ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
  );
}

export function formatIpv4(value: number): string {
  return [
    value >>> 24,
    (value >>> 16) & 255,
    (value >>> 8) & 255,
    value & 255,
  ].join('.');
}

export interface Cidr {
  base: number;
  prefix: number;
  size: number;
}

export function parseCidr(cidr: string): Cidr {
  const [address, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  if (!(prefix >= 0 && prefix <= 32)) {
    throw new Error(`Invalid CIDR '${cidr}'`);
  }
  const size = 2 ** (32 - prefix);
  const base = parseIpv4(address) - (parseIpv4(address) % size);
  return { base, prefix, size };
}

/** AWS reserves the first four and the last address of every subnet. */
export const AWS_RESERVED_PER_SUBNET = 5;
