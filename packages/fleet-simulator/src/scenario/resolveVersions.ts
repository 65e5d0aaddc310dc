import {
  CALENDAR_PLACES,
  CalendarPlace,
  shiftMinor,
  versionAtPlace,
} from './calendar';
import { EksCatalog } from './schema';

/**
 * Scenario strings name versions by their place in the EKS calendar, so the demo tells the same
 * story on any day: `{oldest-extended}`, `{newest-1}`, `{unsupported}`, and inside a cluster
 * `{cp}`, `{cp+1}`, `{cp-3}` for its control plane's version. They are resolved once, at start.
 */
const TOKEN = /\{([a-z-]+?)(?:([+-])(\d+))?\}/g;

function isPlace(name: string): name is CalendarPlace {
  return Object.prototype.hasOwnProperty.call(CALENDAR_PLACES, name);
}

function replaceTokens(
  text: string,
  where: string,
  resolve: (name: string) => string | undefined,
): string {
  return text.replace(TOKEN, (token, name: string, sign, digits) => {
    const base = resolve(name);
    if (base === undefined) {
      const known = [...Object.keys(CALENDAR_PLACES), 'cp'].join(', ');
      throw new Error(
        `${where}: unknown version place '${token}' (known: ${known})`,
      );
    }
    const by = digits ? Number(digits) * (sign === '-' ? -1 : 1) : 0;
    return shiftMinor(base, by);
  });
}

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map(v => mapStrings(v, fn));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]),
    );
  }
  return value;
}

const DAY_MS = 24 * 3600 * 1000;

/** `'400 days ago'` -> the ISO time that many days before `now`; anything else unchanged. */
function resolveDaysAgo(text: string, now: Date): string {
  const match = /^(\d+) days ago$/.exec(text);
  return match
    ? new Date(now.getTime() - Number(match[1]) * DAY_MS).toISOString()
    : text;
}

/** The cluster's add-on builds and CNI version written `default-for-<version>`, resolved. */
function resolveAddonBuilds(cluster: unknown, catalog: EksCatalog): unknown {
  const c = cluster as {
    addons?: { name?: unknown; version?: unknown }[];
    cni?: { version?: unknown };
  };
  const build = (addon: string, version: unknown) =>
    typeof version === 'string'
      ? resolveAddonVersion(catalog, addon, version)
      : version;
  return {
    ...c,
    ...(c.cni
      ? { cni: { ...c.cni, version: build('vpc-cni', c.cni.version) } }
      : {}),
    ...(Array.isArray(c.addons)
      ? {
          addons: c.addons.map(a => ({
            ...a,
            version: build(String(a.name), a.version),
          })),
        }
      : {}),
  };
}

/**
 * Resolves every version token of a raw (not yet validated) scenario against the calendar on `now`,
 * the `default-for-<version>` add-on builds, and `N days ago` times. A place the calendar does not
 * have on that day (say, no unsupported version) is an error naming it.
 */
export function resolveScenarioVersions(
  raw: unknown,
  catalog: EksCatalog,
  now: Date,
  file: string,
): unknown {
  const scenario = raw as { clusters?: unknown };
  if (!scenario || !Array.isArray(scenario.clusters)) return raw;
  const place = (name: string) =>
    isPlace(name) ? versionAtPlace(catalog, name, now) : undefined;
  const clusters = scenario.clusters.map((cluster, i) => {
    const where = `${file}: clusters[${i}]`;
    const eks = (cluster as { eks?: { version?: unknown } })?.eks;
    if (typeof eks?.version !== 'string') return cluster;
    const cp = replaceTokens(eks.version, `${where}.eks.version`, place);
    const resolved = mapStrings(cluster, s =>
      resolveDaysAgo(
        replaceTokens(s, where, name => (name === 'cp' ? cp : place(name))),
        now,
      ),
    );
    return resolveAddonBuilds(resolved, catalog);
  });
  return { ...scenario, clusters };
}

/**
 * An add-on version written `default-for-1.28` in a scenario: the catalog's default build of that
 * add-on for that cluster version, so a skewed add-on follows the calendar too.
 */
export function resolveAddonVersion(
  catalog: EksCatalog,
  addon: string,
  version: string,
): string {
  const match = /^default-for-(\d+\.\d+)$/.exec(version);
  if (!match) return version;
  const row = catalog.addons
    .find(a => a.name === addon)
    ?.versions.find(v => v.defaultFor.includes(match[1]));
  if (!row) {
    throw new Error(
      `The EKS catalog has no default ${addon} build for Kubernetes ${match[1]}`,
    );
  }
  return row.version;
}
