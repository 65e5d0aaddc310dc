import { minorOf, shiftMinor } from '../scenario/calendar';
import type { ScenarioCluster } from '../scenario/schema';
import { uid } from './determinism';

/** One update as DescribeUpdate reports it (type, status, params, errors). */
export interface UpdateFacts {
  id: string;
  type: string;
  status: 'InProgress' | 'Failed' | 'Cancelled' | 'Successful';
  createdAt: Date;
  params: { type: string; value: string }[];
  errors: { errorCode: string; errorMessage: string; resourceIds: string[] }[];
}

/**
 * A scenario cluster's upgrade history that EKS could have: an in-place upgrade goes one minor up
 * to the cluster's version, after the cluster was created and not in the future. The error names
 * the cluster and the field.
 */
export function checkUpdateHistory(
  cluster: ScenarioCluster,
  where: string,
  now: Date,
): void {
  const { eks } = cluster;
  const fail = (field: string, why: string) => {
    throw new Error(`${where}: cluster '${cluster.name}' eks.${field}: ${why}`);
  };
  if (eks.upgradedFrom !== undefined) {
    if (!eks.upgradedAt) fail('upgradedAt', 'required with upgradedFrom');
    if (minorOf(eks.upgradedFrom) !== minorOf(eks.version) - 1) {
      fail(
        'upgradedFrom',
        `EKS upgrades one minor at a time: ${
          eks.version
        } comes from ${shiftMinor(eks.version, -1)}, not ${eks.upgradedFrom}`,
      );
    }
  } else if (eks.upgradedAt) {
    fail('upgradedAt', 'given without upgradedFrom');
  }
  const times = [
    ...(eks.upgradedAt ? [['upgradedAt', eks.upgradedAt] as const] : []),
    ...eks.updates.map((u, i) => [`updates[${i}].at`, u.at] as const),
  ];
  for (const [field, at] of times) {
    if (at < eks.createdAt) fail(field, 'before the cluster was created');
    if (at > now) fail(field, 'in the future');
  }
}

/** The updates EKS lists for a cluster: its in-place upgrade and the scenario's other updates. */
export function updateFacts(
  cluster: ScenarioCluster,
  platformVersion: string,
): UpdateFacts[] {
  const { eks } = cluster;
  const update = (
    type: string,
    status: UpdateFacts['status'],
    createdAt: Date,
    version?: string,
  ): UpdateFacts => ({
    id: uid(`update:${cluster.name}:${type}:${createdAt.toISOString()}`),
    type,
    status,
    createdAt,
    params: version
      ? [
          { type: 'Version', value: version },
          { type: 'PlatformVersion', value: platformVersion },
        ]
      : [],
    errors:
      status === 'Failed'
        ? [
            {
              errorCode: 'Unknown',
              errorMessage: `The ${type} did not complete.`,
              resourceIds: [eks.name ?? cluster.name],
            },
          ]
        : [],
  });
  const upgrade =
    eks.upgradedFrom && eks.upgradedAt
      ? [update('VersionUpdate', 'Successful', eks.upgradedAt, eks.version)]
      : [];
  return [
    ...upgrade,
    ...eks.updates.map(u => update(u.type, u.status, u.at, u.version)),
  ];
}
