/*
 * Starts a generated cluster (default 5,000 nodes, 150,000 pods) in a child process, pages every pod
 * through it with limit=500 (as the backend collector does), then fetches the whole list unpaged, and
 * prints the simulator's peak RSS (VmHWM from /proc). Fails when the totals are wrong or RSS > 2 GiB.
 *
 *   node bin/fleet-simulator-memory-check [--nodes 5000] [--pods 150000] [--seed 1]
 */
import fs from 'node:fs';
import { startFleetSimulator } from '../src/process/startFleetSimulator';
import { kubeGet } from '../src/testUtils';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function main() {
  const nodes = arg('nodes', 5000);
  const pods = arg('pods', 150000);
  const seed = arg('seed', 1);
  const started = Date.now();
  const sim = await startFleetSimulator({
    generate: { nodes, pods, seed },
    stderr: 'inherit',
    // Generating 150,000 pods takes far longer than a scenario.
    timeoutMs: 10 * 60_000,
  });
  try {
    const readyMs = Date.now() - started;
    const fleet = sim.fleet;
    const ca = fs.readFileSync(fleet.caFile, 'utf8');
    const [cluster] = Object.values(fleet.clusters);
    const rssAfterStart = peakRssMiB(sim.pid);

    const t0 = Date.now();
    let count = 0;
    let pages = 0;
    let token: string | undefined;
    do {
      const url = `${cluster.url}/api/v1/pods?limit=500${
        token ? `&continue=${encodeURIComponent(token)}` : ''
      }`;
      const res = await kubeGet(url, ca, cluster.token);
      if (res.status !== 200)
        throw new Error(
          `page ${pages} answered ${res.status}: ${res.body.slice(0, 200)}`,
        );
      const list = JSON.parse(res.body);
      count += list.items.length;
      token = list.metadata.continue;
      pages += 1;
    } while (token);
    const pagedMs = Date.now() - t0;
    const rssAfterPaged = peakRssMiB(sim.pid);

    const t1 = Date.now();
    const full = await kubeGet(`${cluster.url}/api/v1/pods`, ca, cluster.token);
    const fullCount = JSON.parse(full.body).items.length;
    const fullMs = Date.now() - t1;
    const peak = peakRssMiB(sim.pid);

    const report = {
      nodes,
      pods,
      readyMs,
      pagedList: { pages, items: count, ms: pagedMs },
      unpagedList: { items: fullCount, bytes: full.body.length, ms: fullMs },
      simulatorPeakRssMiB: {
        afterStart: rssAfterStart,
        afterPagedList: rssAfterPaged,
        afterUnpagedList: peak,
      },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (count !== pods || fullCount !== pods)
      throw new Error(
        `expected ${pods} pods, got ${count} paged and ${fullCount} unpaged`,
      );
    if (peak > 2048)
      throw new Error(`simulator peak RSS ${peak} MiB is over 2 GiB`);
  } finally {
    await sim.stop();
  }
}

main().catch(e => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exitCode = 1;
});
