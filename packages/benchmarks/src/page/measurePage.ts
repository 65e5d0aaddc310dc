import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startBenchBackend } from '../api/benchBackend';
import { writeFleetScenario } from '../api/fleetScenario';
import { startSimulatorProcess } from '../simulatorProcess';
import {
  buildAppBundle,
  type ProductionApp,
  startProductionApp,
} from './productionApp';

export type PageResult = {
  ok: boolean;
  reason?: string;
  /**
   * `production`: the bench built packages/app and started the backend serving
   * it; `external`: an app already running at `--app-url` (dev or prod).
   */
  bundle: 'production' | 'external';
  /** Where the page was loaded from (for `production`, the bench's own backend on a free port). */
  appUrl?: string;
  /** `backstage-cli package build` of packages/app (production only). */
  buildSeconds?: number;
  /** Backend start to ready and serving the bundle (production only). */
  appStartSeconds?: number;
  clusters: number;
  /** Navigation start to all cluster rows in the table, per run (first run: cold browser cache). */
  runsMs: number[];
  medianMs?: number;
  /** Navigation start to the `/clusters` answer's last byte in the browser (Resource Timing), per run. */
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
 * The fleet page in headless Chromium with `clusters` clusters, in the
 * production frontend bundle: without `appUrl` the bench builds packages/app
 * and starts the repository's backend serving it on a free loopback port
 * (see {@link startProductionApp}); with `appUrl`, an already running app
 * (dev or prod) is measured instead. The page's
 * `/api/eks-platform/*` requests are answered by a bench backend that
 * collected a simulated fleet of that many clusters (routed by Playwright), so
 * the page renders real answers of our backend without touching the app's own
 * configuration. Measured: navigation start to every cluster's row in the
 * table, read with `performance.now()` inside the page.
 */
export async function measurePage(options: {
  /** An already running app; undefined: build and start the production app. */
  appUrl?: string;
  chromium: string;
  clusters: number;
  runs?: number;
  log: (line: string) => void;
}): Promise<PageResult> {
  const base: PageResult = {
    ok: false,
    bundle: options.appUrl ? 'external' : 'production',
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
  let app: ProductionApp | undefined;
  if (options.appUrl) {
    if (!(await reachable(options.appUrl))) {
      return {
        ...base,
        reason: `no app answering at ${options.appUrl} (leave out --app-url to let the bench build and start the production app)`,
      };
    }
  } else {
    try {
      base.buildSeconds = (await buildAppBundle(options.log)).seconds;
      app = await startProductionApp({ log: options.log });
    } catch (error) {
      return { ...base, reason: (error as Error).message };
    }
    base.appUrl = app.url;
    base.appStartSeconds = app.startSeconds;
  }
  const appUrl = base.appUrl!;

  let sim: Awaited<ReturnType<typeof startSimulatorProcess>> | undefined;
  let scenario: ReturnType<typeof writeFleetScenario> | undefined;
  let browser: import('playwright-core').Browser | undefined;
  let backend: Awaited<ReturnType<typeof startBenchBackend>> | undefined;
  let page: import('playwright-core').Page | undefined;
  try {
    scenario = writeFleetScenario(options.clusters);
    sim = await startSimulatorProcess({ scenarioFile: scenario.file });
    browser = await chromium.launch({
      executablePath: options.chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
      // src/childCleanup.ts stops the bench on signals; Playwright still kills Chromium on exit.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
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
    await tab.goto(appUrl);
    // Sign in as guest (the README's app); the session survives reloads.
    const enter = tab.getByRole('button', { name: 'Enter' });
    await enter.waitFor({ state: 'visible', timeout: 60_000 });
    await enter.click();
    await enter.waitFor({ state: 'detached', timeout: 60_000 });

    const clusterNames = scenario.clusterNames;
    const runs = options.runs ?? 5;
    const runsMs: number[] = [];
    const apiAnswerMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      await tab.goto(`${appUrl.replace(/\/$/, '')}/eks-platform`, {
        waitUntil: 'commit',
      });
      const handle = await tab.waitForFunction(
        (names: string[]) => {
          const rows = [...document.querySelectorAll('table tbody tr')];
          if (rows.length < names.length) return false;
          const text = rows.map(r => r.textContent ?? '').join('\n');
          return names.every(n => text.includes(n)) ? performance.now() : false;
        },
        clusterNames,
        { polling: 'raf', timeout: 30_000 },
      );
      runsMs.push((await handle.jsonValue()) as number);
      // When the answer's last byte arrived, from the page's own Resource Timing.
      apiAnswerMs.push(
        await tab.evaluate(() => {
          const entry = performance
            .getEntriesByType('resource')
            .find(
              e => new URL(e.name).pathname === '/api/eks-platform/clusters',
            ) as PerformanceResourceTiming | undefined;
          return entry ? entry.responseEnd : Number.NaN;
        }),
      );
      options.log(
        `page: run ${i + 1}: table with ${
          options.clusters
        } clusters after ${runsMs[i].toFixed(0)} ms`,
      );
    }
    // In-app navigation: a click on the sidebar's "EKS fleet" link from the home tab.
    const inAppRunsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      await tab.goto(appUrl);
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
        clusterNames,
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
    await browser?.close();
    await backend?.stop();
    await sim?.stop();
    scenario?.remove();
    await app?.stop();
  }
}
