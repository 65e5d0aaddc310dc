import { performance } from 'node:perf_hooks';
import { type LoadJob, runLoad } from '../api/loadGenerator';
import { prepareContender } from './contenders';
import type { MemoryFigures, WorkerJob, WorkerResult } from './types';

function gc() {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('the worker needs --expose-gc');
  collect();
  collect();
}

async function measure(job: WorkerJob): Promise<WorkerResult> {
  const run = await prepareContender(job.contender, job);
  gc();
  const first = process.memoryUsage();
  const baseline: MemoryFigures = {
    rss: first.rss,
    heapUsed: first.heapUsed,
  };
  const maxRssAtBaseline = process.resourceUsage().maxRSS * 1024;
  const peak: MemoryFigures = { ...baseline };
  let samples = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    samples++;
    if (usage.rss > peak.rss) peak.rss = usage.rss;
    if (usage.heapUsed > peak.heapUsed) peak.heapUsed = usage.heapUsed;
  };
  const timer = setInterval(sample, job.sampleIntervalMs);
  const started = performance.now();
  let outcome: Awaited<ReturnType<typeof run>> | undefined;
  let error: string | undefined;
  try {
    outcome = await run();
  } catch (e) {
    error = (e as Error)?.message ?? String(e);
  }
  const wallMs = performance.now() - started;
  // One last sample while the result (snapshot, pod list) is still referenced.
  sample();
  clearInterval(timer);
  const maxRssAtEnd = process.resourceUsage().maxRSS * 1024;
  const rssPeak =
    maxRssAtEnd > maxRssAtBaseline ? Math.max(maxRssAtEnd, peak.rss) : peak.rss;
  return {
    contender: job.contender,
    ok: !error,
    ...(error && { error }),
    wallMs,
    baseline,
    peakSampled: peak,
    maxRssAtEnd,
    maxRssAtBaseline,
    peakAboveBaseline: {
      rss: rssPeak - baseline.rss,
      heapUsed: peak.heapUsed - baseline.heapUsed,
    },
    samples,
    ...outcome,
  };
}

/** Entry point of `bin/bench-worker`: one job from the parent, one result back. */
export function runWorker() {
  process.once('message', (job: WorkerJob | LoadJob) => {
    const work: Promise<unknown> =
      'kind' in job && job.kind === 'load'
        ? runLoad(job)
        : measure(job as WorkerJob);
    work.then(
      result => process.send!(result, () => process.exit(0)),
      error => {
        process.stderr.write(`worker failed: ${error?.stack ?? error}\n`);
        process.exit(1);
      },
    );
  });
}
