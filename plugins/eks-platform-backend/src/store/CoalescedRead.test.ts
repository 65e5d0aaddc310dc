import { CoalescedRead } from './CoalescedRead';

describe('CoalescedRead', () => {
  it('gives callers that arrive during a read the next read, shared, never the running one', async () => {
    let version = 1;
    const calls: string[][] = [];
    const releases: (() => void)[] = [];
    const reader = new CoalescedRead<string, number>(async args => {
      calls.push(args);
      const seen = version;
      await new Promise<void>(resolve => releases.push(resolve));
      return seen;
    });

    const first = reader.read('a');
    version = 2; // written after the first read started
    const second = reader.read('b');
    const third = reader.read('c');
    expect(calls).toEqual([['a']]);

    releases[0]();
    await expect(first).resolves.toBe(1);
    await new Promise(resolve => setImmediate(resolve));
    expect(calls).toEqual([['a'], ['b', 'c']]);
    releases[1]();
    await expect(second).resolves.toBe(2);
    await expect(third).resolves.toBe(2);

    const later = reader.read('d');
    expect(calls).toEqual([['a'], ['b', 'c'], ['d']]);
    releases[2]();
    await expect(later).resolves.toBe(2);
  });

  it('passes a failed read to its callers and starts the next one', async () => {
    let fail = true;
    const reader = new CoalescedRead<void, string>(async () => {
      if (fail) throw new Error('connection reset');
      return 'rows';
    });
    await expect(reader.read()).rejects.toThrow('connection reset');
    fail = false;
    await expect(reader.read()).resolves.toBe('rows');
  });
});
