import { percentile } from './api/measureApi';
import { parseBenchArgs } from './cli';
import type { ContenderRun } from './collection/runCollection';
import type { ContenderName } from './collection/types';
import { buildReport, formatReport } from './report';
import type { BenchReport } from './types';

const MiB = 1048576;

function run(
  contender: ContenderName,
  wallMs: number,
  heapMiB: number,
  rssMiB: number,
): ContenderRun {
  return {
    contender,
    ok: true,
    wallMs,
    baseline: { rss: 180 * MiB, heapUsed: 60 * MiB },
    peakSampled: {
      rss: (180 + rssMiB) * MiB,
      heapUsed: (60 + heapMiB) * MiB,
    },
    maxRssAtEnd: (180 + rssMiB) * MiB,
    maxRssAtBaseline: 190 * MiB,
    peakAboveBaseline: { rss: rssMiB * MiB, heapUsed: heapMiB * MiB },
    samples: 500,
    pods: 150000,
    nodes: 5000,
    kubeRequests: { '/api/v1/pods': contender === 'naive' ? 1 : 300 },
    awsRequests: contender === 'ours' ? 9 : 0,
  };
}

function report(runs: ContenderRun[]): BenchReport {
  return {
    startedAt: new Date().toISOString(),
    command: 'yarn bench --sizes 5000',
    machine: {
      cpus: 2,
      cpuModel: 'AMD EPYC',
      memoryBytes: 24 * 1024 * MiB,
      loadAverageAtStart: [3.5, 3.1, 2.9],
      node: 'v22.23.3',
      platform: 'linux 6.1',
    },
    options: parseBenchArgs(['--sizes', '5000', '--only', 'collection'])!,
    collection: [
      {
        nodes: 5000,
        pods: 150000,
        pageSize: 500,
        simulatorPeakRssBytes: 900 * MiB,
        runs,
      },
    ],
  };
}

describe('bench report', () => {
  it('compares medians side by side and checks the 5,000-node targets', () => {
    const full = buildReport(
      report([
        run('ours', 12000, 215, 200),
        run('floor', 10000, 24, 19),
        run('naive', 30000, 1617, 2460),
        run('ours', 14000, 210, 205),
        run('floor', 11000, 24, 19),
        run('naive', 22000, 1612, 2470),
        run('ours', 15000, 214, 199),
        run('floor', 9000, 23, 18),
        run('naive', 35000, 1616, 2458),
      ]),
    );
    const [ratios] = full.ratios.collection;
    expect(ratios.oursWallMs).toBe(14000);
    expect(ratios.floorWallMs).toBe(10000);
    expect(ratios.wallVsFloor).toBeCloseTo(1.4);
    expect(ratios.heapVsNaive).toBeCloseTo(214 / 1616);
    expect(full.targets).toEqual([
      expect.objectContaining({ measured: 'heap 13.2%, RSS 8.1%', met: true }),
      expect.objectContaining({ measured: '1.40x', met: true }),
    ]);
    expect(formatReport(full)).toContain('| 5000  | 1.40x');
  });

  it('says a target cannot be judged when the naive collector failed', () => {
    const failed: ContenderRun = {
      ...run('naive', Number.NaN, 0, 0),
      ok: false,
      error: 'Cannot create a string longer than 0x1fffffe8 characters',
    };
    const full = buildReport(
      report([
        run('ours', 12000, 215, 200),
        run('floor', 10000, 24, 19),
        failed,
      ]),
    );
    expect(full.targets[0]).toMatchObject({
      measured: 'naive collector failed',
      met: undefined,
    });
    expect(formatReport(full)).toContain(
      'failed: Cannot create a string longer',
    );
  });
});

describe('page section', () => {
  const page = {
    ok: true,
    clusters: 50,
    runsMs: [1523, 1608, 1209, 1095, 1008],
    medianMs: 1209,
    apiAnswerMs: [1565, 1684, 947, 885, 1056],
    inAppRunsMs: [410, 390, 457, 338, 477],
    inAppMedianMs: 410,
  };

  it('says the production bundle was measured, with its build and start times', () => {
    const text = formatReport(
      buildReport({
        ...report([]),
        collection: [],
        page: {
          ...page,
          bundle: 'production',
          appUrl: 'http://127.0.0.1:41889',
          buildSeconds: 19.94,
          appStartSeconds: 7.9,
        },
      }),
    );
    expect(text).toContain(
      'production bundle (built in 19.9 s, served by the backend started in 7.9 s at http://127.0.0.1:41889)',
    );
    expect(text).toContain(
      'full load (page.goto) to every row rendered: median 1209 ms (runs 1523, 1608, 1209, 1095, 1008;',
    );
    expect(text).toContain(
      'in-app navigation to every row rendered: median 410 ms',
    );
  });

  it('names the running app it measured with --app-url', () => {
    const text = formatReport(
      buildReport({
        ...report([]),
        collection: [],
        page: { ...page, bundle: 'external', appUrl: 'http://localhost:3000' },
      }),
    );
    expect(text).toContain('app already running at http://localhost:3000');
    expect(text).not.toContain('production bundle');
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const sorted = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(100);
    expect(percentile(sorted, 99)).toBe(198);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe('parseBenchArgs', () => {
  it('shortens the run with --quick and rejects unknown parts', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({
      sizes: [1000],
      repeat: 1,
      requests: 500,
      parts: ['collection', 'api', 'page'],
    });
    expect(parseBenchArgs(['--sizes', '1000,5000'])).toMatchObject({
      sizes: [1000, 5000],
      repeat: 3,
    });
    expect(() => parseBenchArgs(['--only', 'render'])).toThrow(
      "--only: unknown part 'render'",
    );
  });

  it('builds and starts the production app unless --app-url names a running one', () => {
    expect(parseBenchArgs(['--only', 'page'])?.appUrl).toBeUndefined();
    expect(
      parseBenchArgs(['--only', 'page', '--app-url', 'http://localhost:3000'])
        ?.appUrl,
    ).toBe('http://localhost:3000');
  });
});
