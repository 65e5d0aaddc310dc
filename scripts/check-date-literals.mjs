// Finds date bombs: every literal date in tests, fixtures, e2e, benchmarks and scenarios must be a fact
// from AWS's EKS calendar (the fleet simulator's published catalog rows, or the offline fallback
// calendar), or be computed from those facts and the clock. A line may keep another date only with a
// `date-literal: <why>` comment on it or on the line above (an API version string, another AWS fact).
// Comments themselves are not read.
// Ends with `N passed, N failed` (files checked); exit code 1 when a date is found.
//
//   node scripts/check-date-literals.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATE = /\b(\d{4}-\d{2}-\d{2})(?:T[\d:.]+Z?)?/g;

/** The calendar's dates: the only literal dates tests may use. */
function awsCalendarDates() {
  const facts = new Set();
  const catalog = readFileSync(
    join(root, 'packages/fleet-simulator/scenarios/eks-catalog.yaml'),
    'utf8',
  );
  for (const m of catalog.matchAll(
    /^\s+(?:releaseDate|endOfStandardSupport|endOfExtendedSupport): '(\d{4}-\d{2}-\d{2})'/gm,
  )) {
    facts.add(m[1]);
  }
  const fallback = readFileSync(
    join(root, 'plugins/eks-platform-common/src/calculations/eksVersionCalendar.ts'),
    'utf8',
  );
  for (const m of fallback.matchAll(
    /(?:releaseDate|endOfStandardSupportDate|endOfExtendedSupportDate): '(\d{4}-\d{2}-\d{2})'/g,
  )) {
    facts.add(m[1]);
  }
  return facts;
}

const CHECKED =
  /(\.test\.tsx?$|\.e2e\.ts$|\/__fixtures__\/|\/__testUtils__\/|\/testUtils\/|\/testUtils\.ts$|^packages\/benchmarks\/src\/|^packages\/fleet-simulator\/scenarios\/demo-fleet\.yaml$|^e2e\/)/;

const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter(f => CHECKED.test(f));
const facts = awsCalendarDates();
const found = [];
for (const file of files) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  lines.forEach((line, i) => {
    const code = line.replace(/\/\/.*$|^\s*(\*|\/\*|#).*$/, '');
    if (/date-literal:/.test(line) || /date-literal:/.test(lines[i - 1] ?? ''))
      return;
    for (const m of code.matchAll(DATE)) {
      if (!facts.has(m[1])) found.push(`${file}:${i + 1}: ${m[0]}`);
    }
  });
}
for (const f of found) console.log(`date bomb? ${f}`);
const failedFiles = new Set(found.map(f => f.split(':')[0])).size;
console.log(
  `checked ${files.length} files against ${facts.size} dates of AWS's EKS calendar`,
);
console.log(`${files.length - failedFiles} passed, ${failedFiles} failed`);
process.exit(found.length ? 1 : 0);
