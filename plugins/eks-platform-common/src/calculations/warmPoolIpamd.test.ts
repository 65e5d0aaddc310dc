import {
  AwsNodeSettings,
  DEFAULT_AWS_NODE_SETTINGS,
  WarmPoolFootprint,
  parseAwsNodeSettings,
  warmPoolFootprint,
} from './awsNodeSettings';

// Instance types as EC2 DescribeInstanceTypes gives them (default card ENIs x IPv4 per ENI).
const M5_LARGE = { maxEnis: 3, ipv4AddressesPerEni: 10 }; // 9 secondary IPs or prefixes per ENI
const M5_4XLARGE = { maxEnis: 8, ipv4AddressesPerEni: 30 };
const T3_SMALL = { maxEnis: 3, ipv4AddressesPerEni: 4 };

const IPAMD = 'aws/amazon-vpc-cni-k8s pkg/ipamd/ipamd.go';
const DATASTORE = 'aws/amazon-vpc-cni-k8s pkg/ipamd/datastore/data_store.go';

type Row = {
  /** What ipamd does, and where (file and function) it does it. */
  behaviour: string;
  source: string;
  type: { maxEnis: number; ipv4AddressesPerEni: number };
  /** aws-node env, read with parseAwsNodeSettings. */
  env: Record<string, string>;
  pods: number;
  maxPods?: number;
  expected: Partial<WarmPoolFootprint>;
};

const ROWS: Row[] = [
  // Secondary-IP mode, WARM_ENI_TARGET (no IP targets).
  {
    behaviour: 'defaults: a node with no pods fills its primary ENI (9 IPs)',
    source: `${IPAMD} isDatastorePoolTooLow (available < maxIPsPerENI x WARM_ENI_TARGET), tryAssignIPs`,
    type: M5_LARGE,
    env: {},
    pods: 0,
    expected: { enis: 1, podAddresses: 9, subnetAddresses: 10 },
  },
  {
    behaviour:
      'defaults: 4 pods keep one full spare ENI, 2 ENIs x 9 IPs + 2 primaries',
    source: `${IPAMD} isDatastorePoolTooLow, tryAllocateENI (GetENIResourcesToAllocate = maxIPsPerENI)`,
    type: M5_LARGE,
    env: {},
    pods: 4,
    expected: {
      governedBy: 'WARM_ENI_TARGET',
      enis: 2,
      podAddresses: 18,
      warmAddresses: 14,
      subnetAddresses: 20,
    },
  },
  {
    behaviour: 'defaults: 9 pods fill ENI 1 exactly, ENI 2 is the spare',
    source: `${IPAMD} isDatastorePoolTooLow (9 available = 9 x 1: not low)`,
    type: M5_LARGE,
    env: {},
    pods: 9,
    expected: { enis: 2, podAddresses: 18, subnetAddresses: 20 },
  },
  {
    behaviour: 'defaults: 10 pods need a third ENI',
    source: `${IPAMD} isDatastorePoolTooLow`,
    type: M5_LARGE,
    env: {},
    pods: 10,
    expected: { enis: 3, podAddresses: 27, subnetAddresses: 30 },
  },
  {
    behaviour:
      'the ENI limit caps the warm target: 27 pods on 3 ENIs, no spare left',
    source: `${IPAMD} hasRoomForEni (ENIs < maxENI)`,
    type: M5_LARGE,
    env: {},
    pods: 27,
    expected: { enis: 3, podAddresses: 27, warmAddresses: 0 },
  },
  {
    behaviour: 'WARM_ENI_TARGET=2 keeps two spare ENIs',
    source: `${IPAMD} isDatastorePoolTooLow`,
    type: M5_LARGE,
    env: { WARM_ENI_TARGET: '2' },
    pods: 0,
    expected: { enis: 2, podAddresses: 18, subnetAddresses: 20 },
  },
  {
    behaviour: 'MAX_ENI=2 lowers the ENI limit below the instance type’s 3',
    source: `${IPAMD} getMaxENI, hasRoomForEni`,
    type: M5_LARGE,
    env: { MAX_ENI: '2' },
    pods: 10,
    expected: { enis: 2, podAddresses: 18, subnetAddresses: 20 },
  },
  {
    behaviour:
      'WARM_ENI_TARGET=0, no IP targets: the pool grows only when no IP is free, by a whole ENI',
    source: `${IPAMD} isDatastorePoolTooLow (warmTarget == 0 && available == 0)`,
    type: M5_LARGE,
    env: { WARM_ENI_TARGET: '0' },
    pods: 0,
    expected: { enis: 1, podAddresses: 9, subnetAddresses: 10 },
  },
  {
    behaviour: 'WARM_ENI_TARGET=0: 8 pods leave 1 IP free, no new ENI',
    source: `${IPAMD} isDatastorePoolTooLow`,
    type: M5_LARGE,
    env: { WARM_ENI_TARGET: '0' },
    pods: 8,
    expected: { enis: 1, podAddresses: 9, warmAddresses: 1 },
  },
  {
    behaviour: 'WARM_ENI_TARGET=0: 9 pods use every IP, a second ENI comes',
    source: `${IPAMD} isDatastorePoolTooLow (available == 0)`,
    type: M5_LARGE,
    env: { WARM_ENI_TARGET: '0' },
    pods: 9,
    expected: { enis: 2, podAddresses: 18, subnetAddresses: 20 },
  },
  {
    behaviour:
      'the node’s max pods stops growth: m5.4xlarge at max pods 110 stops at 4 ENIs (116 IPs)',
    source: `${IPAMD} isDatastorePoolTooLow (TotalIPs >= maxPods: not low)`,
    type: M5_4XLARGE,
    env: {},
    pods: 100,
    maxPods: 110,
    expected: { enis: 4, podAddresses: 116, subnetAddresses: 120 },
  },
  // Secondary-IP mode, WARM_IP_TARGET / MINIMUM_IP_TARGET.
  {
    behaviour: 'WARM_IP_TARGET=5 alone: 5 free IPs, no whole ENI',
    source: `${IPAMD} datastoreTargetState (short = WARM_IP_TARGET - available), tryAssignIPs`,
    type: M5_LARGE,
    env: { WARM_IP_TARGET: '5' },
    pods: 0,
    expected: {
      governedBy: 'WARM_IP_TARGET/MINIMUM_IP_TARGET',
      enis: 1,
      podAddresses: 5,
      subnetAddresses: 6,
    },
  },
  {
    behaviour:
      'WARM_IP_TARGET=5: 7 pods hold 12 IPs, the first ENI full before the second',
    source: `${IPAMD} tryAssignIPs; ${DATASTORE} GetAllocatableENIs`,
    type: M5_LARGE,
    env: { WARM_IP_TARGET: '5' },
    pods: 7,
    expected: { enis: 2, podAddresses: 12, subnetAddresses: 14 },
  },
  {
    behaviour: 'WARM_IP_TARGET=5 + MINIMUM_IP_TARGET=10: the floor of 10 IPs',
    source: `${IPAMD} datastoreTargetState (short = max(short, MINIMUM_IP_TARGET - total))`,
    type: M5_LARGE,
    env: { WARM_IP_TARGET: '5', MINIMUM_IP_TARGET: '10' },
    pods: 0,
    expected: { enis: 2, podAddresses: 10, subnetAddresses: 12 },
  },
  {
    behaviour:
      'WARM_IP_TARGET=5 + MINIMUM_IP_TARGET=10: 20 pods hold 25 IPs (the warm target wins)',
    source: `${IPAMD} datastoreTargetState`,
    type: M5_LARGE,
    env: { WARM_IP_TARGET: '5', MINIMUM_IP_TARGET: '10' },
    pods: 20,
    expected: { enis: 3, podAddresses: 25, subnetAddresses: 28 },
  },
  {
    behaviour:
      'MINIMUM_IP_TARGET=10 alone: WARM_IP_TARGET counts as 0, the pool stays at 10',
    source: `${IPAMD} warmIPTargetsDefined, datastoreTargetState; README MINIMUM_IP_TARGET note 2`,
    type: M5_LARGE,
    env: { MINIMUM_IP_TARGET: '10' },
    pods: 10,
    expected: { enis: 2, podAddresses: 10, warmAddresses: 0 },
  },
  {
    behaviour:
      'IP targets override WARM_ENI_TARGET, also WARM_ENI_TARGET=0 with WARM_IP_TARGET=2',
    source: `${IPAMD} isDatastorePoolTooLow (warmTargetDefined first)`,
    type: M5_LARGE,
    env: { WARM_ENI_TARGET: '0', WARM_IP_TARGET: '2' },
    pods: 3,
    expected: { enis: 1, podAddresses: 5, subnetAddresses: 6 },
  },
  {
    behaviour:
      'WARM_IP_TARGET=0 is no IP target: WARM_ENI_TARGET=1 governs again',
    source: `${IPAMD} getWarmIPTarget (noWarmIPTarget = 0)`,
    type: M5_LARGE,
    env: { WARM_IP_TARGET: '0' },
    pods: 4,
    expected: { governedBy: 'WARM_ENI_TARGET', enis: 2, podAddresses: 18 },
  },
  {
    behaviour: 'WARM_IP_TARGET=30 cannot exceed the 27 IPs of 3 ENIs',
    source: `${IPAMD} hasRoomForEni`,
    type: M5_LARGE,
    env: { WARM_IP_TARGET: '30' },
    pods: 0,
    expected: { enis: 3, podAddresses: 27, subnetAddresses: 30 },
  },
  // Custom networking: the primary ENI holds no pod addresses.
  {
    behaviour:
      'custom networking: pods only on secondary ENIs; the primary stays in the node subnet',
    source: `${DATASTORE} GetAllocatableENIs (skipPrimary when custom networking)`,
    type: M5_LARGE,
    env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' },
    pods: 4,
    expected: {
      enis: 3,
      podAddresses: 18,
      subnetAddresses: 21,
      podSubnetAddresses: 20,
    },
  },
  {
    behaviour: 'custom networking: 2 pod ENIs at most (18 IPs) on an m5.large',
    source: `${IPAMD} hasRoomForEni; ${DATASTORE} GetAllocatableENIs`,
    type: M5_LARGE,
    env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' },
    pods: 18,
    expected: { enis: 3, podAddresses: 18, warmAddresses: 0 },
  },
  {
    behaviour:
      'custom networking, WARM_ENI_TARGET=0, no pods: one secondary ENI (the primary cannot hold pods)',
    source: `${IPAMD} isDatastorePoolTooLow, tryAllocateENI`,
    type: M5_LARGE,
    env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true', WARM_ENI_TARGET: '0' },
    pods: 0,
    expected: { enis: 2, podAddresses: 9, podSubnetAddresses: 10 },
  },
  // Prefix delegation: /28 prefixes of 16 addresses, 9 prefixes per m5.large ENI.
  {
    behaviour:
      'WARM_PREFIX_TARGET=1 (the add-on manifest): one /28 = 16 addresses with no pods',
    source: `${IPAMD} isDatastorePoolTooLow (available < 16 x WARM_PREFIX_TARGET)`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' },
    pods: 0,
    expected: {
      governedBy: 'WARM_PREFIX_TARGET',
      enis: 1,
      prefixes: 1,
      podAddresses: 16,
      subnetAddresses: 17,
    },
  },
  {
    behaviour: 'WARM_PREFIX_TARGET=1: 5 pods, one used prefix + one free',
    source: `${IPAMD} getPrefixesNeeded, datastorePrefixTargetState`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' },
    pods: 5,
    expected: { prefixes: 2, podAddresses: 32, subnetAddresses: 33 },
  },
  {
    behaviour: 'WARM_PREFIX_TARGET=1: 17 pods use 2 prefixes, 1 free',
    source: `${IPAMD} isDatastorePoolTooLow, isDatastorePoolTooHigh (free prefixes > target)`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' },
    pods: 17,
    expected: { prefixes: 3, podAddresses: 48 },
  },
  {
    behaviour: 'WARM_PREFIX_TARGET=3: three free prefixes',
    source: `${IPAMD} datastorePrefixTargetState`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '3' },
    pods: 5,
    expected: { prefixes: 4, podAddresses: 64 },
  },
  {
    behaviour:
      'no WARM_PREFIX_TARGET (ipamd default 0): no pods still get one prefix',
    source: `${IPAMD} defaultWarmPrefixTarget = 0, isDatastorePoolTooLow (warmTarget == 0 && available == 0)`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true' },
    pods: 0,
    expected: { governedBy: 'WARM_PREFIX_TARGET', prefixes: 1 },
  },
  {
    behaviour:
      'no WARM_PREFIX_TARGET: 5 pods in one prefix, no spare prefix (free prefixes > 0 are released)',
    source: `${IPAMD} isDatastorePoolTooHigh, computeExtraPrefixesOverWarmTarget`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true' },
    pods: 5,
    expected: { prefixes: 1, podAddresses: 16, subnetAddresses: 17 },
  },
  {
    behaviour:
      'no WARM_PREFIX_TARGET: 16 pods fill the prefix, a second one comes',
    source: `${IPAMD} isDatastorePoolTooLow (available == 0)`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true' },
    pods: 16,
    expected: { prefixes: 2, podAddresses: 32 },
  },
  {
    behaviour:
      'WARM_ENI_TARGET plays no part with prefix delegation (replaced by WARM_PREFIX_TARGET)',
    source: `${IPAMD} isDatastorePoolTooLow, shouldRemoveExtraENIs`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_ENI_TARGET: '2' },
    pods: 5,
    expected: { governedBy: 'WARM_PREFIX_TARGET', enis: 1, prefixes: 1 },
  },
  {
    behaviour:
      'WARM_IP_TARGET=5 + MINIMUM_IP_TARGET=10 in prefixes: ceil(max(15 + 5, 10) / 16) = 2',
    source: `${IPAMD} datastoreTargetState (shortPrefix = DivCeil(short, 16)); ${DATASTORE} isRequiredForWarmIPTarget`,
    type: M5_LARGE,
    env: {
      ENABLE_PREFIX_DELEGATION: 'true',
      WARM_IP_TARGET: '5',
      MINIMUM_IP_TARGET: '10',
    },
    pods: 15,
    expected: {
      governedBy: 'WARM_IP_TARGET/MINIMUM_IP_TARGET',
      prefixes: 2,
      podAddresses: 32,
    },
  },
  {
    behaviour:
      'IP targets override WARM_PREFIX_TARGET: WARM_IP_TARGET=16 with 1 pod needs 2 prefixes',
    source: `${IPAMD} getPrefixesNeeded (WARM_IP_TARGET takes precedence); README WARM_IP_TARGET example 2`,
    type: M5_LARGE,
    env: {
      ENABLE_PREFIX_DELEGATION: 'true',
      WARM_PREFIX_TARGET: '1',
      WARM_IP_TARGET: '16',
    },
    pods: 1,
    expected: { prefixes: 2 },
  },
  {
    behaviour:
      'MINIMUM_IP_TARGET=20 alone in prefixes: 2 prefixes (20 rounds up to 32)',
    source: `${IPAMD} datastoreTargetState (prefixNeededForMinIP); docs/prefix-and-ip-target.md`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true', MINIMUM_IP_TARGET: '20' },
    pods: 0,
    expected: { prefixes: 2, podAddresses: 32 },
  },
  {
    behaviour:
      'max pods 110 stops prefixes at 7 (112 addresses) although the target is 8',
    source: `${IPAMD} isDatastorePoolTooLow (TotalIPs >= maxPods)`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' },
    pods: 100,
    maxPods: 110,
    expected: { enis: 1, prefixes: 7, podAddresses: 112, subnetAddresses: 113 },
  },
  {
    behaviour:
      'prefixes fill an ENI (9 on an m5.large) before the next is attached',
    source: `${IPAMD} tryAssignPrefixes, increaseDatastorePool; ${DATASTORE} GetAllocatableENIs`,
    type: M5_LARGE,
    env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' },
    pods: 150,
    expected: {
      enis: 2,
      prefixes: 11,
      podAddresses: 176,
      subnetAddresses: 178,
    },
  },
  {
    behaviour: 'prefixes capped by the ENIs: a t3.small holds 3 x 3 prefixes',
    source: `${IPAMD} hasRoomForEni, GetIPv4Limit (maxPrefixesPerENI)`,
    type: T3_SMALL,
    env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' },
    pods: 144,
    expected: { enis: 3, prefixes: 9, podAddresses: 144, warmAddresses: 0 },
  },
  {
    behaviour:
      'prefix delegation with custom networking: prefixes on a secondary ENI only',
    source: `${DATASTORE} GetAllocatableENIs (skipPrimary)`,
    type: M5_LARGE,
    env: {
      ENABLE_PREFIX_DELEGATION: 'true',
      WARM_PREFIX_TARGET: '1',
      AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true',
    },
    pods: 5,
    expected: {
      enis: 2,
      prefixes: 2,
      subnetAddresses: 34,
      podSubnetAddresses: 33,
    },
  },
];

describe('warmPoolFootprint against ipamd', () => {
  it.each(ROWS)(
    '$behaviour ($source)',
    ({ type, env, pods, maxPods, expected }) => {
      const result = warmPoolFootprint({
        ...type,
        podsWithVpcAddress: pods,
        maxPods,
        settings: parseAwsNodeSettings(env),
      });
      expect(result).toMatchObject(expected);
      // Every ENI takes its primary address from a subnet; pod addresses are IPs or prefixes x 16.
      expect(result.subnetAddresses).toBe(result.podAddresses + result.enis);
      expect(result.prefixes).toBe(
        result.mode === 'prefix-delegation'
          ? result.podAddresses / 16
          : undefined,
      );
    },
  );

  it('says in words why a pool has its size', () => {
    const settings = (env: Record<string, string>): AwsNodeSettings =>
      parseAwsNodeSettings(env);
    expect(
      warmPoolFootprint({
        ...M5_LARGE,
        podsWithVpcAddress: 9,
        settings: settings({ WARM_ENI_TARGET: '0' }),
      }).explanation,
    ).toBe(
      'WARM_ENI_TARGET 0: floor(9 pods / 9 IPs per ENI) + 1 ENIs, all IPs allocated (a new ENI only once every IP is in use)',
    );
    expect(
      warmPoolFootprint({
        ...M5_LARGE,
        podsWithVpcAddress: 100,
        maxPods: 110,
        settings: settings({
          ENABLE_PREFIX_DELEGATION: 'true',
          WARM_PREFIX_TARGET: '1',
        }),
      }).explanation,
    ).toBe(
      'ceil(100 pods / 16) + WARM_PREFIX_TARGET 1 prefixes, stopped at max pods 110',
    );
    expect(
      warmPoolFootprint({
        ...M5_LARGE,
        podsWithVpcAddress: 27,
        settings: DEFAULT_AWS_NODE_SETTINGS,
      }).explanation,
    ).toBe(
      'ceil(27 pods / 9 IPs per ENI) + WARM_ENI_TARGET 1 ENIs, all IPs allocated, limited to 3 ENIs',
    );
  });
});

describe('parseAwsNodeSettings reads values as ipamd does', () => {
  it('takes Go booleans (strconv.ParseBool) and integers (strconv.Atoi)', () => {
    expect(
      parseAwsNodeSettings({
        ENABLE_PREFIX_DELEGATION: '1',
        AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'True',
        WARM_IP_TARGET: '+5',
      }),
    ).toMatchObject({
      prefixDelegation: true,
      customNetworking: true,
      warmIpTarget: 5,
    });
    // Go rejects these, so ipamd keeps its defaults.
    expect(
      parseAwsNodeSettings({
        ENABLE_PREFIX_DELEGATION: 'yes',
        WARM_ENI_TARGET: '2.0',
        WARM_IP_TARGET: ' 5',
        MAX_ENI: '0',
      }),
    ).toMatchObject({
      prefixDelegation: false,
      warmEniTarget: 1,
      warmIpTarget: undefined,
      maxEni: undefined,
    });
  });
});
