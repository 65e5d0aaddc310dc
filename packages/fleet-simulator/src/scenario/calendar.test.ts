import {
  loadCatalog,
  demoScenarioPath,
  loadScenarioFile,
} from './loadScenario';
import {
  addMonthsUtc,
  calendarOn,
  versionAtPlace,
  versionStatusOn,
} from './calendar';

const DAY = 86_400_000;
const published = loadCatalog(undefined, new Date(0));
const row = (version: string) =>
  published.versions.find(v => v.version === version)!;

describe('the simulator’s EKS calendar', () => {
  it('holds AWS’s published dates, unshifted (EKS user guide release calendar, UTC)', () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    expect(
      ['1.28', '1.31', '1.34', '1.35', '1.36'].map(v => [
        v,
        day(row(v).releaseDate),
        day(row(v).endOfStandardSupport),
        day(row(v).endOfExtendedSupport),
      ]),
    ).toEqual([
      ['1.28', '2023-09-26', '2024-11-26', '2025-11-26'],
      ['1.31', '2024-09-26', '2025-11-26', '2026-11-26'],
      ['1.34', '2025-10-02', '2026-12-02', '2027-12-02'],
      ['1.35', '2026-01-27', '2027-03-27', '2028-03-27'],
      // Not read from AWS's calendar: a third-party report, fitting the 14 + 12 month rule.
      ['1.36', '2026-06-02', '2027-08-02', '2028-08-02'],
    ]);
    expect(published.versions.some(v => v.projected)).toBe(false);
  });

  it('on the day a version loses standard support, it is in extended support from 00:00 UTC', () => {
    const end = row('1.34').endOfStandardSupport;
    expect(versionStatusOn(row('1.34'), new Date(end.getTime() - 1))).toBe(
      'STANDARD_SUPPORT',
    );
    expect(versionStatusOn(row('1.34'), end)).toBe('EXTENDED_SUPPORT');
  });

  it('gives the same calendar when applied to its own result', () => {
    const day = addMonthsUtc(row('1.35').releaseDate, 9);
    const once = calendarOn(published, day);
    expect(calendarOn(once, day)).toEqual(once);
  });

  it('projects minors past the published ones every 4 months, with 14 + 12 months of support', () => {
    const newest = row('1.36');
    const day = addMonthsUtc(newest.releaseDate, 9);
    const calendar = calendarOn(published, day);
    const projected = calendar.versions.filter(v => v.projected);
    expect(projected.map(v => v.version)).toEqual(['1.38', '1.37']);
    const next = projected.find(v => v.version === '1.37')!;
    expect(next.releaseDate).toEqual(addMonthsUtc(newest.releaseDate, 4));
    expect(next.endOfStandardSupport).toEqual(
      addMonthsUtc(next.releaseDate, 14),
    );
    expect(next.endOfExtendedSupport).toEqual(
      addMonthsUtc(next.releaseDate, 26),
    );
    const kubeProxy = calendar.addons.find(a => a.name === 'kube-proxy')!;
    expect(
      kubeProxy.versions.find(v => v.defaultFor.includes('1.38'))?.version,
    ).toBe('v1.38.0-eksbuild.1');
  });

  // The clock moves: for five years from today, every place a scenario can name exists, and the
  // demo scenario resolves with the stories it was written to tell.
  it.each(
    Array.from({ length: 5 * 26 }, (_, i) => [
      new Date(Date.now() + i * 14 * DAY),
    ]),
  )('names every place, and the demo keeps its stories, on %s', now => {
    const calendar = calendarOn(published, now);
    const status = (v: string) =>
      versionStatusOn(calendar.versions.find(c => c.version === v)!, now);
    expect(status(versionAtPlace(calendar, 'newest', now))).toBe(
      'STANDARD_SUPPORT',
    );
    expect(status(versionAtPlace(calendar, 'oldest-standard', now))).toBe(
      'STANDARD_SUPPORT',
    );
    expect(status(versionAtPlace(calendar, 'oldest-extended', now))).toBe(
      'EXTENDED_SUPPORT',
    );
    expect(status(versionAtPlace(calendar, 'unsupported', now))).toBe(
      'UNSUPPORTED',
    );
    expect(calendar.versions.filter(v => v.default)).toHaveLength(1);

    const { scenario } = loadScenarioFile(demoScenarioPath(), now);
    const cluster = (name: string) =>
      scenario.clusters.find(c => c.name === name)!;
    expect(status(cluster('legacy-eu-west-1').eks.version)).toBe('UNSUPPORTED');
    expect(status(cluster('prod-ap-south-1').eks.version)).toBe(
      'EXTENDED_SUPPORT',
    );
    expect(cluster('checkout-green').eks.version).toBe(
      versionAtPlace(calendar, 'newest', now),
    );
    expect(cluster('checkout-blue').eks).toMatchObject({
      version: versionAtPlace(calendar, 'oldest-standard', now),
      supportType: 'STANDARD',
    });
  });

  it('says which place a calendar does not have on a day', () => {
    const before = new Date(row('1.28').endOfExtendedSupport.getTime() - DAY);
    const onlyOld = { ...published, versions: [row('1.28')] };
    expect(() => versionAtPlace(onlyOld, 'unsupported', before)).toThrow(
      `The EKS calendar on ${before
        .toISOString()
        .slice(
          0,
          10,
        )} has no version at '{unsupported}' (the newest version past its end of extended support)`,
    );
  });
});
