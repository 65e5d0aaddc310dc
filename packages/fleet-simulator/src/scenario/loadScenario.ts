import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
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

export function loadCatalog(file?: string): EksCatalog {
  const resolved =
    file ?? path.join(packageRoot(), 'scenarios', 'eks-catalog.yaml');
  const parsed = catalogSchema.safeParse(
    YAML.parse(fs.readFileSync(resolved, 'utf8')),
  );
  if (!parsed.success)
    throw new Error(formatIssues(resolved, parsed.error.issues));
  return parsed.data;
}

/** Reads and validates a scenario file and the EKS catalog it uses. */
export function loadScenarioFile(file: string): {
  scenario: Scenario;
  catalog: EksCatalog;
} {
  const text = fs.readFileSync(file, 'utf8');
  return parseScenario(text, file);
}

export function parseScenario(
  text: string,
  file = '<inline>',
): { scenario: Scenario; catalog: EksCatalog } {
  const parsed = scenarioSchema.safeParse(YAML.parse(text));
  if (!parsed.success) throw new Error(formatIssues(file, parsed.error.issues));
  const scenario = parsed.data;
  const names = new Set<string>();
  for (const c of scenario.clusters) {
    if (names.has(c.name))
      throw new Error(`${file}: cluster '${c.name}' appears twice`);
    names.add(c.name);
  }
  const catalog = loadCatalog(
    scenario.catalog
      ? path.resolve(path.dirname(file), scenario.catalog)
      : undefined,
  );
  return { scenario, catalog };
}
