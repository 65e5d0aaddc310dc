import type {
  CapacitySummary,
  ClusterOverview,
  ClusterVersionStatus,
  DataFreshness,
  ZoneIpHeadroom,
} from '@eks-platform/plugin-eks-platform-common';
import { spotSummary } from './capacity';
import { COLLECTED_AT } from './clock';
import { type IpOutlook, ipSummary } from './network';
import { versionOf } from './versions';

/** Where a fixture cluster is registered: every one comes from app-config with a service account. */
export type ClusterIdentity = {
  name: string;
  title: string;
  region: string;
  accountId: string;
};

/**
 * A collected fixture cluster in short: its version, capacity and zones. The fleet-table
 * figures are derived from these, so the rows agree with the cluster details.
 */
export type ClusterSpec = ClusterIdentity & {
  version: ClusterVersionStatus;
  capacity: CapacitySummary;
  /** The zones' IP headroom and the cluster's forecast; absent when EC2 could not be read. */
  ip?: { zones: ZoneIpHeadroom[]; outlook: IpOutlook };
  /** Default: collected at COLLECTED_AT, fresh and complete. */
  freshness?: DataFreshness;
};

/** A cluster's registry entry, the part of an overview known before any collection. */
export function registered(identity: ClusterIdentity) {
  return {
    name: identity.name,
    title: identity.title,
    authProvider: 'serviceAccount',
    source: 'config',
    eks: {
      clusterName: identity.name,
      region: identity.region,
      accountId: identity.accountId,
    },
  } as const;
}

/** The fleet table's row of a collected cluster, computed from its description. */
export function clusterOverview(spec: ClusterSpec): ClusterOverview {
  const freshness = spec.freshness ?? {
    collectedAt: COLLECTED_AT,
    stale: false,
    partial: [],
  };
  return {
    ...registered(spec),
    ...freshness,
    version: versionOf(spec.version),
    spot: spotSummary(spec.capacity),
    ...(spec.ip && { ip: ipSummary(spec.ip.zones, spec.ip.outlook) }),
  };
}
