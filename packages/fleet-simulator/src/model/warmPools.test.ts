import { demoScenarioPath, loadScenarioFile } from '../scenario/loadScenario';
import { buildCluster } from './buildCluster';
import { ipamdSettings, replayWarmPool } from './warmPools';

// m5.large: 3 ENIs x 10 IPv4 (9 secondary IPs or /28 prefixes per ENI), max pods 29 / 110 (PD).
// The same cases as the common package's warmPoolIpamd.test.ts: the product's closed-form
// model and this replay of ipamd must agree.
// [aws-node env, pods, max pods, ENIs, pod addresses]
const PD = { ENABLE_PREFIX_DELEGATION: 'true' };
const CN = { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' };
const M5_LARGE: Array<
  [Record<string, string>, number, number, number, number]
> = [
  [{}, 0, 29, 1, 9],
  [{}, 4, 29, 2, 18],
  [{}, 9, 29, 2, 18],
  [{}, 10, 29, 3, 27],
  [{}, 27, 29, 3, 27],
  [{ WARM_ENI_TARGET: '2' }, 0, 29, 2, 18],
  [{ MAX_ENI: '2' }, 10, 29, 2, 18],
  [{ WARM_ENI_TARGET: '0' }, 0, 29, 1, 9],
  [{ WARM_ENI_TARGET: '0' }, 8, 29, 1, 9],
  [{ WARM_ENI_TARGET: '0' }, 9, 29, 2, 18],
  [{ WARM_IP_TARGET: '5' }, 0, 29, 1, 5],
  [{ WARM_IP_TARGET: '5' }, 7, 29, 2, 12],
  [{ WARM_IP_TARGET: '5', MINIMUM_IP_TARGET: '10' }, 0, 29, 2, 10],
  [{ WARM_IP_TARGET: '5', MINIMUM_IP_TARGET: '10' }, 20, 29, 3, 25],
  [{ MINIMUM_IP_TARGET: '10' }, 10, 29, 2, 10],
  [{ WARM_ENI_TARGET: '0', WARM_IP_TARGET: '2' }, 3, 29, 1, 5],
  [{ WARM_IP_TARGET: '30' }, 0, 29, 3, 27],
  [CN, 4, 20, 3, 18],
  [CN, 18, 20, 3, 18],
  [{ ...CN, WARM_ENI_TARGET: '0' }, 0, 20, 2, 9],
  [{ ...PD, WARM_PREFIX_TARGET: '1' }, 0, 110, 1, 16],
  [{ ...PD, WARM_PREFIX_TARGET: '1' }, 5, 110, 1, 32],
  [{ ...PD, WARM_PREFIX_TARGET: '1' }, 17, 110, 1, 48],
  [{ ...PD, WARM_PREFIX_TARGET: '3' }, 5, 110, 1, 64],
  [PD, 0, 110, 1, 16],
  [PD, 5, 110, 1, 16],
  [PD, 16, 110, 1, 32],
  [{ ...PD, WARM_ENI_TARGET: '2' }, 5, 110, 1, 16],
  [{ ...PD, WARM_IP_TARGET: '5', MINIMUM_IP_TARGET: '10' }, 15, 110, 1, 32],
  [{ ...PD, WARM_PREFIX_TARGET: '1', WARM_IP_TARGET: '16' }, 1, 110, 1, 32],
  [{ ...PD, MINIMUM_IP_TARGET: '20' }, 0, 110, 1, 32],
  [{ ...PD, WARM_PREFIX_TARGET: '1' }, 100, 110, 1, 112],
  [{ ...PD, WARM_PREFIX_TARGET: '1' }, 150, Infinity, 2, 176],
  [{ ...PD, ...CN, WARM_PREFIX_TARGET: '1' }, 5, 110, 2, 32],
];

describe('replayWarmPool (ipamd on one node)', () => {
  it.each(M5_LARGE)(
    'm5.large, env %j, %i pods, max pods %s -> %i ENIs, %i pod addresses',
    (env, pods, maxPods, enis, podAddresses) => {
      const pool = replayWarmPool({
        pods,
        maxPods,
        maxEnis: 3,
        ipv4PerEni: 10,
        settings: ipamdSettings(env),
      });
      expect([pool.enis, pool.podAddresses]).toEqual([enis, podAddresses]);
    },
  );

  it('stops at max pods: an m5.4xlarge at 110 pods holds 4 ENIs, not 5', () => {
    const pool = replayWarmPool({
      pods: 100,
      maxPods: 110,
      maxEnis: 8,
      ipv4PerEni: 30,
      settings: ipamdSettings({}),
    });
    expect(pool).toEqual({ enis: 4, podEnis: 4, podAddresses: 116 });
  });

  it('reads the env as Go does: 1/t/True are true, non-integers keep the default', () => {
    expect(
      ipamdSettings({
        ENABLE_PREFIX_DELEGATION: 't',
        WARM_ENI_TARGET: '2.0',
        WARM_PREFIX_TARGET: '-1',
        MAX_ENI: '0',
      }),
    ).toMatchObject({
      prefixDelegation: true,
      warmEniTarget: 1,
      warmPrefixTarget: 0,
      maxEni: 0,
    });
  });
});

describe('the demo fleet’s subnets', () => {
  const { scenario, catalog } = loadScenarioFile(demoScenarioPath());
  const free = (name: string) =>
    buildCluster(
      scenario.clusters.find(c => c.name === name)!,
      catalog,
    ).subnets.map(s => s.availableIps);

  it('lose to each node its pods, its warm pool and one primary address per ENI', () => {
    // WARM_ENI_TARGET=1, 1-3 pods per node: 2 ENIs x 14 IPs + 2 = 30 addresses on the
    // 4 x 15 types, 2 x 29 + 2 = 60 on the m5.4xlarge; zones a/b/c hold 240, 240 and 150 of
    // their /20's 4091 usable addresses.
    expect(free('prod-eu-west-1')).toEqual([3851, 3851, 3941]);
    // Prefix delegation, WARM_PREFIX_TARGET=1, 2-5 pods: 2 prefixes + 1 ENI = 33 a node.
    expect(free('prod-us-east-1')).toEqual([3992, 3992, 4025]);
    // Custom networking: the node subnets keep only the nodes (251 - 2); each pod subnet
    // (/19, 8187 usable) holds 2 nodes x (2 pod ENIs x 14 IPs + 2 primaries).
    expect(free('prod-ap-south-1')).toEqual([249, 249, 249, 8127, 8127, 8127]);
  });
});
