/*
 * Starts a generated cluster (default 5,000 nodes, 150,000 pods) in a child process, pages every pod
 * through it with limit=500 (as the backend collector does), then fetches the whole list unpaged, and
 * prints the simulator's peak RSS (VmHWM from /proc). Fails when the totals are wrong or RSS > 2 GiB.
 *
 *   node bin/fleet-simulator-memory-check [--nodes 5000] [--pods 150000] [--seed 1]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function get(
  url: string,
  ca: string,
  token: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, headers: { Authorization: `Bearer ${token}` } }, res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
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
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-sim-memory-'));
  const bin = path.resolve(__dirname, '../bin/fleet-simulator');
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      bin,
      '--nodes',
      String(nodes),
      '--pods',
      String(pods),
      '--seed',
      String(seed),
      '--state-dir',
      stateDir,
      '--admin-port',
      '0',
      '--aws-port',
      '0',
      '--kube-base-port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', d => {
        out += d;
        if (out.includes('fleet-simulator ready')) resolve();
      });
      child.on('exit', code =>
        reject(new Error(`simulator exited with ${code}`)),
      );
    });
    const readyMs = Date.now() - started;
    const fleet = JSON.parse(
      fs.readFileSync(path.join(stateDir, 'fleet.json'), 'utf8'),
    );
    const ca = fs.readFileSync(path.join(stateDir, 'ca.crt'), 'utf8');
    const [cluster] = Object.values(fleet.clusters) as {
      url: string;
      token: string;
    }[];
    const rssAfterStart = peakRssMiB(child.pid!);

    const t0 = Date.now();
    let count = 0;
    let pages = 0;
    let token: string | undefined;
    do {
      const url = `${cluster.url}/api/v1/pods?limit=500${
        token ? `&continue=${encodeURIComponent(token)}` : ''
      }`;
      const res = await get(url, ca, cluster.token);
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
    const rssAfterPaged = peakRssMiB(child.pid!);

    const t1 = Date.now();
    const full = await get(`${cluster.url}/api/v1/pods`, ca, cluster.token);
    const fullCount = JSON.parse(full.body).items.length;
    const fullMs = Date.now() - t1;
    const peak = peakRssMiB(child.pid!);

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
    child.kill('SIGTERM');
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch(e => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exitCode = 1;
});
