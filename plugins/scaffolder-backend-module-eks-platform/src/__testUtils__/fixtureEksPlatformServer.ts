import { mockServices } from '@backstage/backend-test-utils';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  fixtureClusters,
  fixtureNamespaceCheck,
} from '../clusters/__fixtures__/clusters';
import { EksPlatformClusterClient } from '../clusters/EksPlatformClusterClient';

/** A status and JSON body, as the eks-platform backend's REST API answers. */
export type FixtureAnswer = { status: number; body: unknown };

const STATUS_OF_ERROR: Record<string, number> = {
  NotFoundError: 404,
  ServiceUnavailableError: 503,
};

/** Backstage's error body (what its error handler middleware sends) for a named error. */
function errorAnswer(name: string, message: string): FixtureAnswer {
  const statusCode = STATUS_OF_ERROR[name] ?? 500;
  return {
    status: statusCode,
    body: { error: { name, message }, response: { statusCode } },
  };
}

/**
 * The eks-platform backend's cluster routes over the fixture clusters, with the knobs tests turn.
 * It is the one place that answers fixture requests, so the test backend route and the standalone
 * HTTP server serve the same bodies and error shapes.
 */
export class FixtureEksPlatformApi {
  /** `METHOD /path` of every request answered, in the order they arrived. */
  readonly requests: string[] = [];
  /** Clusters whose live namespace check fails, with the backend's message. */
  readonly unreachable = new Map<string, string>();
  /** Namespaces created on a cluster after its snapshot (seen by the live check only). */
  readonly createdSince = new Map<string, string[]>();

  constructor(private readonly clusters = fixtureClusters) {}

  /** Forgets the requests and knobs of an earlier test. */
  reset() {
    this.requests.length = 0;
    this.unreachable.clear();
    this.createdSince.clear();
  }

  /** The answer to a request for `path` (below `/api/eks-platform`); undefined for other routes. */
  answer(method: string, path: string): FixtureAnswer | undefined {
    if (method !== 'GET') return undefined;
    const [route, cluster, ...rest] = path.split('/').slice(1);
    if (route !== 'clusters') return undefined;
    let answer: FixtureAnswer | undefined;
    if (cluster === undefined) {
      answer = this.list();
    } else if (rest.length === 0) {
      answer = this.detail(decodeURIComponent(cluster));
    } else if (rest.length === 2 && rest[0] === 'namespaces') {
      answer = this.namespaceCheck(
        decodeURIComponent(cluster),
        decodeURIComponent(rest[1]),
      );
    }
    if (answer) this.requests.push(`GET ${path}`);
    return answer;
  }

  private list(): FixtureAnswer {
    return { status: 200, body: { items: this.clusters.map(c => c.overview) } };
  }

  private detail(name: string): FixtureAnswer {
    const found = this.clusters.find(c => c.overview.name === name);
    return found
      ? { status: 200, body: found.detail }
      : errorAnswer('NotFoundError', `No cluster named '${name}'`);
  }

  private namespaceCheck(cluster: string, namespace: string): FixtureAnswer {
    const failure = this.unreachable.get(cluster);
    if (failure) return errorAnswer('ServiceUnavailableError', failure);
    try {
      const body = fixtureNamespaceCheck(
        this.clusters,
        cluster,
        namespace,
        this.createdSince.get(cluster),
      );
      return { status: 200, body };
    } catch (error) {
      const { name, message } = error as Error;
      return errorAnswer(name, message);
    }
  }
}

const BASE_PATH = '/api/eks-platform';

/**
 * Serves a {@link FixtureEksPlatformApi} over HTTP on 127.0.0.1 (an ephemeral port) and builds the
 * production {@link EksPlatformClusterClient} against it, so tests exercise the real client path.
 */
export async function startFixtureEksPlatformServer(
  api = new FixtureEksPlatformApi(),
) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const answer = url.pathname.startsWith(`${BASE_PATH}/`)
      ? api.answer(req.method ?? 'GET', url.pathname.slice(BASE_PATH.length))
      : undefined;
    const { status, body } =
      answer ?? errorAnswer('NotFoundError', `No route ${url.pathname}`);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}${BASE_PATH}`;
  const client = EksPlatformClusterClient.create({
    discovery: mockServices.discovery.mock({ getBaseUrl: async () => baseUrl }),
    auth: mockServices.auth(),
  });
  const close = () =>
    new Promise<void>((ok, fail) => {
      server.close(error => (error ? fail(error) : ok()));
      server.closeAllConnections();
    });
  return { api, baseUrl, client, close };
}
