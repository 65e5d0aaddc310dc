import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One endpoint to load: `total` requests from `concurrency` clients on keep-alive connections. */
export type LoadJob = {
  kind: 'load';
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  concurrency: number;
  total: number;
  warmup: number;
};

export type LoadResult = {
  kind: 'load';
  latenciesMs: number[];
  errors: number;
  statuses: Record<string, number>;
  wallMs: number;
  firstError?: string;
  /** Bytes on the wire of the last successful answer (compressed when the server compressed it). */
  wireBytes?: number;
  /** Its Content-Encoding, when it had one. */
  contentEncoding?: string;
};

function once(job: LoadJob, agent: http.Agent) {
  return new Promise<{
    status: number;
    ms: number;
    body?: string;
    wireBytes?: number;
    contentEncoding?: string;
  }>(resolve => {
    const started = performance.now();
    const request = http.request(
      job.url,
      { method: job.method, headers: job.headers, agent },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          resolve({
            status,
            ms: performance.now() - started,
            body:
              status === 200
                ? undefined
                : Buffer.concat(chunks).toString('utf8').slice(0, 300),
            wireBytes: chunks.reduce((sum, c) => sum + c.length, 0),
            contentEncoding: response.headers['content-encoding'],
          });
        });
        response.on('error', () =>
          resolve({ status: 0, ms: performance.now() - started }),
        );
      },
    );
    request.on('error', error =>
      resolve({
        status: 0,
        ms: performance.now() - started,
        body: error.message,
      }),
    );
    request.end(job.body);
  });
}

async function drive(
  job: LoadJob,
  agent: http.Agent,
  total: number,
  result?: LoadResult,
) {
  let next = 0;
  const client = async () => {
    while (next < total) {
      next++;
      const { status, ms, body, wireBytes, contentEncoding } = await once(
        job,
        agent,
      );
      if (!result) continue;
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      if (status === 200) {
        result.latenciesMs.push(ms);
        result.wireBytes = wireBytes;
        result.contentEncoding = contentEncoding;
      } else {
        result.errors++;
        result.firstError ??= `HTTP ${status}: ${body ?? ''}`;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, client));
}

/**
 * Runs in its own process, so that the clients' CPU is not spent on the
 * server's event loop: `warmup` requests first (not recorded), then `total`.
 */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: job.concurrency,
  });
  await drive(job, agent, job.warmup);
  const result: LoadResult = {
    kind: 'load',
    latenciesMs: [],
    errors: 0,
    statuses: {},
    wallMs: 0,
  };
  const started = performance.now();
  await drive(job, agent, job.total, result);
  result.wallMs = performance.now() - started;
  agent.destroy();
  return result;
}
