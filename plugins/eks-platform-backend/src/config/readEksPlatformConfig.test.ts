import { ConfigReader } from '@backstage/config';
import { readEksPlatformConfig } from './readEksPlatformConfig';

describe('readEksPlatformConfig', () => {
  it('gives the defaults for an empty block', () => {
    const read = readEksPlatformConfig(new ConfigReader({}));
    expect(read).toEqual({
      collection: { pageSize: 500, requestTimeoutMs: 30_000, maxRetries: 3 },
      aws: { maxAttempts: 3, requestTimeoutMs: 10_000 },
      collectionSchedule: {
        schedule: {
          frequency: { minutes: 5 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 5 },
          scope: 'global',
        },
        retentionDays: 30,
      },
      staleAfterMs: 15 * 60_000,
      limits: {
        refresh: { cooldownMs: 60_000, perUserPerMinute: 10 },
        namespaceCheck: { cacheMs: 5_000, perUserPerMinute: 30 },
      },
    });
  });

  it('reads every part of the block', () => {
    const read = readEksPlatformConfig(
      new ConfigReader({
        eksPlatform: {
          aws: {
            endpoint: 'http://127.0.0.1:7781',
            maxAttempts: 5,
            requestTimeoutMs: 4000,
          },
          refresh: { cooldown: '2m', perUserPerMinute: 4 },
          namespaceCheck: { cacheFor: 'PT10S', perUserPerMinute: 50 },
          schedule: { frequency: { minutes: 1 }, timeout: { seconds: 50 } },
          retention: { days: 7 },
          staleAfterMinutes: 3,
          collection: { pageSize: 100 },
          discovery: {
            accounts: [{ accountId: '012345678901', regions: ['eu-west-1'] }],
          },
        },
      }),
    );
    expect(read.aws).toEqual({
      endpoint: 'http://127.0.0.1:7781',
      maxAttempts: 5,
      requestTimeoutMs: 4000,
    });
    expect(read.limits).toEqual({
      refresh: { cooldownMs: 120_000, perUserPerMinute: 4 },
      namespaceCheck: { cacheMs: 10_000, perUserPerMinute: 50 },
    });
    expect(read.collectionSchedule).toEqual({
      schedule: {
        frequency: { minutes: 1 },
        timeout: { seconds: 50 },
        initialDelay: { seconds: 5 },
        scope: 'global',
      },
      retentionDays: 7,
    });
    expect(read.staleAfterMs).toBe(3 * 60_000);
    expect(read.collection.pageSize).toBe(100);
    expect(read.discovery?.accounts).toHaveLength(1);
  });

  it('names the key of an invalid value', () => {
    expect(() =>
      readEksPlatformConfig(
        new ConfigReader({ eksPlatform: { retention: { days: 0 } } }),
      ),
    ).toThrow("Invalid 'eksPlatform.retention.days'");
    expect(() =>
      readEksPlatformConfig(
        new ConfigReader({ eksPlatform: { collection: { pageSize: 0 } } }),
      ),
    ).toThrow("Invalid 'eksPlatform.collection.pageSize'");
    expect(() =>
      readEksPlatformConfig(
        new ConfigReader({
          eksPlatform: { namespaceCheck: { perUserPerMinute: 0 } },
        }),
      ),
    ).toThrow("Invalid 'eksPlatform.namespaceCheck.perUserPerMinute'");
  });
});
