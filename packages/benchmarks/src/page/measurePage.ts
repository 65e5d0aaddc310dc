import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startBenchBackend } from '../api/benchBackend';
import { writeFleetScenario } from '../api/fleetScenario';
import { startSimulatorProcess } from '../simulatorProcess';

export type PageResult = {
  ok: boolean;
  reason?: string;
  appUrl: string;
  clusters: number;
  /** Navigation start to all cluster rows in the table, per run (first run: cold browser cache). */
  runsMs: number[];
  medianMs?: number;
  /** Time to the `/clusters` answer arriving in the browser, per run. */
  apiAnswerMs?: number[];
  /** From a click-like client-side navigation (history.pushState) to all rows, per run. */
  inAppRunsMs?: number[];
  inAppMedianMs?: number;
};

async function reachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return response.status < 500;
  } catch {
    return false;
  }
}

/**
 * The fleet page in headless Chromium with `clusters` clusters: needs a
 * running app (`--app-url`, the README's start command). Its
 * `/api/eks-platform/*` requests are answered by a bench backend that
 * collected a simulated fleet of that many clusters (routed by Playwright), so
 * the page renders real answers of our backend without touching the app's own
 * configuration. Measured: navigation start to every cluster's row in the
 * table, read with `performance.now()` inside the page.
 */
export async function measurePage(options: {
  appUrl: string;
  chromium: string;
  clusters: number;
  runs?: number;
  log: (line: string) => void;
}): Promise<PageResult> {
  const base: PageResult = {
    ok: false,
    appUrl: options.appUrl,
    clusters: options.clusters,
    runsMs: [],
  };
  if (!fs.existsSync(options.chromium)) {
    return {
      ...base,
      reason: `no Chromium at ${options.chromium} (set --chromium or EKS_PLATFORM_CHROMIUM)`,
    };
  }
  if (!(await reachable(options.appUrl))) {
    return {
      ...base,
      reason: `no app answering at ${options.appUrl}: start it with 'bash scripts/run.sh start' (or pass --app-url)`,
    };
  }

  const scenario = writeFleetScenario(options.clusters);
  const sim = await startSimulatorProcess({ scenarioFile: scenario.file });
  let backend: Awaited<ReturnType<typeof startBenchBackend>> | undefined;
  let page: import('playwright-core').Page | undefined;
  const browser = await chromium.launch({
    executablePath: options.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    backend = await startBenchBackend({
      fleet: sim.fleet,
      clusterNames: scenario.clusterNames,
      withKubernetesPlugin: false,
    });
    const collectMs = await backend.collectAll();
    options.log(
      `page: ${options.clusters} clusters collected in ${(
        collectMs / 1000
      ).toFixed(1)} s`,
    );
    const bench = backend;
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
    });
    // Our plugin's API, wherever the app's discovery puts it, comes from the bench backend.
    await context.route(
      url => url.pathname.startsWith('/api/eks-platform/'),
      async route => {
        const url = new URL(route.request().url());
        const response = await fetch(
          `${bench.baseUrl}${url.pathname}${url.search}`,
          {
            method: route.request().method(),
            headers: { Authorization: bench.authorization },
          },
        );
        await route.fulfill({
          status: response.status,
          contentType:
            response.headers.get('content-type') ?? 'application/json',
          body: Buffer.from(await response.arrayBuffer()),
        });
      },
    );
    const tab = await context.newPage();
    page = tab;
    await tab.goto(options.appUrl);
    // Sign in as guest (the README's app); the session survives reloads.
    const enter = tab.getByRole('button', { name: 'Enter' });
    await enter.waitFor({ state: 'visible', timeout: 60_000 });
    await enter.click();
    await enter.waitFor({ state: 'detached', timeout: 60_000 });

    const runs = options.runs ?? 5;
    const runsMs: number[] = [];
    const apiAnswerMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const answered = tab
        .waitForResponse(
          r => new URL(r.url()).pathname === '/api/eks-platform/clusters',
          { timeout: 120_000 },
        )
        .then(() => tab.evaluate(() => performance.now()))
        .catch(() => Number.NaN);
      await tab.goto(`${options.appUrl.replace(/\/$/, '')}/eks-platform`, {
        waitUntil: 'commit',
      });
      const handle = await tab.waitForFunction(
        (names: string[]) => {
          const rows = [...document.querySelectorAll('table tbody tr')];
          if (rows.length < names.length) return false;
          const text = rows.map(r => r.textContent ?? '').join('\n');
          return names.every(n => text.includes(n)) ? performance.now() : false;
        },
        scenario.clusterNames,
        { polling: 'raf', timeout: 30_000 },
      );
      runsMs.push((await handle.jsonValue()) as number);
      apiAnswerMs.push(await answered);
      options.log(
        `page: run ${i + 1}: table with ${
          options.clusters
        } clusters after ${runsMs[i].toFixed(0)} ms`,
      );
    }
    // In-app navigation: a click on the sidebar's "EKS fleet" link from the home tab.
    const inAppRunsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      await tab.goto(options.appUrl);
      const link = tab.getByRole('link', { name: 'EKS fleet' }).first();
      await link.waitFor({ state: 'visible', timeout: 60_000 });
      await tab.evaluate(() => {
        document.addEventListener(
          'click',
          () => {
            (window as unknown as { benchClickAt: number }).benchClickAt =
              performance.now();
          },
          { capture: true, once: true },
        );
      });
      await link.click();
      const handle = await tab.waitForFunction(
        (names: string[]) => {
          const rows = [...document.querySelectorAll('table tbody tr')];
          if (rows.length < names.length) return false;
          const text = rows.map(r => r.textContent ?? '').join('\n');
          return names.every(n => text.includes(n))
            ? performance.now() -
                (window as unknown as { benchClickAt: number }).benchClickAt
            : false;
        },
        scenario.clusterNames,
        { polling: 'raf', timeout: 30_000 },
      );
      inAppRunsMs.push((await handle.jsonValue()) as number);
      options.log(
        `page: in-app navigation ${i + 1}: table after ${inAppRunsMs[i].toFixed(
          0,
        )} ms`,
      );
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    const inAppSorted = [...inAppRunsMs].sort((a, b) => a - b);
    return {
      ...base,
      ok: true,
      runsMs,
      apiAnswerMs,
      medianMs: sorted[sorted.length >> 1],
      inAppRunsMs,
      inAppMedianMs: inAppSorted[inAppSorted.length >> 1],
    };
  } catch (error) {
    let seen = '';
    if (page) {
      const screenshot = path.join(os.tmpdir(), 'eks-bench-fleet-page.png');
      await page.screenshot({ path: screenshot }).catch(() => {});
      const rows = await page
        .evaluate(() => document.querySelectorAll('table tbody tr').length)
        .catch(() => -1);
      seen = ` (at ${page.url()}: ${rows} table rows; screenshot ${screenshot})`;
    }
    return {
      ...base,
      reason: `${(error as Error).message.split('\n')[0]}${seen}`,
    };
  } finally {
    await browser.close();
    await backend?.stop();
    await sim.stop();
    scenario.remove();
  }
}
