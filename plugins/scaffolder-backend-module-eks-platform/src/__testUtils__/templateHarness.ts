import {
  coreServices,
  createBackendPlugin,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModuleEksPlatform } from '../module';
import { FixtureEksPlatformApi } from './fixtureEksPlatformServer';

/** The template directory of this repository. */
export const TEMPLATE_DIR = resolve(
  resolvePackagePath(
    '@eks-platform/plugin-scaffolder-backend-module-eks-platform',
  ),
  '../../templates/eks-microservice',
);

/**
 * A stand-in for the eks-platform backend: `GET /clusters`, `GET /clusters/:name` and
 * `GET /clusters/:name/namespaces/:namespace` from the fixtures, answered by the same
 * {@link FixtureEksPlatformApi} the standalone fixture server uses.
 */
export const fakeEksPlatformBackend = createBackendPlugin({
  pluginId: 'eks-platform',
  register(env) {
    env.registerInit({
      deps: { http: coreServices.httpRouter },
      async init({ http }) {
        const api = new FixtureEksPlatformApi();
        http.use((req, res, next) => {
          const answer = api.answer(req.method, req.path);
          if (!answer) return next();
          res.status(answer.status).json(answer.body);
          return undefined;
        });
      },
    });
  },
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(e =>
      e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
    ),
  );
  return nested.flat();
}

/** The template entity and its files, as the template editor sends them to the dry-run API. */
export async function loadTemplate() {
  const template = yaml.parse(
    await fs.readFile(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
  const files = await listFiles(TEMPLATE_DIR);
  const directoryContents = await Promise.all(
    files
      .filter(f => !f.endsWith('README.md'))
      .map(async f => ({
        path: relative(TEMPLATE_DIR, f),
        base64Content: (await fs.readFile(f)).toString('base64'),
      })),
  );
  return { template, directoryContents };
}

export function runGit(args: string[], cwd?: string): Promise<string> {
  return new Promise((ok, fail) =>
    execFile('git', args, { cwd }, (error, stdout, stderr) =>
      error ? fail(new Error(`${error.message}\n${stderr}`)) : ok(stdout),
    ),
  );
}

/** Starts the scaffolder with this module, the fake eks-platform backend and a local bare GitOps repo. */
export async function startScaffolder(root: string) {
  const bare = join(root, 'gitops', 'platform.git');
  await fs.mkdir(dirname(bare), { recursive: true });
  await runGit(['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  await fs.mkdir(join(root, 'work'), { recursive: true });
  const backend = await startTestBackend({
    features: [
      require('@backstage/plugin-scaffolder-backend').default,
      scaffolderModuleEksPlatform,
      fakeEksPlatformBackend,
      mockServices.rootConfig.factory({
        data: {
          backend: { workingDirectory: join(root, 'work') },
          eksPlatform: {
            gitops: { defaultRepository: `file://${bare}` },
          },
        },
      }),
    ],
  });
  return { server: backend.server, bare, stop: () => backend.stop() };
}

/** `POST /api/scaffolder/v2/dry-run`, as the template editor calls it. */
export async function dryRun(
  server: Parameters<typeof request>[0],
  values: Record<string, unknown>,
) {
  const { template, directoryContents } = await loadTemplate();
  return request(server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', 'Bearer mock-service-token')
    .send({ template, values, directoryContents });
}

/** Writes a dry run's directoryContents to `dir`. */
export async function writeContents(
  dir: string,
  contents: Array<{ path: string; base64Content: string }>,
) {
  for (const file of contents) {
    const path = join(dir, file.path);
    await fs.mkdir(dirname(path), { recursive: true });
    await fs.writeFile(path, Buffer.from(file.base64Content, 'base64'));
  }
}

/** `kubectl kustomize <dir>`: resolves with stdout and stderr (warnings). */
export function kustomize(
  dir: string,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((ok, fail) =>
    execFile(
      process.env.KUBECTL ?? 'kubectl',
      ['kustomize', dir],
      { maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error
          ? fail(new Error(`kubectl kustomize ${dir} failed: ${stderr}`))
          : ok({ stdout: String(stdout), stderr: String(stderr) }),
    ),
  );
}
