import {
  type FleetFile,
  startFleetSimulator,
} from '@eks-platform/fleet-simulator';
import fs from 'node:fs';
import { trackChild } from './childCleanup';

/** A fleet simulator running in its own process, so its memory is not counted. */
export type SimulatorProcess = {
  fleet: FleetFile;
  stateDir: string;
  pid: number;
  /** Peak RSS of the simulator process so far (VmHWM), in bytes. */
  peakRssBytes(): number;
  /** Request counts per path, as the simulator's admin API reports them. */
  requests(
    cluster?: string,
  ): Promise<Array<{ api: string; path: string; count: number }>>;
  resetRequests(): Promise<void>;
  stop(): Promise<void>;
};

function peakRssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Starts `fleet-simulator` on ephemeral loopback ports: a generated cluster
 * (`generate`) or a scenario file. The bench adds the measurements it takes
 * of the simulator to the package's process handle.
 */
export async function startSimulatorProcess(
  source:
    | { generate: { nodes: number; pods: number; seed: number } }
    | { scenarioFile: string },
): Promise<SimulatorProcess> {
  const sim = await startFleetSimulator({
    ...source,
    // Generating the largest bench clusters takes far longer than a scenario.
    timeoutMs: 10 * 60_000,
    onSpawn: child => trackChild(child, { group: false }),
  });
  const { fleet, stateDir, pid, adminUrl } = sim;
  return {
    fleet,
    stateDir,
    pid,
    peakRssBytes: () => peakRssBytes(pid),
    async requests(cluster?: string) {
      const url = new URL(`${adminUrl}/admin/requests`);
      if (cluster) url.searchParams.set('cluster', cluster);
      const response = await fetch(url);
      const body = (await response.json()) as {
        requests: Array<{ api: string; path: string; count: number }>;
      };
      return body.requests.map(r => ({
        api: r.api,
        path: r.path,
        count: r.count,
      }));
    },
    async resetRequests() {
      await fetch(`${adminUrl}/admin/requests/reset`, { method: 'POST' });
    },
    stop: () => sim.stop(),
  };
}
