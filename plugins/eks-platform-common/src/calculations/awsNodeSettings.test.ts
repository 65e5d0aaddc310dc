import {
  AwsNodeSettings,
  DEFAULT_AWS_NODE_SETTINGS,
  parseAwsNodeSettings,
  warmPoolFootprint,
} from './awsNodeSettings';

describe('parseAwsNodeSettings', () => {
  it('reads the aws-node container env list', () => {
    const parsed = parseAwsNodeSettings([
      { name: 'ADDITIONAL_ENI_TAGS', value: '{}' },
      { name: 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG', value: 'true' },
      { name: 'ENABLE_PREFIX_DELEGATION', value: 'true' },
      { name: 'ENI_CONFIG_LABEL_DEF', value: 'topology.kubernetes.io/zone' },
      { name: 'WARM_ENI_TARGET', value: '1' },
      { name: 'WARM_PREFIX_TARGET', value: '1' },
      { name: 'MY_NODE_NAME' },
    ]);
    expect(parsed).toEqual({
      ...DEFAULT_AWS_NODE_SETTINGS,
      prefixDelegation: true,
      customNetworking: true,
      warmPrefixTarget: 1,
      eniConfigLabelDef: 'topology.kubernetes.io/zone',
    });
  });

  it('gives the CNI defaults for an empty env and ignores non-positive targets', () => {
    expect(parseAwsNodeSettings(undefined)).toEqual(DEFAULT_AWS_NODE_SETTINGS);
    const s = parseAwsNodeSettings({
      WARM_ENI_TARGET: '0',
      WARM_IP_TARGET: '0',
      MINIMUM_IP_TARGET: 'ten',
      WARM_PREFIX_TARGET: '-1',
    });
    expect(s.warmEniTarget).toBe(0);
    expect(s.warmIpTarget).toBeUndefined();
    expect(s.minimumIpTarget).toBeUndefined();
    expect(s.warmPrefixTarget).toBeUndefined();
  });
});

function settings(overrides: Partial<AwsNodeSettings>): AwsNodeSettings {
  return { ...DEFAULT_AWS_NODE_SETTINGS, ...overrides };
}
const T3_SMALL = { maxEnis: 3, ipv4AddressesPerEni: 4 };
const P3DN = { maxEnis: 15, ipv4AddressesPerEni: 50 };

// The example tables of aws/amazon-vpc-cni-k8s docs/eni-and-ip-target.md:
// [instance, WARM_ENI_TARGET, WARM_IP_TARGET, MINIMUM_IP_TARGET, pods, ENIs, secondary IPs]
const SECONDARY_IP_TABLE: Array<
  [
    typeof T3_SMALL,
    number | undefined,
    number | undefined,
    number | undefined,
    number,
    number,
    number,
  ]
> = [
  [T3_SMALL, 1, undefined, undefined, 0, 1, 3],
  [T3_SMALL, 1, undefined, undefined, 5, 3, 9],
  [T3_SMALL, 1, undefined, undefined, 9, 3, 9],
  [T3_SMALL, undefined, 1, 1, 0, 1, 1],
  [T3_SMALL, undefined, 1, 1, 5, 2, 6],
  [T3_SMALL, undefined, 1, 1, 9, 3, 9],
  [T3_SMALL, undefined, 2, 5, 0, 2, 5],
  [T3_SMALL, undefined, 2, 5, 5, 3, 7],
  [T3_SMALL, undefined, 2, 5, 9, 3, 9],
  [P3DN, 1, undefined, undefined, 0, 1, 49],
  [P3DN, 1, undefined, undefined, 3, 2, 98],
  [P3DN, 1, undefined, undefined, 95, 3, 147],
  [P3DN, undefined, 5, 10, 0, 1, 10],
  [P3DN, undefined, 5, 10, 7, 1, 12],
  [P3DN, undefined, 5, 10, 15, 1, 20],
  [P3DN, undefined, 5, 10, 45, 2, 50],
];

// The example table of docs/prefix-and-ip-target.md (rows whose columns agree):
// [instance, WARM_PREFIX_TARGET, WARM_IP_TARGET, MINIMUM_IP_TARGET, pods, prefixes]
const PREFIX_TABLE: Array<
  [
    typeof T3_SMALL,
    number | undefined,
    number | undefined,
    number | undefined,
    number,
    number,
  ]
> = [
  [T3_SMALL, 1, undefined, undefined, 0, 1],
  [T3_SMALL, 1, undefined, undefined, 5, 2],
  [T3_SMALL, 1, undefined, undefined, 16, 2],
  [T3_SMALL, 1, undefined, undefined, 17, 3],
  [T3_SMALL, 1, undefined, undefined, 58, 5],
  [T3_SMALL, undefined, 1, 1, 0, 1],
  [T3_SMALL, undefined, 1, 1, 5, 1],
  [T3_SMALL, undefined, 1, 1, 17, 2],
  [T3_SMALL, undefined, 1, 1, 58, 4],
  [T3_SMALL, undefined, 7, 20, 5, 2],
  [T3_SMALL, undefined, 7, 20, 17, 2],
  [T3_SMALL, undefined, 7, 20, 58, 5],
  [P3DN, 1, undefined, undefined, 95, 7],
  [P3DN, undefined, 5, 10, 0, 1],
  [P3DN, undefined, 5, 10, 7, 1],
  [P3DN, undefined, 5, 10, 15, 2],
  [P3DN, undefined, 5, 10, 45, 4],
];

describe('warmPoolFootprint', () => {
  it.each(SECONDARY_IP_TABLE)(
    'secondary IPs: %o WARM_ENI %s WARM_IP %s MIN_IP %s, %i pods -> %i ENIs, %i IPs',
    (type, warmEni, warmIp, minIp, pods, enis, ips) => {
      const result = warmPoolFootprint({
        ...type,
        podsWithVpcAddress: pods,
        settings: settings({
          warmEniTarget: warmEni ?? 1,
          warmIpTarget: warmIp,
          minimumIpTarget: minIp,
        }),
      });
      expect([result.enis, result.podAddresses]).toEqual([enis, ips]);
      expect(result.subnetAddresses).toBe(ips + enis);
    },
  );

  it.each(PREFIX_TABLE)(
    'prefixes: %o WARM_PREFIX %s WARM_IP %s MIN_IP %s, %i pods -> %i prefixes',
    (type, warmPrefix, warmIp, minIp, pods, prefixes) => {
      const result = warmPoolFootprint({
        ...type,
        podsWithVpcAddress: pods,
        settings: settings({
          prefixDelegation: true,
          warmPrefixTarget: warmPrefix,
          warmIpTarget: warmIp,
          minimumIpTarget: minIp,
        }),
      });
      expect(result.prefixes).toBe(prefixes);
      expect(result.podAddresses).toBe(prefixes * 16);
    },
  );

  it('shows a default node holds far more addresses than it has pods', () => {
    // m5.large, 4 pods, WARM_ENI_TARGET=1: 2 ENIs x 9 secondary IPs + 2 primaries
    const result = warmPoolFootprint({
      maxEnis: 3,
      ipv4AddressesPerEni: 10,
      podsWithVpcAddress: 4,
      settings: DEFAULT_AWS_NODE_SETTINGS,
    });
    expect(result).toMatchObject({
      governedBy: 'WARM_ENI_TARGET',
      enis: 2,
      podAddresses: 18,
      warmAddresses: 14,
      subnetAddresses: 20,
    });
    expect(result.explanation).toBe(
      'ceil(4 pods / 9 IPs per ENI) + WARM_ENI_TARGET 1 ENIs, all IPs allocated',
    );
  });

  it('keeps the primary ENI out of the pod subnet with custom networking', () => {
    const result = warmPoolFootprint({
      maxEnis: 3,
      ipv4AddressesPerEni: 10,
      podsWithVpcAddress: 4,
      settings: settings({ customNetworking: true }),
    });
    // pod ENIs: ceil(4/9) + 1 = 2 secondary ENIs, plus the primary in the node subnet
    expect(result.enis).toBe(3);
    expect(result.podSubnetAddresses).toBe(18 + 2);
    expect(result.subnetAddresses).toBe(18 + 3);
  });

  it('respects MAX_ENI', () => {
    const result = warmPoolFootprint({
      ...P3DN,
      podsWithVpcAddress: 95,
      settings: settings({ maxEni: 2 }),
    });
    expect(result.enis).toBe(2);
  });
});

describe('parseAwsNodeSettings: security groups for pods and subnet discovery', () => {
  it('reads ENABLE_POD_ENI and an explicit ENABLE_SUBNET_DISCOVERY', () => {
    expect(
      parseAwsNodeSettings({
        ENABLE_POD_ENI: 'true',
        ENABLE_SUBNET_DISCOVERY: 'false',
      }),
    ).toEqual({
      ...DEFAULT_AWS_NODE_SETTINGS,
      podEni: true,
      subnetDiscovery: false,
    });
    expect(parseAwsNodeSettings({ ENABLE_POD_ENI: 'false' })).toEqual(
      DEFAULT_AWS_NODE_SETTINGS,
    );
  });
});
