import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * A view serialized once for every caller: the JSON bytes, their gzip
 * encoding (what browsers ask for; compressed on first use) and a strong ETag
 * for each.
 */
export type JsonBody = {
  bytes: Buffer;
  etag: string;
  gzip(): { bytes: Buffer; etag: string };
};

/** Serializes a view and hashes it for its ETag. */
export function jsonBody(value: unknown): JsonBody {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  const hash = createHash('sha1').update(bytes).digest('base64url');
  let gzipped: { bytes: Buffer; etag: string } | undefined;
  return {
    bytes,
    etag: `"${hash}"`,
    gzip: () => {
      gzipped ??= { bytes: gzipSync(bytes), etag: `"${hash}-gzip"` };
      return gzipped;
    },
  };
}

type Entry = { version: string; body: Promise<JsonBody> };

/**
 * Serialized views, reused while everything they are computed from is the
 * same (`version`: the store's generation, the cluster list, the second of
 * `now`, the entity's annotations). Callers that arrive while a view is being
 * computed share that computation. Holds at most `maxEntries` keys (oldest
 * dropped first); a failed computation is not kept.
 */
export class ViewBodyCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.#maxEntries = options.maxEntries ?? 500;
  }

  get(
    key: string,
    version: string,
    compute: () => Promise<unknown>,
  ): Promise<JsonBody> {
    const entry = this.#entries.get(key);
    if (entry && entry.version === version) {
      return entry.body;
    }
    const body = compute().then(jsonBody);
    const fresh: Entry = { version, body };
    this.#entries.delete(key);
    this.#entries.set(key, fresh);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    body.catch(() => {
      if (this.#entries.get(key) === fresh) this.#entries.delete(key);
    });
    return body;
  }

  get size(): number {
    return this.#entries.size;
  }
}
