// Runs every check of the repository in order and ends with one line `N passed, N failed`.
// Called by `bash scripts/run.sh test` (the README's test command) after the toolchain, dependencies,
// PostgreSQL and Chromium are in place. Exit code 0 only when every step passed.
//
//   node scripts/test-all.mjs [--skip-e2e] [--skip-adoption] [--skip-time-travel]
//   EKS_PLATFORM_TIME_TRAVEL_DAYS=90 moves the time-travel pass's clock 90 days ahead instead of 400.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.ci-out');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const skipE2e = process.argv.includes('--skip-e2e');
const skipAdoption = process.argv.includes('--skip-adoption');
const skipTimeTravel = process.argv.includes('--skip-time-travel');

function run(label, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  return new Promise(resolve => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, CI: 'true', ...env },
    });
    child.on('close', code => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`=== ${label}: exit ${code} in ${seconds}s`);
      resolve({ code: code ?? 1, seconds });
    });
  });
}

/** Runs a command whose output ends with a line `N passed, N failed`, echoing it, and reads that line. */
function runCounted(label, command, args) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  return new Promise(resolve => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, CI: 'true' },
    });
    let tail = '';
    child.stdout.on('data', chunk => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', code => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`=== ${label}: exit ${code} in ${seconds}s`);
      const match = [...tail.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
      const passed = match ? Number(match[1]) : 0;
      const failed = match ? Number(match[2]) : 0;
      resolve({
        code: code ?? 1,
        seconds,
        passed,
        failed: failed + (code !== 0 && !failed ? 1 : 0),
      });
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A step's counts from jest's JSON report; a crashed suite counts as a failure even when it reported no failed test. */
function jestStep(name, result, jest) {
  return {
    name,
    ...result,
    passed: jest?.numPassedTests ?? 0,
    failed:
      (jest?.numFailedTests ?? 0) +
      (jest?.numRuntimeErrorTestSuites ?? 0) +
      (result.code !== 0 && !jest?.numFailedTests ? 1 : 0),
    skipped: (jest?.numPendingTests ?? 0) + (jest?.numTodoTests ?? 0),
  };
}

/** A step that passes or fails as one check, by its exit code. */
function exitStep(name, result) {
  const ok = result.code === 0;
  return { name, ...result, passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

const steps = [];

// A full, non-incremental type-check: it also writes dist-types/, which the API report check reads.
const tsc = await run('type-check', 'yarn', ['tsc:full']);
steps.push(exitStep('type-check', tsc));

// The checked-in API reports (report.api.md) match the packages' public API.
const apiReports = await run('API reports', 'yarn', [
  'build:api-reports',
  '--ci',
]);
steps.push(exitStep('api-reports', apiReports));

const lint = await run('lint', 'yarn', ['backstage-cli', 'repo', 'lint']);
steps.push(exitStep('lint', lint));

// Date bombs: literal dates in tests, fixtures and scenarios that are not AWS's calendar facts.
const dates = await runCounted('date literals', 'node', [
  'scripts/check-date-literals.mjs',
]);
steps.push({ name: 'dates', ...dates });

const jestFile = join(out, 'jest.json');
// The replica test writes both backends' whole logs here (for a failure).
const unit = await run(
  'unit and integration tests (jest)',
  'yarn',
  ['backstage-cli', 'repo', 'test', '--json', `--outputFile=${jestFile}`],
  { EKS_PLATFORM_REPLICA_LOG_DIR: join(out, 'replicas') },
);
steps.push(jestStep('jest', unit, readJson(jestFile)));

// Time travel: the same suite with the clock of every process it starts moved 400 days ahead
// (libfaketime; monotonic clocks stay real so timers behave). Nothing it checks may expire.
const travelDays = Number(process.env.EKS_PLATFORM_TIME_TRAVEL_DAYS ?? 400);
if (!skipTimeTravel && travelDays > 0) {
  const travelFile = join(out, `jest-plus-${travelDays}d.json`);
  const travel = await run(
    `unit and integration tests, clock +${travelDays} days (faketime)`,
    'faketime',
    [
      '-f',
      `+${travelDays}d`,
      'yarn',
      'backstage-cli',
      'repo',
      'test',
      '--json',
      `--outputFile=${travelFile}`,
    ],
    {
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      EKS_PLATFORM_REPLICA_LOG_DIR: join(out, `replicas-plus-${travelDays}d`),
    },
  );
  steps.push(jestStep(`jest +${travelDays}d`, travel, readJson(travelFile)));
}

if (!skipE2e) {
  const e2eFile = join(out, 'e2e.json');
  const e2e = await run(
    'end-to-end tests (headless Chromium)',
    'yarn',
    ['playwright', 'test'],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eFile,
    },
  );
  const report = readJson(e2eFile);
  const stats = report?.stats ?? {};
  steps.push({
    name: 'e2e',
    ...e2e,
    passed: stats.expected ?? 0,
    failed:
      (stats.unexpected ?? 0) +
      (stats.flaky ?? 0) +
      (e2e.code !== 0 && !stats.unexpected ? 1 : 0),
    skipped: stats.skipped ?? 0,
  });
}

if (!skipAdoption) {
  // Packs the plugins, installs the tarballs into a freshly generated Backstage app outside the
  // monorepo and starts its backend against the fleet simulator (packages/adoption-test).
  const adoption = await runCounted(
    'adoption into a fresh Backstage app',
    'yarn',
    ['workspace', '@eks-platform/adoption-test', 'run', 'adopt'],
  );
  steps.push({ name: 'adoption', ...adoption });
}

console.log('\n=== summary');
for (const s of steps) {
  console.log(
    `${s.name.padEnd(12)} exit ${String(s.code).padStart(3)}  ${String(
      s.seconds,
    ).padStart(7)}s  ` +
      `${s.passed} passed, ${s.failed} failed${
        s.skipped ? `, ${s.skipped} skipped` : ''
      }`,
  );
}
const passed = steps.reduce((n, s) => n + s.passed, 0);
const failed = steps.reduce((n, s) => n + s.failed, 0);
const skipped = steps.reduce((n, s) => n + (s.skipped ?? 0), 0);
if (existsSync(join(root, 'e2e-screenshots'))) {
  console.log('screenshots: e2e-screenshots/');
}
console.log(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failed === 0 && steps.every(s => s.code === 0) ? 0 : 1);
