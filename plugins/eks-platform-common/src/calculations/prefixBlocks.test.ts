import { prefixBlocksOf } from './prefixBlocks';

const SUBNET = {
  SubnetId: 'subnet-0a1b2c3d4e5f60718',
  CidrBlock: '10.0.1.0/24',
};

describe('prefixBlocksOf', () => {
  it('leaves the blocks of the AWS-reserved addresses out of a fresh /24', () => {
    // 256 / 16 = 16 blocks; .0-.3 take the first, .255 the last.
    expect(
      prefixBlocksOf({ ...SUBNET, AvailableIpAddressCount: 251 }, []),
    ).toEqual({
      totalBlocks: 16,
      freeBlocks: 14,
      addressesOnEnis: 0,
      unseenAddresses: 0,
      reservations: 0,
    });
  });

  it('finds no free /28 in a /24 with one address in every block, despite 235 free addresses', () => {
    const enis = Array.from({ length: 16 }, (_, i) => ({
      SubnetId: SUBNET.SubnetId,
      PrivateIpAddress: `10.0.1.${i * 16 + 5}`,
    }));
    const blocks = prefixBlocksOf(
      { ...SUBNET, AvailableIpAddressCount: 251 - 16 },
      enis,
    );
    expect(blocks).toMatchObject({ freeBlocks: 0, addressesOnEnis: 16 });
    expect(blocks?.unseenAddresses).toBe(0);
  });

  it('counts delegated prefixes, secondary addresses and explicit reservations as taken', () => {
    const blocks = prefixBlocksOf(
      SUBNET,
      [
        {
          SubnetId: SUBNET.SubnetId,
          PrivateIpAddress: '10.0.1.4',
          PrivateIpAddresses: [
            { PrivateIpAddress: '10.0.1.4', Primary: true },
            { PrivateIpAddress: '10.0.1.20' },
          ],
          Ipv4Prefixes: [{ Ipv4Prefix: '10.0.1.48/28' }],
        },
        // Another subnet's ENI is not this subnet's business.
        { SubnetId: 'subnet-0ffff', PrivateIpAddress: '10.0.1.70' },
      ],
      [
        {
          SubnetId: SUBNET.SubnetId,
          Cidr: '10.0.1.128/26',
          ReservationType: 'explicit',
        },
        {
          SubnetId: SUBNET.SubnetId,
          Cidr: '10.0.1.192/27',
          ReservationType: 'prefix',
        },
      ],
    );
    // Taken: .0/28 (reserved + .4), .16/28 (.20), .48/28 (prefix), .128/26 (4 blocks), .240/28 (.255).
    expect(blocks).toMatchObject({
      freeBlocks: 16 - 8,
      addressesOnEnis: 2 + 16,
      reservations: 2,
    });
  });

  it('says how many used addresses no listed ENI explains', () => {
    expect(
      prefixBlocksOf({ ...SUBNET, AvailableIpAddressCount: 200 }, [
        { PrivateIpAddress: '10.0.1.9' },
      ])?.unseenAddresses,
    ).toBe(51 - 1);
  });

  it('has no figure for a subnet without an IPv4 CIDR or smaller than a /28', () => {
    expect(prefixBlocksOf({ SubnetId: 'subnet-6' }, [])).toBeUndefined();
    expect(prefixBlocksOf({ CidrBlock: '10.0.0.0/29' }, [])).toBeUndefined();
  });
});
