import { RequestLogEntry, SimulatedApi } from '../types';

/** Counts requests per cluster, API, method and path, so tests can prove how often a cluster was called. */
export class RequestLog {
  private readonly entries = new Map<string, RequestLogEntry>();
  private total = 0;

  record(entry: Omit<RequestLogEntry, 'count'>) {
    const key = [
      entry.cluster,
      entry.api,
      entry.method,
      entry.path,
      entry.operation ?? '',
    ].join('\u0000');
    const existing = this.entries.get(key);
    if (existing) existing.count += 1;
    else this.entries.set(key, { ...entry, count: 1 });
    this.total += 1;
  }

  /** The number of requests that match every given field. */
  count(
    filter: {
      cluster?: string;
      api?: SimulatedApi;
      method?: string;
      path?: string;
      operation?: string;
    } = {},
  ): number {
    let n = 0;
    for (const e of this.entries.values()) {
      if (
        (filter.cluster === undefined || e.cluster === filter.cluster) &&
        (filter.api === undefined || e.api === filter.api) &&
        (filter.method === undefined || e.method === filter.method) &&
        (filter.path === undefined || e.path === filter.path) &&
        (filter.operation === undefined || e.operation === filter.operation)
      ) {
        n += e.count;
      }
    }
    return n;
  }

  snapshot(): { total: number; requests: RequestLogEntry[] } {
    const requests = [...this.entries.values()]
      .map(e => ({ ...e }))
      .sort((a, b) =>
        `${a.cluster}/${a.api}/${a.path}/${a.operation ?? ''}`.localeCompare(
          `${b.cluster}/${b.api}/${b.path}/${b.operation ?? ''}`,
        ),
      );
    return { total: this.total, requests };
  }

  reset() {
    this.entries.clear();
    this.total = 0;
  }
}
