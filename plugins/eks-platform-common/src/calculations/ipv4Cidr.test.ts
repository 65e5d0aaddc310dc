import {
  cidrContains,
  cidrWithin,
  parseIpv4Address,
  parseIpv4Cidr,
} from './ipv4Cidr';

describe('parseIpv4Cidr', () => {
  it('reads the EKS API example of a remote network, 10.2.0.0/16', () => {
    expect(parseIpv4Cidr('10.2.0.0/16')).toEqual({
      base: 10 * 2 ** 24 + 2 * 2 ** 16,
      prefixLength: 16,
      size: 65536,
    });
  });

  it('drops host bits and accepts /32 and /0', () => {
    expect(parseIpv4Cidr('10.2.3.4/16')).toEqual(parseIpv4Cidr('10.2.0.0/16'));
    expect(parseIpv4Cidr('192.168.1.7/32')?.size).toBe(1);
    expect(parseIpv4Cidr('0.0.0.0/0')?.size).toBe(2 ** 32);
  });

  it('refuses what is not an IPv4 CIDR', () => {
    for (const text of [
      '10.2.0.0',
      '10.2.0.0/33',
      '10.2.0.256/16',
      '2600:1f18::/64',
      '10.2.0.0/16/1',
      '',
      undefined,
    ]) {
      expect(parseIpv4Cidr(text)).toBeUndefined();
    }
  });
});

describe('containment', () => {
  const pool = parseIpv4Cidr('10.85.0.0/16')!;

  it('tells whether an address is in a block', () => {
    expect(cidrContains(pool, parseIpv4Address('10.85.255.255')!)).toBe(true);
    expect(cidrContains(pool, parseIpv4Address('10.86.0.0')!)).toBe(false);
    expect(parseIpv4Address('fd00::1')).toBeUndefined();
  });

  it('tells whether a node block lies in a pool', () => {
    expect(cidrWithin(parseIpv4Cidr('10.85.3.128/25')!, pool)).toBe(true);
    expect(cidrWithin(parseIpv4Cidr('10.84.0.0/15')!, pool)).toBe(false);
  });
});
