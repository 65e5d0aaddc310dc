import { EKS_FALLBACK_CALENDAR } from './eksVersionCalendar';
import { versionStatus } from './versionStatus';
import { CLUSTER_VERSIONS } from './__fixtures__/eks';
import { END_OF_EXTENDED_1_31, isoFrom } from './__fixtures__/clock';

// Five days before 1.31's end of extended support (AWS's calendar).
const NOW = isoFrom(END_OF_EXTENDED_1_31, -5, '10:00:00');

describe('versionStatus', () => {
  it('puts 1.31 in extended support five days before it ends', () => {
    const status = versionStatus({
      clusterVersion: '1.31',
      versions: CLUSTER_VERSIONS,
      now: NOW,
    });
    expect(status).toMatchObject({
      version: '1.31',
      phase: 'extended',
      apiVersionStatus: 'EXTENDED_SUPPORT',
      supportType: 'EXTENDED',
      releaseDate: '2024-09-26',
      endOfStandardSupport: '2025-11-26',
      endOfExtendedSupport: '2026-11-26',
      daysLeftInPhase: 5,
      nextDeadline: { kind: 'auto-upgrade', date: '2026-11-26', daysLeft: 5 },
      nextVersion: '1.32',
      latestVersion: '1.35',
      versionsBehindLatest: 4,
      source: 'api',
    });
    expect(status.summary).toBe(
      '1.31 is in extended support (billed extra); 5 days until 2026-11-26 (auto-upgrade)',
    );
  });

  it('puts 1.34 in standard support with the end of standard support next', () => {
    const status = versionStatus({
      clusterVersion: 'v1.34.1-eks-2f3a1b',
      versions: CLUSTER_VERSIONS,
      now: NOW,
    });
    expect(status.phase).toBe('standard');
    expect(status.nextDeadline).toMatchObject({
      kind: 'end-of-standard-support',
      date: '2026-12-02',
      daysLeft: 11,
    });
    expect(status.nextDeadline?.description).toMatch(
      /extended support \(extra charge\) follows until 2027-12-02/,
    );
  });

  it('makes the end of standard support an auto-upgrade under upgrade policy STANDARD', () => {
    const status = versionStatus({
      clusterVersion: '1.34',
      versions: CLUSTER_VERSIONS,
      now: NOW,
      supportType: 'STANDARD',
    });
    expect(status.nextDeadline?.kind).toBe('auto-upgrade');
    expect(status.summary).toBe(
      '1.34 is in standard support; 11 days until 2026-12-02 (auto-upgrade)',
    );
  });

  it('does not put a cluster with upgrade policy STANDARD into extended support', () => {
    // AWS's calendar: 1.34's standard support ends 2026-12-02, extended support 2027-12-02.
    const status = versionStatus({
      clusterVersion: '1.34',
      versions: CLUSTER_VERSIONS,
      now: isoFrom('2026-12-02', 0, '08:00:00'),
      supportType: 'STANDARD',
    });
    expect(status).toMatchObject({
      phase: 'unsupported',
      daysLeftInPhase: undefined,
      nextDeadline: { kind: 'auto-upgrade', date: '2026-12-02', daysLeft: 0 },
    });
    expect(status.summary).toBe(
      '1.34 is past the end of standard support (2026-12-02) with upgrade policy STANDARD: it does not enter extended support, and the auto-upgrade is due now',
    );
    expect(status.nextDeadline?.description).toContain(
      'upgrade policy STANDARD: no extended support',
    );
    // The same day under the default policy: extended support, a year to go.
    expect(
      versionStatus({
        clusterVersion: '1.34',
        versions: CLUSTER_VERSIONS,
        now: isoFrom('2026-12-02', 0, '08:00:00'),
      }),
    ).toMatchObject({ phase: 'extended', daysLeftInPhase: 365 });
  });

  it('switches phase on the end date itself', () => {
    const before = versionStatus({
      clusterVersion: '1.32',
      versions: CLUSTER_VERSIONS,
      now: isoFrom('2026-03-23', -1, '23:59:00'),
    });
    expect(before).toMatchObject({ phase: 'standard', daysLeftInPhase: 1 });
    const on = versionStatus({
      clusterVersion: '1.32',
      versions: CLUSTER_VERSIONS,
      now: isoFrom('2026-03-23', 0),
    });
    expect(on).toMatchObject({ phase: 'extended', daysLeftInPhase: 365 });
  });

  it('lets the dates win over a stale status, and reads the deprecated status field', () => {
    // the stored 1.31 entry says EXTENDED_SUPPORT; a month later it is unsupported
    const later = versionStatus({
      clusterVersion: '1.31',
      versions: CLUSTER_VERSIONS,
      now: isoFrom(END_OF_EXTENDED_1_31, 25),
    });
    expect(later.phase).toBe('unsupported');
    expect(later.nextDeadline).toMatchObject({
      kind: 'auto-upgrade',
      date: '2026-11-26',
      daysLeft: 0,
    });
    expect(later.summary).toBe(
      '1.31 is no longer supported since 2026-11-26: EKS upgrades the control plane to the next version without notice; nodes and add-ons stay on their versions',
    );
    const onlyStatus = versionStatus({
      clusterVersion: '1.30',
      versions: [{ clusterVersion: '1.30', status: 'UNSUPPORTED' }],
      now: NOW,
    });
    expect(onlyStatus).toMatchObject({
      phase: 'unsupported',
      apiVersionStatus: 'UNSUPPORTED',
    });
    const onlyVersionStatus = versionStatus({
      clusterVersion: '1.33',
      versions: [{ clusterVersion: '1.33', versionStatus: 'EXTENDED_SUPPORT' }],
      now: NOW,
    });
    expect(onlyVersionStatus.phase).toBe('extended');
  });

  it('reports an unlisted version as unknown', () => {
    const status = versionStatus({
      clusterVersion: '1.7',
      versions: CLUSTER_VERSIONS,
      now: NOW,
    });
    expect(status).toMatchObject({ phase: 'unknown', nextVersion: '1.31' });
    expect(status.summary).toBe('1.7 is not in the version list');
  });

  it('marks results from the offline fallback calendar', () => {
    const status = versionStatus({
      clusterVersion: '1.33',
      versions: EKS_FALLBACK_CALENDAR,
      now: NOW,
      source: 'fallback-calendar',
    });
    expect(status).toMatchObject({
      phase: 'extended',
      endOfStandardSupport: '2026-07-29',
      source: 'fallback-calendar',
    });
    expect(status.summary).toMatch(/\(offline fallback calendar\)$/);
  });
});

describe('EKS_FALLBACK_CALENDAR', () => {
  it('holds the dates of the domain notes', () => {
    const byVersion = Object.fromEntries(
      EKS_FALLBACK_CALENDAR.map(e => [e.clusterVersion, e]),
    );
    expect(byVersion['1.31'].endOfExtendedSupportDate).toBe('2026-11-26');
    expect(byVersion['1.32'].endOfStandardSupportDate).toBe('2026-03-23');
    expect(byVersion['1.32'].endOfExtendedSupportDate).toBe('2027-03-23');
    expect(byVersion['1.33'].endOfStandardSupportDate).toBe('2026-07-29');
    expect(byVersion['1.34'].endOfStandardSupportDate).toBe('2026-12-02');
  });

  it('keeps 14 months standard and 12 months extended support on every row', () => {
    for (const entry of EKS_FALLBACK_CALENDAR) {
      const std = new Date(entry.endOfStandardSupportDate as string);
      const ext = new Date(entry.endOfExtendedSupportDate as string);
      const months =
        (ext.getUTCFullYear() - std.getUTCFullYear()) * 12 +
        ext.getUTCMonth() -
        std.getUTCMonth();
      expect(months).toBe(12);
    }
  });
});
