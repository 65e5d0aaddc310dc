import { EksCatalog, EksVersionInfo } from './schema';

/**
 * The EKS calendar the simulator serves, and the places in it a scenario can name.
 *
 * The catalog holds AWS's published dates, never shifted. Past the newest published release the
 * simulator projects further minors at the user guide's cadence ("on average once every four months";
 * 14 months standard + 12 months extended support), so that on any day a version is in standard
 * support. Projected rows are marked `projected` and are not AWS facts.
 */

/** Months between projected minor releases (EKS user guide, "Kubernetes versions"). */
export const PROJECTED_RELEASE_CADENCE_MONTHS = 4;
/** Standard support lasts 14 months from the EKS release, extended support 12 more. */
export const STANDARD_SUPPORT_MONTHS = 14;
export const EXTENDED_SUPPORT_MONTHS = 12;

/** Where a version stands on a day, as DescribeClusterVersions reports it. */
export type SimulatedVersionStatus =
  | 'STANDARD_SUPPORT'
  | 'EXTENDED_SUPPORT'
  | 'UNSUPPORTED';

/** The places in the calendar a scenario can name, resolved against the clock at start. */
export const CALENDAR_PLACES = {
  /** The newest version EKS has released. */
  newest: 'the newest released version',
  /** The oldest version still in standard support: its standard support ends first. */
  'oldest-standard': 'the oldest version in standard support',
  /** The oldest version still in extended support: its extended support ends first. */
  'oldest-extended': 'the oldest version in extended support',
  /** The newest version past its end of extended support. */
  unsupported: 'the newest version past its end of extended support',
} as const;

export type CalendarPlace = keyof typeof CALENDAR_PLACES;

export function minorOf(version: string): number {
  const match = /^1\.(\d+)$/.exec(version);
  if (!match) throw new Error(`'${version}' is not a Kubernetes minor version`);
  return Number(match[1]);
}

/** `1.31` shifted by `by` minors (`1.31`, -3 -> `1.28`). */
export function shiftMinor(version: string, by: number): string {
  const minor = minorOf(version) + by;
  if (minor < 0) throw new Error(`${version} ${by} is below 1.0`);
  return `1.${minor}`;
}

export function addMonthsUtc(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

export function versionStatusOn(
  v: EksVersionInfo,
  now: Date,
): SimulatedVersionStatus {
  if (now < v.endOfStandardSupport) return 'STANDARD_SUPPORT';
  if (now < v.endOfExtendedSupport) return 'EXTENDED_SUPPORT';
  return 'UNSUPPORTED';
}

function byMinor(a: EksVersionInfo, b: EksVersionInfo) {
  return minorOf(a.version) - minorOf(b.version);
}

/** Versions AWS would have released by `now` past the published ones, at the documented cadence. */
function projectedVersions(published: EksVersionInfo[], now: Date) {
  const newest = [...published].sort(byMinor).at(-1)!;
  const out: EksVersionInfo[] = [];
  for (let k = 1; ; k++) {
    const releaseDate = addMonthsUtc(
      newest.releaseDate,
      k * PROJECTED_RELEASE_CADENCE_MONTHS,
    );
    if (releaseDate > now) return out;
    const version = shiftMinor(newest.version, k);
    out.push({
      version,
      releaseDate,
      endOfStandardSupport: addMonthsUtc(releaseDate, STANDARD_SUPPORT_MONTHS),
      endOfExtendedSupport: addMonthsUtc(
        releaseDate,
        STANDARD_SUPPORT_MONTHS + EXTENDED_SUPPORT_MONTHS,
      ),
      patch: `${version}.0`,
      platformVersion: 'eks.1',
      default: false,
      projected: true,
    });
  }
}

/**
 * Add-on compatibility for versions with no row of their own: a per-minor add-on (kube-proxy) gets
 * one build per cluster version; any other add-on version that supports the newest published version
 * also supports the projected ones.
 */
function withAddonsFor(
  addons: EksCatalog['addons'],
  versions: EksVersionInfo[],
  newestPublished: string,
): EksCatalog['addons'] {
  const projected = versions.filter(v => v.projected).map(v => v.version);
  const plus = (list: string[]) => [...new Set([...list, ...projected])];
  return addons.map(addon => {
    const rows = addon.versions.map(row =>
      !addon.perClusterVersion && row.clusterVersions.includes(newestPublished)
        ? {
            ...row,
            clusterVersions: plus(row.clusterVersions),
            defaultFor: row.defaultFor.includes(newestPublished)
              ? plus(row.defaultFor)
              : row.defaultFor,
          }
        : row,
    );
    if (!addon.perClusterVersion) return { ...addon, versions: rows };
    const covered = new Set(rows.flatMap(r => r.clusterVersions));
    const generated = versions
      .filter(v => !covered.has(v.version))
      .map(v => ({
        version: `v${v.patch}-eksbuild.1`,
        clusterVersions: [v.version],
        defaultFor: [v.version],
      }));
    return {
      ...addon,
      versions: rows.concat(generated),
    };
  });
}

/**
 * The catalog as EKS would serve it on `now`: the published rows, the projected ones after them,
 * add-ons for every version, and one default version that is in standard support (the flagged one
 * while it is, else the newest version in standard support but one).
 */
export function calendarOn(catalog: EksCatalog, now: Date): EksCatalog {
  // Projected rows of an earlier call are dropped and projected again: the result depends only on
  // the published rows and `now`.
  const published = catalog.versions.filter(v => !v.projected).sort(byMinor);
  const newestPublished = published.at(-1)!.version;
  const versions = [...published, ...projectedVersions(published, now)];
  const standard = versions.filter(
    v => versionStatusOn(v, now) === 'STANDARD_SUPPORT',
  );
  const flagged = standard.find(v => v.default);
  const fallback = standard.at(-2) ?? standard.at(-1);
  const defaultVersion = (flagged ?? fallback)?.version;
  return {
    versions: versions
      .map(v => ({ ...v, default: v.version === defaultVersion }))
      .reverse(),
    addons: withAddonsFor(catalog.addons, versions, newestPublished),
  };
}

/** The version at a place in the calendar on `now`, shifted by `offset` minors. */
export function versionAtPlace(
  catalog: EksCatalog,
  place: CalendarPlace,
  now: Date,
  offset = 0,
): string {
  const versions = [...catalog.versions].sort(byMinor);
  const inStatus = (s: SimulatedVersionStatus) =>
    versions.filter(v => v.releaseDate <= now && versionStatusOn(v, now) === s);
  const found = {
    newest: versions.filter(v => v.releaseDate <= now).at(-1),
    'oldest-standard': inStatus('STANDARD_SUPPORT')[0],
    'oldest-extended': inStatus('EXTENDED_SUPPORT')[0],
    unsupported: inStatus('UNSUPPORTED').at(-1),
  }[place];
  if (!found) {
    throw new Error(
      `The EKS calendar on ${now
        .toISOString()
        .slice(0, 10)} has no version at '{${place}}' (${
        CALENDAR_PLACES[place]
      })`,
    );
  }
  return shiftMinor(found.version, offset);
}
