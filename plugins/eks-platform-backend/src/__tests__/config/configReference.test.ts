import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(60_000);

// Test-only: the repository's README and its generator.
// eslint-disable-next-line no-restricted-syntax
const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const GENERATOR = path.join(
  REPO_ROOT,
  'packages/adoption-test/src/configReference.mjs',
);

describe('the configuration reference in README.md', () => {
  it('lists exactly the keys, types, visibilities and descriptions of the config.d.ts files', async () => {
    // The generator compiles every package's config.d.ts with
    // @backstage/config-loader; --check exits non-zero and names the keys
    // missing on either side when README.md is out of date.
    const result = await promisify(execFile)(
      process.execPath,
      [GENERATOR, '--check'],
      { cwd: REPO_ROOT },
    ).then(
      ({ stdout }) => ({ ok: true, output: stdout }),
      (error: { stdout?: string; stderr?: string }) => ({
        ok: false,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );

    expect(result).toEqual({
      ok: true,
      output: 'README.md configuration reference matches config.d.ts\n',
    });
  });
});
