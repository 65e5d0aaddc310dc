import { ScenarioNodeGroup } from '../scenario/schema';
import { getInstanceType, maxPodsFor } from './instanceTypes';
import { IpamdSettings, replayWarmPool } from './warmPools';

/**
 * The addresses each zone (node k in zone k % 3) of a generated cluster takes: per node its
 * pods, warm pool and ENI primaries as ipamd keeps them (replayWarmPool). App pod j runs on node
 * j % nodes; the pending ones (j % 997 == 13) have no address.
 */
export function generatedZoneAddresses(
  groups: ScenarioNodeGroup[],
  appPods: number,
  settings: IpamdSettings,
): number[] {
  const nodes = groups.reduce((s, g) => s + g.nodes, 0);
  const pending = new Array<number>(nodes).fill(0);
  for (let j = 13; j < appPods; j += 997) pending[j % nodes]++;
  const zones = [0, 0, 0];
  let k = 0;
  for (const group of groups) {
    for (let i = 0; i < group.nodes; i++, k++) {
      const type = getInstanceType(
        group.instanceTypes[i % group.instanceTypes.length],
      );
      const pool = replayWarmPool({
        pods:
          Math.floor(appPods / nodes) +
          (k < appPods % nodes ? 1 : 0) -
          pending[k],
        maxEnis: type.maxEnis,
        ipv4PerEni: type.ipv4PerEni,
        maxPods: maxPodsFor(type, settings),
        settings,
      });
      zones[k % 3] += pool.podAddresses + pool.enis;
    }
  }
  return zones;
}
