import { versionStatusOn } from '../../scenario/calendar';
import { EksCall, epoch, queryPage } from './common';

const LEGACY_STATUS: Record<string, string> = {
  STANDARD_SUPPORT: 'standard-support',
  EXTENDED_SUPPORT: 'extended-support',
  UNSUPPORTED: 'unsupported',
};

type VersionRow = ReturnType<typeof versionRows>[number];

/** Every catalog version as DescribeClusterVersions reports it, newest minor first, status as of `now`. */
function versionRows(call: EksCall, clusterType: string) {
  return [...call.ctx.catalog.versions]
    .sort(
      (a, b) =>
        Number(b.version.split('.')[1]) - Number(a.version.split('.')[1]),
    )
    .map(v => {
      const status = versionStatusOn(v, call.now);
      return {
        clusterVersion: v.version,
        clusterType,
        defaultPlatformVersion: v.platformVersion,
        defaultVersion: v.default,
        releaseDate: epoch(v.releaseDate),
        endOfStandardSupportDate: epoch(v.endOfStandardSupport),
        endOfExtendedSupportDate: epoch(v.endOfExtendedSupport),
        status: LEGACY_STATUS[status],
        versionStatus: status,
        kubernetesPatchVersion: v.patch,
      };
    });
}

/**
 * The query's filters. Like EKS, unsupported versions are left out unless the caller asks for
 * them: by `includeAll`, by naming versions, or by filtering on a status.
 */
function versionFilter(query: URLSearchParams) {
  const wanted = query.getAll('clusterVersions');
  const statusFilter = query.get('versionStatus') ?? undefined;
  const legacyFilter = query.get('status') ?? undefined;
  const includeAll = query.get('includeAll') === 'true';
  const defaultOnly = query.get('defaultOnly') === 'true';
  return (v: VersionRow) =>
    (wanted.length === 0 || wanted.includes(v.clusterVersion)) &&
    (includeAll ||
      wanted.length > 0 ||
      !!statusFilter ||
      !!legacyFilter ||
      v.versionStatus !== 'UNSUPPORTED') &&
    (!statusFilter || v.versionStatus === statusFilter) &&
    (!legacyFilter || v.status === legacyFilter) &&
    (!defaultOnly || v.defaultVersion);
}

/** DescribeClusterVersions: `GET /cluster-versions`. */
export function describeClusterVersions(call: EksCall) {
  const { query } = call.req;
  const rows = versionRows(call, query.get('clusterType') ?? 'eks');
  const versions = rows.filter(versionFilter(query));
  return queryPage(
    call,
    versions,
    'DescribeClusterVersions',
    'clusterVersions',
  );
}
