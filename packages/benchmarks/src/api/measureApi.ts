import { forkWorker } from '../forkWorker';
import { startSimulatorProcess } from '../simulatorProcess';
import { startBenchBackend } from './benchBackend';
import { writeFleetScenario } from './fleetScenario';
import type { LoadJob, LoadResult } from './loadGenerator';

export type EndpointLatency = {
  id: 'entity' | 'clusters' | 'kubernetes-services';
  name: string;
  /** Served by our plugin (from stored snapshots). */
  ours: boolean;
  /** Clients sending requests back to back. */
  concurrency: number;
  requests: number;
  errors: number;
  firstError?: string;
  statuses: Record<string, number>;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  throughputRps: number;
  /** Size of the answer's JSON. */
  responseBytes: number;
  /** Size on the wire with the browser's Accept-Encoding, and its encoding. */
  wireBytes?: number;
  contentEncoding?: string;
};

export type ApiResult = {
  clusters: number;
  concurrency: number;
  database: string;
  /** Time to collect every cluster once, before the measurement. */
  collectAllMs: number;
  endpoints: EndpointLatency[];
  /** Kubernetes API requests the simulator served during the Kubernetes plugin's measurement. */
  kubernetesPluginSimulatorRequests: number;
  /** Answers of the Kubernetes plugin in that time (measured and warm-up). */
  kubernetesPluginAnswers: number;
};

/** Nearest-rank percentile. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function summarise(
  id: EndpointLatency['id'],
  name: string,
  ours: boolean,
  result: LoadResult,
  responseBytes: number,
  concurrency: number,
): EndpointLatency {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    id,
    name,
    ours,
    concurrency,
    requests: sorted.length + result.errors,
    errors: result.errors,
    ...(result.firstError && { firstError: result.firstError }),
    statuses: result.statuses,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    meanMs: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
    throughputRps: (sorted.length + result.errors) / (result.wallMs / 1000),
    responseBytes,
    ...(result.wireBytes !== undefined && { wireBytes: result.wireBytes }),
    ...(result.contentEncoding && {
      contentEncoding: result.contentEncoding,
    }),
  };
}

/**
 * API latency: 20 simulated clusters collected once into PostgreSQL, then
 * 50 concurrent clients (in their own process) against our `GET /entity` and
 * `GET /clusters`, and against the Backstage Kubernetes plugin's
 * `POST /services/:serviceId` for the same entity on the same clusters.
 */
export async function measureApi(options: {
  requests: number;
  kubernetesRequests: number;
  clusters?: number;
  concurrency?: number;
  log: (line: string) => void;
}): Promise<ApiResult> {
  const clusterCount = options.clusters ?? 20;
  const concurrency = options.concurrency ?? 50;
  const scenario = writeFleetScenario(clusterCount);
  const sim = await startSimulatorProcess({ scenarioFile: scenario.file });
  let backend: Awaited<ReturnType<typeof startBenchBackend>> | undefined;
  try {
    backend = await startBenchBackend({
      fleet: sim.fleet,
      clusterNames: scenario.clusterNames,
      withKubernetesPlugin: true,
    });
    options.log(
      `api: backend on ${backend.baseUrl}, collecting ${clusterCount} clusters into ${backend.database}`,
    );
    const collectAllMs = await backend.collectAll();
    options.log(`api: collected in ${(collectAllMs / 1000).toFixed(1)} s`);

    // What Chromium sends: Backstage's compression middleware (and our
    // pre-compressed answers) compress for it, as they do for every user.
    const headers = {
      Authorization: backend.authorization,
      Accept: 'application/json',
      'Accept-Encoding': 'gzip, deflate, br, zstd',
    };
    const entityRef = 'component:default/payments-api';
    const targets: Array<{
      id: EndpointLatency['id'];
      name: string;
      ours: boolean;
      job: LoadJob;
    }> = [
      {
        id: 'entity',
        name: 'GET /api/eks-platform/entity',
        ours: true,
        job: {
          kind: 'load',
          url: `${
            backend.baseUrl
          }/api/eks-platform/entity?entityRef=${encodeURIComponent(entityRef)}`,
          method: 'GET',
          headers,
          concurrency,
          total: options.requests,
          warmup: concurrency * 2,
        },
      },
      {
        id: 'clusters',
        name: 'GET /api/eks-platform/clusters',
        ours: true,
        job: {
          kind: 'load',
          url: `${backend.baseUrl}/api/eks-platform/clusters`,
          method: 'GET',
          headers,
          concurrency,
          total: options.requests,
          warmup: concurrency * 2,
        },
      },
      {
        id: 'kubernetes-services',
        name: 'POST /api/kubernetes/services/payments-api (Kubernetes plugin)',
        ours: false,
        job: {
          kind: 'load',
          url: `${backend.baseUrl}/api/kubernetes/services/payments-api`,
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ entity: backend.entity }),
          concurrency,
          total: options.kubernetesRequests,
          warmup: concurrency,
        },
      },
    ];

    // The same endpoints with one client: the service time without queueing.
    const single = targets.map(t => ({
      ...t,
      name: `${t.name} [1 client]`,
      single: true,
      job: {
        ...t.job,
        concurrency: 1,
        total: Math.max(20, Math.round(t.job.total / 10)),
        warmup: 5,
      },
    }));
    const endpoints: EndpointLatency[] = [];
    let kubernetesPluginSimulatorRequests = 0;
    let kubernetesPluginAnswers = 0;
    for (const target of [...targets, ...single]) {
      // One response, to check it answers and to record its size.
      const probe = await fetch(target.job.url, {
        method: target.job.method,
        headers: target.job.headers,
        body: target.job.body,
      });
      const probeText = await probe.text();
      if (probe.status !== 200) {
        throw new Error(
          `${target.name}: HTTP ${probe.status}: ${probeText.slice(0, 500)}`,
        );
      }
      await sim.resetRequests();
      const result = await forkWorker<LoadResult>(target.job, {
        name: `load ${target.id}`,
        timeoutMs: 10 * 60_000,
        accept: message => (message as LoadResult)?.kind === 'load',
      });
      if (!target.ours && !('single' in target)) {
        kubernetesPluginAnswers = target.job.total + target.job.warmup;
        kubernetesPluginSimulatorRequests = (await sim.requests()).reduce(
          (sum, r) => sum + (r.api === 'kubernetes' ? r.count : 0),
          0,
        );
      }
      const summary = summarise(
        target.id,
        target.name,
        target.ours,
        result,
        Buffer.byteLength(probeText),
        target.job.concurrency,
      );
      options.log(
        `api: ${target.name}: p50 ${summary.p50Ms.toFixed(
          1,
        )} ms, p99 ${summary.p99Ms.toFixed(1)} ms, ${
          summary.errors
        } errors, ${summary.throughputRps.toFixed(0)} req/s`,
      );
      endpoints.push(summary);
    }
    return {
      clusters: clusterCount,
      concurrency,
      database: backend.database,
      collectAllMs,
      endpoints,
      kubernetesPluginSimulatorRequests,
      kubernetesPluginAnswers,
    };
  } finally {
    await backend?.stop();
    await sim.stop();
    scenario.remove();
  }
}
