import {
  defaultNetworkCardEnis,
  maxPodsFor,
  supportsPrefixDelegation,
} from './maxPods';
import {
  PUBLISHED_INSTANCE_TYPES,
  toInstanceTypeInfo,
} from './__fixtures__/publishedInstanceTypes';
import type { Ec2InstanceTypeInfo } from './types';

const byName = new Map(
  PUBLISHED_INSTANCE_TYPES.map(row => [row[0], toInstanceTypeInfo(row)]),
);
function type(name: string): Ec2InstanceTypeInfo {
  const info = byName.get(name);
  if (!info) {
    throw new Error(`${name} is not in the fixture`);
  }
  return info;
}

describe('maxPodsFor', () => {
  it('equals the published eni-max-pods.txt figure for every instance type in it', () => {
    const mismatches = PUBLISHED_INSTANCE_TYPES.filter(
      row => maxPodsFor(toInstanceTypeInfo(row)).maxPods !== row[1],
    ).map(row => row[0]);
    expect(PUBLISHED_INSTANCE_TYPES.length).toBeGreaterThan(1300);
    expect(mismatches).toEqual([]);
  });

  it('covers the families a platform team runs', () => {
    for (const name of [
      't2.micro',
      't3.medium',
      'm5.large',
      'c5.xlarge',
      'r5.2xlarge',
      'm6i.4xlarge',
      'c6g.medium',
      'm7g.large',
      'p5.48xlarge',
    ]) {
      expect(byName.has(name)).toBe(true);
    }
  });

  it.each([
    ['t3.micro', 4],
    ['t3.medium', 17],
    ['m5.large', 29],
    ['m5.xlarge', 58],
    ['m5.4xlarge', 234],
    ['m5.24xlarge', 737],
    ['c6g.medium', 8],
    ['p5.48xlarge', 100],
  ])('gives the domain sample %s -> %i', (name, expected) => {
    const result = maxPodsFor(type(name));
    expect(result.maxPods).toBe(expected);
    expect(result.rule).toBe('secondary-ip');
    expect(result.capped).toBe(false);
  });

  it('explains the number', () => {
    expect(maxPodsFor(type('m5.large'))).toMatchObject({
      instanceType: 'm5.large',
      maxPods: 29,
      formula: '3 ENIs x (10 IPv4 per ENI - 1) + 2 = 29',
      enisForPods: 3,
      defaultCardEnis: 3,
      ipv4AddressesPerEni: 10,
      podIpCapacity: 27,
      notes: [],
    });
  });

  it('counts only the default network card of a multi-card type', () => {
    const p5 = type('p5.48xlarge');
    expect(p5.NetworkInfo?.MaximumNetworkInterfaces).toBe(64);
    expect(defaultNetworkCardEnis(p5)).toBe(2);
    expect(maxPodsFor(p5).formula).toBe(
      '2 ENIs x (50 IPv4 per ENI - 1) + 2 = 100',
    );
  });

  it('uses the card named by DefaultNetworkCardIndex, not card 0', () => {
    const custom: Ec2InstanceTypeInfo = {
      InstanceType: 'x9.example',
      Hypervisor: 'nitro',
      NetworkInfo: {
        MaximumNetworkInterfaces: 10,
        Ipv4AddressesPerInterface: 10,
        DefaultNetworkCardIndex: 1,
        NetworkCards: [
          { NetworkCardIndex: 0, MaximumNetworkInterfaces: 2 },
          { NetworkCardIndex: 1, MaximumNetworkInterfaces: 8 },
        ],
      },
    };
    expect(maxPodsFor(custom).maxPods).toBe(8 * 9 + 2);
  });

  it('falls back to MaximumNetworkInterfaces when no card list is given', () => {
    expect(
      maxPodsFor({
        InstanceType: 'm5.large',
        NetworkInfo: {
          MaximumNetworkInterfaces: 3,
          Ipv4AddressesPerInterface: 10,
        },
      }).maxPods,
    ).toBe(29);
  });

  it('gives m5.large 110 with prefix delegation, capped by the vCPU ceiling', () => {
    const result = maxPodsFor(type('m5.large'), { prefixDelegation: true });
    expect(result).toMatchObject({
      maxPods: 110,
      rule: 'prefix-delegation',
      capped: true,
      ceiling: 110,
      uncappedMaxPods: 3 * 9 * 16 + 2,
    });
    expect(result.formula).toBe(
      '3 ENIs x ((10 IPv4 per ENI - 1) x 16) + 2 = 434, capped at 110 (2 vCPUs <= 30)',
    );
  });

  it('caps large types at 250 with prefix delegation', () => {
    const result = maxPodsFor(type('m5.24xlarge'), { prefixDelegation: true });
    expect(result.maxPods).toBe(250);
    expect(result.ceiling).toBe(250);
    expect(result.uncappedMaxPods).toBe(15 * 49 * 16 + 2);
  });

  it('leaves a prefix-delegation figure under the ceiling alone', () => {
    // t3.micro: 2 ENIs x ((2 - 1) x 16) + 2 = 34
    const result = maxPodsFor(type('t3.micro'), { prefixDelegation: true });
    expect(result).toMatchObject({ maxPods: 34, capped: false, ceiling: 110 });
  });

  it('can report the uncapped prefix-delegation figure', () => {
    expect(
      maxPodsFor(type('m5.large'), { prefixDelegation: true, cap: false })
        .maxPods,
    ).toBe(434);
  });

  it('can cap the secondary-IP figure as max-pods-calculator.sh does by default', () => {
    expect(
      maxPodsFor(type('m5.24xlarge'), { capSecondaryIp: true }).maxPods,
    ).toBe(250);
    expect(maxPodsFor(type('m5.large'), { capSecondaryIp: true }).maxPods).toBe(
      29,
    );
  });

  it('gives m5.large 20 with custom networking', () => {
    const result = maxPodsFor(type('m5.large'), { customNetworking: true });
    expect(result.maxPods).toBe(20);
    expect(result.enisForPods).toBe(2);
    expect(result.notes[0]).toMatch(/custom networking/);
  });

  it('combines custom networking with prefix delegation', () => {
    // 2 ENIs x 9 x 16 + 2 = 290, capped at 110
    expect(
      maxPodsFor(type('m5.large'), {
        customNetworking: true,
        prefixDelegation: true,
      }).uncappedMaxPods,
    ).toBe(290);
  });

  it('honours a max-ENI limit before removing the custom-networking ENI', () => {
    const result = maxPodsFor(type('m5.4xlarge'), {
      maxEnis: 4,
      customNetworking: true,
    });
    expect(result.enisForPods).toBe(3);
    expect(result.maxPods).toBe(3 * 29 + 2);
  });

  it('falls back to secondary IPs when prefix delegation is asked for on Xen', () => {
    const t2 = type('t2.medium');
    expect(t2.Hypervisor).toBe('xen');
    const result = maxPodsFor(t2, { prefixDelegation: true });
    expect(result.rule).toBe('secondary-ip');
    expect(result.maxPods).toBe(17);
    expect(result.notes.join(' ')).toMatch(
      /needs a Nitro or bare-metal instance/,
    );
  });

  it('treats bare-metal types as prefix-capable, as the CNI does', () => {
    const metal = type('m5.metal');
    expect(metal.Hypervisor).toBeUndefined();
    expect(supportsPrefixDelegation(metal)).toBe(true);
    expect(maxPodsFor(metal, { prefixDelegation: true }).maxPods).toBe(250);
  });

  it('assumes the low ceiling and says so when the vCPU count is unknown', () => {
    const result = maxPodsFor(type('u-12tb1.metal'), {
      prefixDelegation: true,
    });
    expect(result.maxPods).toBe(110);
    expect(result.notes.join(' ')).toMatch(/vCPU count unknown/);
  });

  it('refuses an instance type without network facts', () => {
    expect(() => maxPodsFor({ InstanceType: 'm5.large' })).toThrow(
      /m5.large has no NetworkInfo/,
    );
  });
});
