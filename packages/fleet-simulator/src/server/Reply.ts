import { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Writes one response. When the request drew a `truncate` fault it announces the full length and
 * then drops the connection half way through the body, like a proxy that died mid-response.
 */
export class Reply {
  constructor(
    readonly res: ServerResponse,
    private readonly truncate: boolean,
  ) {}

  get truncating() {
    return this.truncate;
  }

  send(status: number, headers: Record<string, string>, body: string | Buffer) {
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    this.res.writeHead(status, {
      ...headers,
      'Content-Length': String(data.length),
    });
    if (this.truncate) {
      this.res.write(data.subarray(0, Math.floor(data.length / 2)), () => {
        this.res.socket?.destroy();
      });
      return;
    }
    this.res.end(data);
  }

  json(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.send(
      status,
      { 'Content-Type': 'application/json', ...headers },
      JSON.stringify(body),
    );
  }

  /** Streams a body made of many pieces (large lists) with backpressure, chunked. */
  async stream(
    status: number,
    headers: Record<string, string>,
    pieces: Iterable<string>,
  ) {
    this.res.writeHead(status, headers);
    let buffer = '';
    for (const piece of pieces) {
      buffer += piece;
      if (buffer.length >= 64 * 1024) {
        if (this.truncate) {
          this.res.write(buffer.slice(0, buffer.length >> 1), () =>
            this.res.socket?.destroy(),
          );
          return;
        }
        const ok = this.res.write(buffer);
        buffer = '';
        if (!ok) {
          await new Promise<void>(resolve => {
            const done = () => {
              this.res.off('drain', done);
              this.res.off('close', done);
              resolve();
            };
            this.res.once('drain', done);
            this.res.once('close', done);
          });
          if (this.res.destroyed) return;
        }
      }
    }
    if (this.truncate) {
      this.res.write(buffer.slice(0, buffer.length >> 1), () =>
        this.res.socket?.destroy(),
      );
      return;
    }
    this.res.end(buffer);
  }
}

export async function readBody(
  req: IncomingMessage,
  limit = 1024 * 1024,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
