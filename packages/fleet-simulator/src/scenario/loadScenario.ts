import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { checkUpdateHistory } from '../model/clusterUpdates';
import { calendarOn } from './calendar';
import { resolveScenarioVersions } from './resolveVersions';
import { EksCatalog, Scenario, catalogSchema, scenarioSchema } from './schema';

/** The package root (where `scenarios/` lives), the same from src/ and from a build. */
export function packageRoot(): string {
  return path.dirname(
    require.resolve('@eks-platform/fleet-simulator/package.json'),
  );
}

/** The scenario the simulator runs when none is given. */
export function demoScenarioPath(): string {
  return path.join(packageRoot(), 'scenarios', 'demo-fleet.yaml');
}

function formatIssues(
  file: string,
  issues: { path: PropertyKey[]; message: string }[],
) {
  return `${file} is not a valid scenario:\n${issues
    .map(i => `  - ${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('\n')}`;
}

/** The EKS catalog as it stands on `now`: published rows plus projected ones (calendar.ts). */
export function loadCatalog(file?: string, now: Date = new Date()): EksCatalog {
  const resolved =
    file ?? path.join(packageRoot(), 'scenarios', 'eks-catalog.yaml');
  const parsed = catalogSchema.safeParse(
    YAML.parse(fs.readFileSync(resolved, 'utf8')),
  );
  if (!parsed.success)
    throw new Error(formatIssues(resolved, parsed.error.issues));
  return calendarOn(parsed.data, now);
}

/** Reads and validates a scenario file and the EKS catalog it uses, both as of `now`. */
export function loadScenarioFile(
  file: string,
  now: Date = new Date(),
): {
  scenario: Scenario;
  catalog: EksCatalog;
} {
  const text = fs.readFileSync(file, 'utf8');
  return parseScenario(text, file, now);
}

/**
 * Parses a scenario: its version places (`{newest}`, `{cp-3}`, ...) are resolved against the
 * EKS calendar on `now` before it is validated.
 */
export function parseScenario(
  text: string,
  file = '<inline>',
  now: Date = new Date(),
): { scenario: Scenario; catalog: EksCatalog } {
  const raw = YAML.parse(text) as { catalog?: unknown } | null;
  const catalog = loadCatalog(
    typeof raw?.catalog === 'string'
      ? path.resolve(path.dirname(file), raw.catalog)
      : undefined,
    now,
  );
  const parsed = scenarioSchema.safeParse(
    resolveScenarioVersions(raw, catalog, now, file),
  );
  if (!parsed.success) throw new Error(formatIssues(file, parsed.error.issues));
  const scenario = parsed.data;
  const names = new Set<string>();
  for (const c of scenario.clusters) {
    if (names.has(c.name))
      throw new Error(`${file}: cluster '${c.name}' appears twice`);
    names.add(c.name);
    checkUpdateHistory(c, file, now);
  }
  return { scenario, catalog };
}
