import { KubeConfig } from '@kubernetes/client-node';
import https from 'node:https';
import http from 'node:http';
import { CollectionFailure, classifyError, kindOfStatus } from './errors';

/**
 * What the reader needs to reach one API server. The token is a service
 * account token or an EKS token; it is only put on requests.
 */
export type KubernetesReaderOptions = {
  server: string;
  token?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Retries after 429, with the server's Retry-After or doubling back-off. */
  maxRetries?: number;
  /** Back-off base for 429 without Retry-After; default 500 ms. */
  backoffMs?: number;
  /** Aborts the whole collection (scheduler timeout). */
  signal?: AbortSignal;
};

type ListBody<T> = {
  items?: T[];
  metadata?: { continue?: string; remainingItemCount?: number };
};

/** A paged list had to restart: the continue token expired (410 Gone). */
export class ListExpiredError extends Error {
  constructor() {
    super('continue token expired (410 Gone)');
    this.name = 'ListExpiredError';
  }
}

/**
 * Reads the Kubernetes API with the TLS and auth settings of a
 * `@kubernetes/client-node` {@link KubeConfig}, and hands list pages over as
 * parsed JSON: the typed client's model conversion is skipped on purpose, so a
 * page costs one `JSON.parse` and is dropped once the caller has reduced it.
 */
export class KubernetesReader {
  readonly #kubeConfig: KubeConfig;
  readonly #server: URL;
  readonly #options: KubernetesReaderOptions;
  #connection: Promise<https.RequestOptions> | undefined;

  static create(options: KubernetesReaderOptions): KubernetesReader {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: 'cluster',
          server: options.server,
          caData: options.caData,
          caFile: options.caFile,
          skipTLSVerify: options.skipTLSVerify ?? false,
        },
      ],
      users: [{ name: 'collector', token: options.token }],
      contexts: [{ name: 'collect', cluster: 'cluster', user: 'collector' }],
      currentContext: 'collect',
    });
    return new KubernetesReader(kubeConfig, options);
  }

  private constructor(
    kubeConfig: KubeConfig,
    options: KubernetesReaderOptions,
  ) {
    this.#kubeConfig = kubeConfig;
    this.#server = new URL(options.server);
    this.#options = options;
  }

  /** GET one object; `undefined` on 404. */
  async get<T>(path: string): Promise<T | undefined> {
    try {
      return await this.#request<T>(path, {});
    } catch (error) {
      if (error instanceof CollectionFailure && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Lists every item of a collection page by page (`limit`/`continue`),
   * calling `onPage` with each page's items. When the continue token expires
   * (410), `onRestart` is called and the list starts over, at most
   * `maxRestarts` times. A missing collection (404, e.g. a CRD that is not
   * installed) lists nothing when `optional` is set.
   */
  async list<T>(
    path: string,
    options: {
      limit: number;
      fieldSelector?: string;
      labelSelector?: string;
      onPage: (items: T[]) => void;
      onRestart?: () => void;
      optional?: boolean;
      maxRestarts?: number;
    },
  ): Promise<{ pages: number; restarts: number }> {
    const maxRestarts = options.maxRestarts ?? 3;
    let restarts = 0;
    for (;;) {
      try {
        const pages = await this.#listOnce(path, options);
        return { pages, restarts };
      } catch (error) {
        if (error instanceof ListExpiredError && restarts < maxRestarts) {
          restarts++;
          options.onRestart?.();
          continue;
        }
        if (
          options.optional &&
          error instanceof CollectionFailure &&
          error.status === 404
        ) {
          return { pages: 0, restarts };
        }
        if (error instanceof ListExpiredError) {
          throw new CollectionFailure({
            kind: 'server-error',
            source: 'kubernetes',
            status: 410,
            message: `Listing ${path} failed: the continue token expired ${restarts} times in a row`,
          });
        }
        throw error;
      }
    }
  }

  /**
   * One pass over a list. The next page is requested as soon as this page's
   * continue token is known, before `onPage` reduces this page: the server
   * builds the next page while this one is reduced (at most two pages are
   * held at once).
   */
  async #listOnce<T>(
    path: string,
    options: {
      limit: number;
      fieldSelector?: string;
      labelSelector?: string;
      onPage: (items: T[]) => void;
    },
  ): Promise<number> {
    const fetchPage = async (continueToken?: string) => {
      const query: Record<string, string> = { limit: String(options.limit) };
      if (options.fieldSelector) query.fieldSelector = options.fieldSelector;
      if (options.labelSelector) query.labelSelector = options.labelSelector;
      if (continueToken) query.continue = continueToken;
      try {
        return await this.#request<ListBody<T>>(path, query);
      } catch (error) {
        if (
          continueToken &&
          error instanceof CollectionFailure &&
          error.status === 410
        ) {
          throw new ListExpiredError();
        }
        throw error;
      }
    };
    let next: Promise<ListBody<T>> | undefined = fetchPage();
    let pages = 0;
    try {
      while (next) {
        const body = await next;
        next = undefined;
        if (!body || typeof body !== 'object' || !Array.isArray(body.items)) {
          throw new CollectionFailure({
            kind: 'bad-response',
            source: 'kubernetes',
            message: `Listing ${path} failed: the answer is not a list`,
          });
        }
        pages++;
        const continueToken = body.metadata?.continue || undefined;
        if (continueToken) next = fetchPage(continueToken);
        options.onPage(body.items);
      }
    } finally {
      // A page requested ahead and no longer wanted (onPage threw) must not
      // surface as an unhandled rejection.
      next?.catch(() => {});
    }
    return pages;
  }

  async #request<T>(path: string, query: Record<string, string>): Promise<T> {
    const maxRetries = this.#options.maxRetries ?? 3;
    const backoff = this.#options.backoffMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#requestOnce<T>(path, query);
      } catch (error) {
        const retryable =
          error instanceof CollectionFailure && error.kind === 'throttled';
        if (!retryable || attempt >= maxRetries) throw error;
        const retryAfter = (error as ThrottledFailure).retryAfterMs;
        await delay(
          Math.min(retryAfter ?? backoff * 2 ** attempt, 30_000),
          this.#options.signal,
        );
      }
    }
  }

  /**
   * The TLS and auth options of the KubeConfig, worked out once per reader
   * and put on one keep-alive agent: client-node makes a new agent (and reads
   * the CA file again) on every call, which costs every page a new TLS
   * handshake.
   */
  async #requestOptions(): Promise<https.RequestOptions> {
    if (!this.#connection) {
      this.#connection = (async () => {
        const options: https.RequestOptions = {
          method: 'GET',
          headers: { Accept: 'application/json' },
        };
        await this.#kubeConfig.applyToHTTPSOptions(options);
        const agent = options.agent as
          | (http.Agent & { options?: https.AgentOptions })
          | undefined;
        if (agent instanceof https.Agent) {
          options.agent = new https.Agent({
            ...agent.options,
            keepAlive: true,
          });
        } else if (agent instanceof http.Agent) {
          options.agent = new http.Agent({ keepAlive: true });
        }
        return options;
      })();
      // A failure (e.g. an unreadable CA file) is retried on the next request.
      this.#connection.catch(() => {
        this.#connection = undefined;
      });
    }
    const options = await this.#connection;
    return { ...options, headers: { ...options.headers } };
  }

  /** Closes the kept-alive connection. */
  close(): void {
    this.#connection
      ?.then(options => (options.agent as http.Agent | undefined)?.destroy())
      .catch(() => {});
    this.#connection = undefined;
  }

  async #requestOnce<T>(
    path: string,
    query: Record<string, string>,
  ): Promise<T> {
    const url = new URL(this.#server.toString());
    url.pathname = `${url.pathname.replace(/\/$/, '')}${path}`;
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const requestOptions = await this.#requestOptions();
    const what = `GET ${path}`;
    const transport = url.protocol === 'http:' ? http : https;
    const { signal } = this.#options;
    if (signal?.aborted) {
      throw new CollectionFailure({
        kind: 'timeout',
        source: 'kubernetes',
        message: `${what} was cancelled: the collection timed out`,
      });
    }

    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let onAbort = () => {};
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        reject(
          error instanceof CollectionFailure
            ? error
            : classifyError(error, 'kubernetes', what),
        );
      };
      const request = transport.request(url, requestOptions, response => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', error => fail(error));
        response.on('aborted', () =>
          fail(
            new CollectionFailure({
              kind: 'bad-response',
              source: 'kubernetes',
              message: `${what} failed: the connection closed before the whole answer arrived`,
            }),
          ),
        );
        response.on('end', () => {
          if (settled) return;
          if (!response.complete) {
            fail(
              new CollectionFailure({
                kind: 'bad-response',
                source: 'kubernetes',
                message: `${what} failed: the connection closed before the whole answer arrived`,
              }),
            );
            return;
          }
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          if (status < 200 || status >= 300) {
            fail(
              statusFailure(
                what,
                status,
                text,
                response.headers['retry-after'],
              ),
            );
            return;
          }
          try {
            const parsed = JSON.parse(text) as T;
            settled = true;
            signal?.removeEventListener('abort', onAbort);
            resolve(parsed);
          } catch {
            fail(
              new CollectionFailure({
                kind: 'bad-response',
                source: 'kubernetes',
                status,
                message: `${what} failed: the answer is not valid JSON`,
              }),
            );
          }
        });
      });
      onAbort = () => {
        request.destroy();
        fail(
          new CollectionFailure({
            kind: 'timeout',
            source: 'kubernetes',
            message: `${what} was cancelled: the collection timed out`,
          }),
        );
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.setTimeout(this.#options.timeoutMs, () => {
        request.destroy();
        fail(
          new CollectionFailure({
            kind: 'timeout',
            source: 'kubernetes',
            message: `${what} timed out after ${this.#options.timeoutMs} ms`,
          }),
        );
      });
      request.on('error', error => fail(error));
      request.end();
    });
  }
}

type ThrottledFailure = CollectionFailure & { retryAfterMs?: number };

function statusFailure(
  what: string,
  status: number,
  text: string,
  retryAfter: string | string[] | undefined,
): CollectionFailure {
  let reason: string | undefined;
  try {
    const body = JSON.parse(text) as { reason?: string; message?: string };
    reason = body.reason ?? undefined;
  } catch {
    reason = undefined;
  }
  const failure: ThrottledFailure = new CollectionFailure({
    kind: kindOfStatus(status),
    source: 'kubernetes',
    status,
    message: `${what} failed with HTTP ${status}${reason ? ` ${reason}` : ''}`,
  });
  const seconds = Number(
    Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
  );
  if (Number.isFinite(seconds) && seconds >= 0) {
    failure.retryAfterMs = seconds * 1000;
  }
  return failure;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
