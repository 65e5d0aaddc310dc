import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCHEMA_DIR = path.resolve(__dirname, '../../schema');

describe('the generated server types', () => {
  it('are what openapi-typescript makes of the spec today (run `yarn generate:openapi-types` after editing it)', () => {
    const out = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'eks-openapi-')),
      'types.ts',
    );
    execFileSync(
      process.execPath,
      [
        path.join(
          path.dirname(require.resolve('openapi-typescript/package.json')),
          'bin/cli.js',
        ),
        path.join(SCHEMA_DIR, 'openapi.yaml'),
        '--output',
        out,
      ],
      { stdio: 'pipe' },
    );
    expect(fs.readFileSync(out, 'utf8')).toBe(
      fs.readFileSync(path.join(SCHEMA_DIR, 'openapi.generated.ts'), 'utf8'),
    );
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});
