import { ROLLBACK_RULES, rollbackWindow } from './rollbackWindow';
import type { EksUpdateInfo } from './types';

const DAY = 86_400_000;
// Every time is computed from the clock: the rule must hold on any day.
const NOW = Date.now();
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function versionUpdate(
  version: string,
  createdAt: string,
  status = 'Successful',
  type = 'VersionUpdate',
): EksUpdateInfo {
  return {
    id: `${type}-${version}-${createdAt}`,
    type,
    status,
    createdAt,
    params: [
      { type: 'Version', value: version },
      { type: 'PlatformVersion', value: 'eks.3' },
    ],
  };
}

const LOGGING: EksUpdateInfo = {
  id: 'logging',
  type: 'LoggingUpdate',
  status: 'Successful',
  createdAt: ago(1),
  params: [{ type: 'ClusterLogging', value: '{}' }],
};

describe('rollbackWindow', () => {
  it('is open for 7 days after an in-place upgrade, back to the previous minor', () => {
    const upgradedAt = ago(3);
    const w = rollbackWindow({
      updates: [LOGGING, versionUpdate('1.34', upgradedAt)],
      now: NOW,
      clusterVersion: '1.34',
    });
    const until = Date.parse(upgradedAt) + 7 * DAY;
    expect(w).toMatchObject({
      value: true,
      status: 'open',
      targetVersion: '1.33',
      upgradedVersion: '1.34',
      upgradedAt,
      until: new Date(until).toISOString(),
      untilDay: dayOf(until),
      daysLeft: Math.round(
        (Date.parse(dayOf(until)) - Date.parse(dayOf(NOW))) / DAY,
      ),
    });
    expect(w.summary).toBe(
      `Rollback to 1.33 possible until ${dayOf(until)} (${
        w.daysLeft
      } days left)`,
    );
    expect(w.formula).toContain(`${upgradedAt} (upgrade to 1.34) + 7 days`);
    expect(w.source).toMatch(/rollback-cluster/);
  });

  it('says when the window closed for an upgrade 7 days ago or more', () => {
    const upgradedAt = ago(9);
    const w = rollbackWindow({
      updates: [versionUpdate('1.34', upgradedAt)],
      now: NOW,
    });
    expect(w.value).toBe(false);
    expect(w.status).toBe('closed');
    expect(w.untilDay).toBe(dayOf(Date.parse(upgradedAt) + 7 * DAY));
    expect(w.summary).toMatch(
      new RegExp(`^Rollback window closed on ${w.untilDay}`),
    );
    // exactly at the end the window is closed
    expect(
      rollbackWindow({
        updates: [versionUpdate('1.34', ago(7))],
        now: NOW,
      }).status,
    ).toBe('closed');
  });

  it('knows nothing to roll back without a version update', () => {
    const w = rollbackWindow({ updates: [LOGGING], now: NOW });
    expect(w).toMatchObject({ value: false, status: 'no-upgrade' });
    expect(rollbackWindow({ updates: [], now: NOW }).status).toBe('no-upgrade');
  });

  it('skips a failed upgrade: the one before it decides', () => {
    const w = rollbackWindow({
      updates: [
        versionUpdate('1.35', ago(1), 'Failed'),
        versionUpdate('1.34', ago(2)),
      ],
      now: NOW,
      clusterVersion: '1.34',
    });
    expect(w).toMatchObject({ status: 'open', targetVersion: '1.33' });
    const onlyFailed = rollbackWindow({
      updates: [versionUpdate('1.35', ago(1), 'Failed')],
      now: NOW,
    });
    expect(onlyFailed.status).toBe('no-upgrade');
    expect(onlyFailed.summary).toMatch(/to 1\.35\) ended Failed/);
  });

  it('allows no rollback while an upgrade is in progress', () => {
    const w = rollbackWindow({
      updates: [versionUpdate('1.34', ago(0.01), 'InProgress')],
      now: NOW,
    });
    expect(w).toMatchObject({ value: false, status: 'upgrade-in-progress' });
    expect(w.summary).toMatch(/opens when it succeeds/);
  });

  it('has nothing to roll back after a rollback', () => {
    const w = rollbackWindow({
      updates: [
        versionUpdate('1.34', ago(3)),
        versionUpdate('1.33', ago(1), 'Successful', 'VersionRollback'),
      ],
      now: NOW,
      clusterVersion: '1.33',
    });
    expect(w).toMatchObject({ value: false, status: 'rolled-back' });
    expect(w.summary).toBe(
      `Rolled back to 1.33 on ${dayOf(
        Date.parse(ago(1)),
      )}: no in-place upgrade since to roll back`,
    );
    expect(
      rollbackWindow({
        updates: [
          versionUpdate('1.33', ago(0.01), 'InProgress', 'VersionRollback'),
        ],
        now: NOW,
      }).status,
    ).toBe('rollback-in-progress');
  });

  it('says unknown when the last upgrade read does not explain the cluster version', () => {
    const w = rollbackWindow({
      updates: [versionUpdate('1.33', ago(2))],
      now: NOW,
      clusterVersion: '1.34',
    });
    expect(w.status).toBe('unknown');
    expect(w.value).toBe(false);
  });

  it('reads epoch seconds as the API sends them and notes an incomplete update list', () => {
    const upgradedAt = NOW - 2 * DAY;
    const w = rollbackWindow({
      updates: [{ ...versionUpdate('1.34', ''), createdAt: upgradedAt / 1000 }],
      now: new Date(NOW),
      incomplete: true,
    });
    expect(w.status).toBe('open');
    expect(w.upgradedAt).toBe(new Date(upgradedAt).toISOString());
    expect(w.summary).toMatch(/a newer one may be missing$/);
  });

  it('states its rule', () => {
    expect(ROLLBACK_RULES.rollbackWindow.formula).toMatch(/\+ 7 days/);
  });
});
