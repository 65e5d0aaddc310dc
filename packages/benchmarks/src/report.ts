import type { ContenderRun } from './collection/runCollection';
import type { ContenderName } from './collection/types';
import type {
  BenchReport,
  CollectionRatios,
  FullReport,
  TargetCheck,
} from './types';

function median(values: number[]): number | undefined {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function ratio(a: number | undefined, b: number | undefined) {
  return a !== undefined && b !== undefined && b > 0 ? a / b : undefined;
}

/** Median figures of one contender over its successful runs. */
export function contenderFigures(runs: ContenderRun[], name: ContenderName) {
  const ok = runs.filter(r => r.contender === name && r.ok);
  return {
    runs: ok.length,
    failed: runs.filter(r => r.contender === name && !r.ok),
    wallMs: median(ok.map(r => r.wallMs)),
    heap: median(ok.map(r => r.peakAboveBaseline.heapUsed)),
    rss: median(ok.map(r => r.peakAboveBaseline.rss)),
  };
}

/** Adds ratios and target checks to the raw figures. */
export function buildReport(report: BenchReport): FullReport {
  const collection: CollectionRatios[] = report.collection.map(size => {
    const ours = contenderFigures(size.runs, 'ours');
    const floor = contenderFigures(size.runs, 'floor');
    const naive = contenderFigures(size.runs, 'naive');
    return {
      nodes: size.nodes,
      pods: size.pods,
      oursWallMs: ours.wallMs,
      floorWallMs: floor.wallMs,
      naiveWallMs: naive.wallMs,
      wallVsFloor: ratio(ours.wallMs, floor.wallMs),
      wallVsNaive: ratio(ours.wallMs, naive.wallMs),
      heapVsNaive: ratio(ours.heap, naive.heap),
      rssVsNaive: ratio(ours.rss, naive.rss),
      heapVsFloor: ratio(ours.heap, floor.heap),
      rssVsFloor: ratio(ours.rss, floor.rss),
    };
  });

  const targets: TargetCheck[] = [];
  const at5000 = collection.find(c => c.nodes === 5000);
  if (at5000) {
    const memory = Math.max(
      at5000.heapVsNaive ?? NaN,
      at5000.rssVsNaive ?? NaN,
    );
    const naiveFailed =
      contenderFigures(
        report.collection.find(c => c.nodes === 5000)!.runs,
        'naive',
      ).runs === 0;
    targets.push({
      target:
        '5,000 nodes: our peak memory (heap and RSS above baseline) <= 25% of the naive one',
      measured: naiveFailed
        ? 'naive collector failed'
        : `heap ${pct(at5000.heapVsNaive)}, RSS ${pct(at5000.rssVsNaive)}`,
      met: naiveFailed ? undefined : memory <= 0.25,
    });
    targets.push({
      target: '5,000 nodes: our wall time <= 1.5x the floor',
      measured: `${fmt(at5000.wallVsFloor, 2)}x`,
      met:
        at5000.wallVsFloor === undefined
          ? undefined
          : at5000.wallVsFloor <= 1.5,
    });
  }

  let apiRatios: FullReport['ratios']['api'];
  if (report.api) {
    const find = (id: string, concurrency: number) =>
      report.api!.endpoints.find(
        e => e.id === id && e.concurrency === concurrency,
      );
    const full = report.api.concurrency;
    const entity = find('entity', full);
    const kube = find('kubernetes-services', full);
    const entity1 = find('entity', 1);
    const kube1 = find('kubernetes-services', 1);
    apiRatios = {
      entityP50VsKubernetes: ratio(kube?.p50Ms, entity?.p50Ms),
      entityP99VsKubernetes: ratio(kube?.p99Ms, entity?.p99Ms),
      singleClientEntityP50VsKubernetes: ratio(kube1?.p50Ms, entity1?.p50Ms),
    };
    for (const e of report.api.endpoints.filter(
      x => x.ours && x.concurrency === full,
    )) {
      targets.push({
        target: `${e.name}: p99 <= 50 ms (${report.api.concurrency} clients, ${report.api.clusters} clusters in PostgreSQL)`,
        measured: `p99 ${fmt(e.p99Ms, 1)} ms${
          e.errors ? `, ${e.errors} errors` : ''
        }`,
        met: e.errors === 0 && e.p99Ms <= 50,
      });
    }
    targets.push({
      target:
        'GET /entity at least 10x faster than the Kubernetes plugin backend for the same entity (p50 and p99)',
      measured: `p50 ${fmt(apiRatios.entityP50VsKubernetes, 1)}x, p99 ${fmt(
        apiRatios.entityP99VsKubernetes,
        1,
      )}x`,
      met:
        apiRatios.entityP50VsKubernetes === undefined ||
        apiRatios.entityP99VsKubernetes === undefined
          ? undefined
          : apiRatios.entityP50VsKubernetes >= 10 &&
            apiRatios.entityP99VsKubernetes >= 10,
    });
  }
  return { ...report, ratios: { collection, api: apiRatios }, targets };
}

function metWord(met: boolean | undefined) {
  if (met === undefined) return 'n/a';
  return met ? 'yes' : 'NO';
}

function fmt(value: number | undefined, digits: number) {
  return value === undefined || !Number.isFinite(value)
    ? '-'
    : value.toFixed(digits);
}

function pct(value: number | undefined) {
  return value === undefined ? '-' : `${(value * 100).toFixed(1)}%`;
}

function mib(bytes: number | undefined) {
  return bytes === undefined || !Number.isFinite(bytes)
    ? '-'
    : (bytes / 1048576).toFixed(0);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** The printed summary (Markdown tables, pasteable in the README). */
export function formatReport(report: FullReport): string {
  const out: string[] = [];
  out.push(
    `yarn bench - ${report.startedAt} - ${report.machine.cpus} CPUs (${
      report.machine.cpuModel
    }), ${mib(report.machine.memoryBytes)} MiB, Node ${
      report.machine.node
    }, load average at start ${report.machine.loadAverageAtStart
      .map(l => l.toFixed(2))
      .join(' ')}, took ${report.durationSeconds ?? '?'} s`,
  );
  if (report.collection.length > 0) {
    out.push(
      '',
      `Collection of one simulated cluster (30 pods per node, page size ${report.collection[0].pageSize}); memory = peak above the worker's baseline`,
      '',
    );
    const rows: string[][] = [];
    for (const size of report.collection) {
      for (const name of ['ours', 'floor', 'naive'] as const) {
        const f = contenderFigures(size.runs, name);
        const run = size.runs.find(r => r.contender === name && r.ok);
        const requests = run
          ? Object.values(run.kubeRequests).reduce((a, b) => a + b, 0)
          : undefined;
        rows.push([
          String(size.nodes),
          String(size.pods),
          name,
          f.runs > 0
            ? fmt((f.wallMs ?? NaN) / 1000, 2)
            : `failed: ${f.failed[0]?.error?.slice(0, 60) ?? '?'}`,
          mib(f.heap),
          mib(f.rss),
          requests === undefined ? '-' : String(requests),
        ]);
      }
    }
    out.push(
      table(
        [
          'nodes',
          'pods',
          'collector',
          'wall s',
          'heap MiB',
          'RSS MiB',
          'k8s requests',
        ],
        rows,
      ),
      '',
      table(
        [
          'nodes',
          'ours/floor wall',
          'ours/naive wall',
          'ours/naive heap',
          'ours/naive RSS',
        ],
        report.ratios.collection.map(c => [
          String(c.nodes),
          `${fmt(c.wallVsFloor, 2)}x`,
          `${fmt(c.wallVsNaive, 2)}x`,
          pct(c.heapVsNaive),
          pct(c.rssVsNaive),
        ]),
      ),
    );
  }
  if (report.api) {
    const api = report.api;
    out.push(
      '',
      `API: ${api.concurrency} concurrent clients, ${api.clusters} clusters stored in ${api.database}`,
      '',
      table(
        [
          'endpoint',
          'requests',
          'errors',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'max ms',
          'req/s',
          'JSON KiB',
          'wire KiB',
        ],
        api.endpoints.map(e => [
          e.name,
          String(e.requests),
          String(e.errors),
          fmt(e.p50Ms, 1),
          fmt(e.p90Ms, 1),
          fmt(e.p99Ms, 1),
          fmt(e.maxMs, 1),
          fmt(e.throughputRps, 0),
          fmt(e.responseBytes / 1024, 1),
          e.wireBytes === undefined
            ? '-'
            : `${fmt(e.wireBytes / 1024, 1)}${
                e.contentEncoding ? ` (${e.contentEncoding})` : ''
              }`,
        ]),
      ),
      '',
      `Kubernetes plugin / our GET /entity: p50 ${fmt(
        report.ratios.api?.entityP50VsKubernetes,
        1,
      )}x, p99 ${fmt(report.ratios.api?.entityP99VsKubernetes, 1)}x with ${
        api.concurrency
      } clients; p50 ${fmt(
        report.ratios.api?.singleClientEntityP50VsKubernetes,
        1,
      )}x with 1 client. Collecting the ${api.clusters} clusters took ${fmt(
        api.collectAllMs / 1000,
        1,
      )} s; the Kubernetes plugin made ${
        api.kubernetesPluginSimulatorRequests
      } Kubernetes API requests for its ${
        api.kubernetesPluginAnswers
      } answers (warm-up included).`,
    );
  }
  if (report.page) {
    const page = report.page;
    out.push(
      '',
      page.ok
        ? [
            `Fleet page, ${page.clusters} clusters, headless Chromium, ${
              page.bundle === 'production'
                ? `production bundle (built in ${fmt(
                    page.buildSeconds,
                    1,
                  )} s, served by the backend started in ${fmt(
                    page.appStartSeconds,
                    1,
                  )} s at ${page.appUrl})`
                : `app already running at ${page.appUrl}`
            }:`,
            `  full load (page.goto) to every row rendered: median ${fmt(
              page.medianMs,
              0,
            )} ms (runs ${page.runsMs
              .map(ms => ms.toFixed(0))
              .join(', ')}; /clusters answered at ${(page.apiAnswerMs ?? [])
              .map(ms => ms.toFixed(0))
              .join(', ')} ms)`,
            `  in-app navigation to every row rendered: median ${fmt(
              page.inAppMedianMs,
              0,
            )} ms (runs ${(page.inAppRunsMs ?? [])
              .map(ms => ms.toFixed(0))
              .join(', ')})`,
          ].join('\n')
        : `Fleet page: not measured: ${page.reason}`,
    );
  }
  if (report.targets.length > 0) {
    out.push(
      '',
      table(
        ['target', 'measured', 'met'],
        report.targets.map(t => [t.target, t.measured, metWord(t.met)]),
      ),
    );
  }
  return out.join('\n');
}
