import { forkWorker } from '../forkWorker';
import { startSimulatorProcess } from '../simulatorProcess';
import type { ContenderName, WorkerJob, WorkerResult } from './types';

/** One contender's run, with the requests the simulator saw from it. */
export type ContenderRun = WorkerResult & {
  /** Kubernetes requests by path, from the simulator's request log. */
  kubeRequests: Record<string, number>;
  awsRequests: number;
};

export type CollectionSizeResult = {
  nodes: number;
  pods: number;
  pageSize: number;
  simulatorPeakRssBytes: number;
  runs: ContenderRun[];
};

/** Forks one worker process for one measurement and waits for its answer. */
function runWorker(
  job: WorkerJob,
  options: { maxOldSpaceMb: number; timeoutMs: number },
) {
  return forkWorker<WorkerResult>(job, {
    name: job.contender,
    execArgv: ['--expose-gc', `--max-old-space-size=${options.maxOldSpaceMb}`],
    timeoutMs: options.timeoutMs,
    accept: message => {
      const candidate = message as Partial<WorkerResult>;
      return typeof candidate?.wallMs === 'number' && !!candidate.contender;
    },
  });
}

/**
 * Collects one generated cluster (`nodes` nodes, `podsPerNode` pods each) with
 * each contender in turn, each in its own process, against one simulator
 * process.
 */
export async function measureCollection(options: {
  nodes: number;
  podsPerNode: number;
  pageSize: number;
  contenders: ContenderName[];
  repeat: number;
  sampleIntervalMs: number;
  maxOldSpaceMb: number;
  timeoutMs: number;
  log: (line: string) => void;
}): Promise<CollectionSizeResult> {
  const pods = options.nodes * options.podsPerNode;
  options.log(
    `collection: starting a simulator with ${options.nodes} nodes, ${pods} pods`,
  );
  const sim = await startSimulatorProcess({
    generate: { nodes: options.nodes, pods, seed: 1 },
  });
  const cluster = Object.keys(sim.fleet.clusters)[0];
  const runs: ContenderRun[] = [];
  try {
    // Warm the simulator (JIT, caches) so the first contender is not penalised.
    await runWorker(
      {
        contender: 'floor',
        fleet: sim.fleet,
        cluster,
        pageSize: options.pageSize,
        sampleIntervalMs: options.sampleIntervalMs,
      },
      options,
    );
    for (let round = 0; round < options.repeat; round++) {
      for (const contender of options.contenders) {
        await sim.resetRequests();
        let result: WorkerResult;
        try {
          result = await runWorker(
            {
              contender,
              fleet: sim.fleet,
              cluster,
              pageSize: options.pageSize,
              sampleIntervalMs: options.sampleIntervalMs,
            },
            options,
          );
        } catch (error) {
          result = {
            contender,
            ok: false,
            error: (error as Error).message,
            wallMs: Number.NaN,
            baseline: { rss: 0, heapUsed: 0 },
            peakSampled: { rss: 0, heapUsed: 0 },
            maxRssAtEnd: 0,
            maxRssAtBaseline: 0,
            peakAboveBaseline: { rss: Number.NaN, heapUsed: Number.NaN },
            samples: 0,
          };
        }
        const requests = await sim.requests(cluster);
        const kubeRequests: Record<string, number> = {};
        let awsRequests = 0;
        for (const r of requests) {
          if (r.api === 'kubernetes') {
            kubeRequests[r.path] = (kubeRequests[r.path] ?? 0) + r.count;
          } else {
            awsRequests += r.count;
          }
        }
        options.log(
          `collection: ${options.nodes} nodes, ${contender}: ${
            result.ok
              ? `${(result.wallMs / 1000).toFixed(2)} s, peak heap +${mib(
                  result.peakAboveBaseline.heapUsed,
                )} MiB, peak RSS +${mib(result.peakAboveBaseline.rss)} MiB`
              : `failed: ${result.error}`
          }`,
        );
        runs.push({ ...result, kubeRequests, awsRequests });
      }
    }
    return {
      nodes: options.nodes,
      pods,
      pageSize: options.pageSize,
      simulatorPeakRssBytes: sim.peakRssBytes(),
      runs,
    };
  } finally {
    await sim.stop();
  }
}

function mib(bytes: number) {
  return (bytes / 1048576).toFixed(0);
}
