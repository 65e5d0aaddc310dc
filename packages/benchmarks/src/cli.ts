import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureApi } from './api/measureApi';
import { measureCollection } from './collection/runCollection';
import type { ContenderName } from './collection/types';
import { measurePage } from './page/measurePage';
import { buildReport, formatReport } from './report';
import type { BenchOptions, BenchReport } from './types';

const USAGE = `Usage: yarn bench [options]

Side-by-side benchmarks at fleet scale; writes bench-report.json at the repository root and prints a table.

  --sizes <n,n,...>     Cluster sizes in nodes for the collection part (default 1000,5000,10000; 30 pods per node)
  --quick               Sizes 1000 only, fewer API requests, no repeats
  --only <parts>        Comma-separated: collection,api,page (default: all three)
  --repeat <n>          Collection runs per contender and size, interleaved; medians are reported
                        (default 3 up to 5,000 nodes and 1 above; 1 with --quick)
  --page-size <n>       Page size (list limit) for ours and the floor (default 500, the collector's default)
  --requests <n>        API requests per endpoint (default 2000 for ours, a tenth of it for the Kubernetes plugin)
  --app-url <url>       Measure the page in this already running app (dev or prod) instead; by default
                        the bench builds packages/app (production bundle) and starts the backend serving
                        it on a free loopback port, stopped at the end
  --chromium <path>     Chromium executable (default $EKS_PLATFORM_CHROMIUM or /usr/bin/chromium)
  --out <file>          Report path (default <repo>/bench-report.json)
  -h, --help            Show this help

PostgreSQL for the API part: $EKS_PLATFORM_BENCH_PG or $BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING.
`;

const REPO_ROOT = resolvePackagePath('@eks-platform/benchmarks', '../..');

export function parseBenchArgs(argv: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean' },
      only: { type: 'string' },
      repeat: { type: 'string' },
      'page-size': { type: 'string' },
      requests: { type: 'string' },
      'app-url': { type: 'string' },
      chromium: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const quick = values.quick ?? false;
  const positive = (value: string, name: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) {
      throw new Error(`--${name} must be a positive integer, got '${value}'`);
    }
    return n;
  };
  const defaultSizes = quick ? [1000] : [1000, 5000, 10000];
  const sizes = values.sizes
    ? values.sizes.split(',').map(s => positive(s.trim(), 'sizes'))
    : defaultSizes;
  const defaultRepeat = quick ? 1 : 3;
  const defaultRequests = quick ? 500 : 2000;
  const parts = (values.only ?? 'collection,api,page')
    .split(',')
    .map(s => s.trim());
  for (const part of parts) {
    if (!['collection', 'api', 'page'].includes(part)) {
      throw new Error(`--only: unknown part '${part}'`);
    }
  }
  return {
    sizes,
    quick,
    parts: parts as BenchOptions['parts'],
    repeat: values.repeat ? positive(values.repeat, 'repeat') : defaultRepeat,
    pageSize: values['page-size']
      ? positive(values['page-size'], 'page-size')
      : 500,
    requests: values.requests
      ? positive(values.requests, 'requests')
      : defaultRequests,
    appUrl: values['app-url'],
    chromium:
      values.chromium ??
      process.env.EKS_PLATFORM_CHROMIUM ??
      '/usr/bin/chromium',
    out: path.resolve(values.out ?? path.join(REPO_ROOT, 'bench-report.json')),
  };
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  let options: BenchOptions | undefined;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    process.stdout.write(USAGE);
    return;
  }
  const log = (line: string) =>
    process.stderr.write(
      `[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`,
    );
  const started = Date.now();
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    command: `yarn bench ${argv.join(' ')}`.trim(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryBytes: os.totalmem(),
      loadAverageAtStart: os.loadavg(),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    options,
    collection: [],
  };

  const repeatGiven = argv.some(a => a.startsWith('--repeat'));
  if (options.parts.includes('collection')) {
    const contenders: ContenderName[] = ['ours', 'floor', 'naive'];
    for (const nodes of options.sizes) {
      report.collection.push(
        await measureCollection({
          nodes,
          podsPerNode: 30,
          pageSize: options.pageSize,
          contenders,
          // The largest clusters take long: one run each unless --repeat says otherwise.
          repeat: nodes > 5000 && !repeatGiven ? 1 : options.repeat,
          sampleIntervalMs: 20,
          maxOldSpaceMb: 16384,
          timeoutMs: 10 * 60_000,
          log,
        }),
      );
    }
  }
  if (options.parts.includes('api')) {
    report.api = await measureApi({
      requests: options.requests,
      kubernetesRequests: Math.max(50, Math.round(options.requests / 10)),
      log,
    });
  }
  if (options.parts.includes('page')) {
    report.page = await measurePage({
      appUrl: options.appUrl,
      chromium: options.chromium,
      clusters: 50,
      log,
    });
  }

  report.finishedAt = new Date().toISOString();
  report.durationSeconds = Math.round((Date.now() - started) / 1000);
  report.machine.loadAverageAtEnd = os.loadavg();
  const full = buildReport(report);
  fs.writeFileSync(options.out, `${JSON.stringify(full, null, 2)}\n`);
  process.stdout.write(`${formatReport(full)}\nReport: ${options.out}\n`);
}
