import { daysBetween, toDay, toTime } from './calendarDays';
import type { ExplainedFigure, FigureRule } from './figure';
import { minorVersionOf, parseKubernetesVersion } from './kubernetesVersion';
import type { EksUpdateInfo } from './types';

/**
 * Days after an in-place upgrade during which EKS rolls the control plane back to the previous
 * minor version (EKS user guide "Roll back a cluster to a previous Kubernetes version").
 *
 * @public
 */
export const ROLLBACK_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;

const SOURCE =
  'EKS user guide rollback-cluster (7 days after an in-place upgrade, to the previous minor); EKS ListUpdates / DescribeUpdate (VersionUpdate createdAt)';

/**
 * Where a cluster stands with rollback:
 * - `open`: the last version change was a successful in-place upgrade less than 7 days ago
 * - `closed`: it was 7 days ago or more
 * - `upgrade-in-progress` / `rollback-in-progress`: a version change is under way
 * - `rolled-back`: the last version change was a rollback
 * - `no-upgrade`: EKS reports no successful in-place upgrade
 * - `unknown`: the updates read do not explain the cluster's version
 *
 * @public
 */
export type RollbackWindowStatus =
  | 'open'
  | 'closed'
  | 'upgrade-in-progress'
  | 'rollback-in-progress'
  | 'rolled-back'
  | 'no-upgrade'
  | 'unknown';

/**
 * Whether the control plane can be rolled back now (`value`), to which version and until when.
 *
 * @public
 */
export type RollbackWindow = ExplainedFigure<boolean> & {
  status: RollbackWindowStatus;
  /** The version a rollback returns to: the minor before the upgrade. */
  targetVersion?: string;
  /** The version the last in-place upgrade went to. */
  upgradedVersion?: string;
  /** When that upgrade was requested (ISO time). */
  upgradedAt?: string;
  /** End of the window (ISO time): `upgradedAt` + 7 days; past when `closed`. */
  until?: string;
  /** `until` as `YYYY-MM-DD` (UTC). */
  untilDay?: string;
  /** Whole UTC days from today to `untilDay` while `open` (0 on the last day). */
  daysLeft?: number;
  updateId?: string;
  summary: string;
};

/**
 * Input of {@link rollbackWindow}.
 *
 * @public
 */
export type RollbackWindowInput = {
  /** The cluster's updates (`DescribeUpdate`), in any order: ListUpdates does not sort them. */
  updates: EksUpdateInfo[];
  now: string | number | Date;
  /** The cluster's version now; when the last upgrade did not go to it, the window is `unknown`. */
  clusterVersion?: string;
  /** Not every listed update was read: a newer version change may be missing. */
  incomplete?: boolean;
};

const VERSION_CHANGES = ['VersionUpdate', 'VersionRollback'];

function versionParam(update: EksUpdateInfo): string | undefined {
  return minorVersionOf(update.params?.find(p => p.type === 'Version')?.value);
}

function previousMinor(version: string): string | undefined {
  const v = parseKubernetesVersion(version);
  return v && v.minor > 0 ? `${v.major}.${v.minor - 1}` : undefined;
}

type Change = {
  update: EksUpdateInfo;
  at: number;
  version: string | undefined;
};

function figure(
  status: RollbackWindowStatus,
  summary: string,
  formula: string,
  extra: Partial<RollbackWindow> = {},
): RollbackWindow {
  return {
    value: status === 'open',
    status,
    summary,
    formula,
    source: SOURCE,
    ...extra,
  };
}

function windowOf(change: Change, now: number, incomplete: string) {
  const upgradedVersion = change.version!;
  const targetVersion = previousMinor(upgradedVersion);
  const upgradedAt = new Date(change.at).toISOString();
  const until = new Date(change.at + ROLLBACK_WINDOW_DAYS * DAY_MS);
  const untilDay = toDay(until)!;
  const common = {
    targetVersion,
    upgradedVersion,
    upgradedAt,
    until: until.toISOString(),
    untilDay,
    updateId: change.update.id,
  };
  const formula = `until = ${upgradedAt} (upgrade to ${upgradedVersion}) + ${ROLLBACK_WINDOW_DAYS} days = ${until.toISOString()}`;
  if (now < until.getTime()) {
    const daysLeft = daysBetween(toDay(now)!, untilDay);
    return figure(
      'open',
      `Rollback to ${targetVersion} possible until ${untilDay} (${daysLeft} days left)${incomplete}`,
      `${formula}; ${daysLeft} days left`,
      { ...common, daysLeft },
    );
  }
  return figure(
    'closed',
    `Rollback window closed on ${untilDay} (upgrade to ${upgradedVersion} on ${toDay(
      change.at,
    )})${incomplete}`,
    `${formula}, before now`,
    common,
  );
}

/**
 * Whether a cluster's control plane can be rolled back, from its EKS updates and the clock. The
 * last version change decides (failed and cancelled ones changed nothing): a successful
 * `VersionUpdate` opens a window of 7 days from the time EKS gives it (`createdAt`, the request;
 * EKS reports no completion time, so the real window can end a little later), back to the minor
 * before its `Version`, as EKS upgrades one minor at a time. A change under way, or a rollback,
 * leaves nothing to roll back now.
 *
 * Source: EKS user guide "Roll back a cluster to a previous Kubernetes version"; EKS API
 * `DescribeUpdate` (`type` `VersionUpdate` | `VersionRollback`, `status`, `createdAt`, `params`).
 *
 * @public
 */
export function rollbackWindow(input: RollbackWindowInput): RollbackWindow {
  const now = toTime(input.now) ?? Date.now();
  const incomplete = input.incomplete
    ? '; not every update could be read, a newer one may be missing'
    : '';
  const changes: Change[] = input.updates
    .filter(u => VERSION_CHANGES.includes(u.type ?? ''))
    .map(u => ({
      update: u,
      at: toTime(u.createdAt),
      version: versionParam(u),
    }))
    .filter((c): c is Change => c.at !== undefined)
    .sort((a, b) => b.at - a.at);
  const running = changes.find(c => c.update.status === 'InProgress');
  if (running) {
    const rollback = running.update.type === 'VersionRollback';
    return figure(
      rollback ? 'rollback-in-progress' : 'upgrade-in-progress',
      `${rollback ? 'A rollback' : 'An upgrade'}${
        running.version ? ` to ${running.version}` : ''
      } is in progress since ${new Date(running.at).toISOString()}${
        rollback
          ? ''
          : `; its ${ROLLBACK_WINDOW_DAYS}-day rollback window opens when it succeeds`
      }`,
      `${running.update.type} ${
        running.update.id ?? ''
      } status InProgress`.trim(),
      { updateId: running.update.id },
    );
  }
  const last = changes.find(c => c.update.status === 'Successful');
  if (!last) {
    const failed = changes[0];
    return figure(
      'no-upgrade',
      failed
        ? `The last version change (${failed.update.type}${
            failed.version ? ` to ${failed.version}` : ''
          }) ended ${
            failed.update.status
          }: no in-place upgrade to roll back${incomplete}`
        : `EKS reports no in-place upgrade of this cluster: nothing to roll back${incomplete}`,
      'no successful VersionUpdate among the cluster updates',
    );
  }
  if (last.update.type === 'VersionRollback') {
    return figure(
      'rolled-back',
      `Rolled back${last.version ? ` to ${last.version}` : ''} on ${toDay(
        last.at,
      )}: no in-place upgrade since to roll back${incomplete}`,
      `last version change: VersionRollback at ${new Date(
        last.at,
      ).toISOString()}`,
      { updateId: last.update.id },
    );
  }
  const current = minorVersionOf(input.clusterVersion);
  if (!last.version || (current && current !== last.version)) {
    return figure(
      'unknown',
      `The last upgrade read (${
        last.version ?? 'version not given'
      }) does not explain the cluster's version ${
        current ?? ''
      }: rollback window unknown`,
      'the last successful VersionUpdate does not match the cluster version',
      { updateId: last.update.id },
    );
  }
  return windowOf(last, now, incomplete);
}

/**
 * The rule of the rollback window.
 *
 * @public
 */
export const ROLLBACK_RULES = {
  rollbackWindow: {
    formula: `rollback possible until = time of the last in-place upgrade (VersionUpdate createdAt) + ${ROLLBACK_WINDOW_DAYS} days, to the minor before it`,
    source: SOURCE,
  },
} satisfies Record<string, FigureRule>;
