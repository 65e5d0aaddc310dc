import { ViewBodyCache, jsonBody } from './ViewBodyCache';

describe('ViewBodyCache', () => {
  it('computes a view once per version, for callers that arrive together too', async () => {
    const cache = new ViewBodyCache();
    const compute = jest.fn(async () => ({
      items: [{ name: 'prod-eu-west-1' }],
    }));
    const [a, b] = await Promise.all([
      cache.get('clusters', 'v1', compute),
      cache.get('clusters', 'v1', compute),
    ]);
    expect(a).toBe(b);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(a.bytes.toString()).toBe('{"items":[{"name":"prod-eu-west-1"}]}');

    const c = await cache.get('clusters', 'v2', compute);
    expect(c).not.toBe(a);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('gives equal views equal ETags and different views different ones', () => {
    expect(jsonBody({ a: 1 }).etag).toBe(jsonBody({ a: 1 }).etag);
    expect(jsonBody({ a: 1 }).etag).not.toBe(jsonBody({ a: 2 }).etag);
  });

  it('does not keep a failed computation', async () => {
    const cache = new ViewBodyCache();
    await expect(
      cache.get('clusters', 'v1', async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    const body = await cache.get('clusters', 'v1', async () => ({ ok: true }));
    expect(body.bytes.toString()).toBe('{"ok":true}');
  });

  it('holds at most maxEntries keys, dropping the oldest', async () => {
    const cache = new ViewBodyCache({ maxEntries: 2 });
    const compute = jest.fn(async () => ({}));
    await cache.get('entity:a', 'v', compute);
    await cache.get('entity:b', 'v', compute);
    await cache.get('entity:c', 'v', compute);
    expect(cache.size).toBe(2);
    await cache.get('entity:c', 'v', compute);
    expect(compute).toHaveBeenCalledTimes(3);
    await cache.get('entity:a', 'v', compute);
    expect(compute).toHaveBeenCalledTimes(4);
  });
});
