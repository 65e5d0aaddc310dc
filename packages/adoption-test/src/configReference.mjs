#!/usr/bin/env node
/*
 * The configuration reference in README.md, generated from the plugins'
 * config.d.ts files the way Backstage reads them (@backstage/config-loader
 * compiles each package's `configSchema` to JSON schema, TSDoc comments
 * becoming descriptions and `@visibility` tags visibilities).
 *
 *   node packages/adoption-test/src/configReference.mjs          # print the tables
 *   node packages/adoption-test/src/configReference.mjs --write  # update README.md
 *   node packages/adoption-test/src/configReference.mjs --check  # exit 1 when README.md differs
 */
import { loadConfigSchema } from '@backstage/config-loader';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const README = path.join(REPO, 'README.md');
const START =
  '<!-- config-reference:start (generated from config.d.ts by packages/adoption-test/src/configReference.mjs --write) -->';
const END = '<!-- config-reference:end -->';

const PACKAGE_DIRS = [
  'plugins/eks-platform-backend',
  'plugins/scaffolder-backend-module-eks-platform',
  'plugins/eks-platform',
];

function describeType(node, definitions) {
  if (node.$ref) {
    const name = node.$ref.replace('#/definitions/', '');
    return { type: `\`${name}\``, node: undefined };
  }
  if (Array.isArray(node.type)) return { type: node.type.join(' \\| '), node };
  if (node.type === 'array') {
    const items = node.items ?? {};
    const inner = describeType(items, definitions);
    return { type: `array of ${inner.type}`, node };
  }
  if (node.type === 'object' && !node.properties && node.additionalProperties) {
    const inner = describeType(node.additionalProperties, definitions);
    return { type: `map of ${inner.type}`, node };
  }
  for (const combinator of ['anyOf', 'oneOf']) {
    if (Array.isArray(node[combinator])) {
      const types = [
        ...new Set(
          node[combinator].map(n => describeType(n, definitions).type),
        ),
      ].sort();
      return { type: types.join(' \\| '), node };
    }
  }
  if (node.enum)
    return { type: node.enum.map(v => `\`${v}\``).join(' \\| '), node };
  return { type: node.type ?? 'any', node };
}

function clean(text) {
  return (text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** One row per key, depth first, in declaration order. */
function rowsOf(schema) {
  const rows = [];
  const definitions = schema.definitions ?? {};
  const walk = (node, prefix, inheritedVisibility) => {
    const required = new Set(node.required ?? []);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const key = prefix ? `${prefix}.${name}` : name;
      const visibility = child.visibility ?? inheritedVisibility;
      const { type } = describeType(child, definitions);
      rows.push({
        key,
        type,
        required: required.has(name),
        visibility,
        description: clean(child.description),
      });
      if (child.type === 'object' && child.properties) {
        walk(child, key, visibility);
      } else if (child.type === 'array' && child.items?.properties) {
        walk(child.items, `${key}[]`, visibility);
      }
    }
  };
  walk(schema, '', 'backend');
  return rows;
}

export async function generateReference() {
  const packagePaths = PACKAGE_DIRS.map(dir =>
    path.join(REPO, dir, 'package.json'),
  );
  const schema = await loadConfigSchema({
    dependencies: [],
    packagePaths,
    excludePackageDependencies: true,
  });
  const names = new Map(
    packagePaths.map(p => [JSON.parse(fs.readFileSync(p, 'utf8')).name, p]),
  );
  const sections = [];
  for (const dir of PACKAGE_DIRS) {
    const name = JSON.parse(
      fs.readFileSync(path.join(REPO, dir, 'package.json'), 'utf8'),
    ).name;
    const entry = schema
      .serialize()
      .schemas.find(s => s.packageName === name && names.has(s.packageName));
    if (!entry) throw new Error(`No config schema compiled for ${name}`);
    const rows = rowsOf(entry.value);
    sections.push(
      [
        `#### \`${name}\` ([\`${dir}/config.d.ts\`](${dir}/config.d.ts))`,
        '',
        '| key | type | required | visibility | description |',
        '| --- | --- | --- | --- | --- |',
        ...rows.map(
          r =>
            `| \`${r.key}\` | ${r.type} | ${r.required ? 'yes' : ''} | ${
              r.visibility
            } | ${r.description} |`,
        ),
      ].join('\n'),
    );
  }
  return sections.join('\n\n');
}

function currentBlock(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + START.length, end).trim();
}

/** The tables' rows as trimmed cells, so that Prettier's column padding does not matter. */
function rowsOfBlock(block) {
  return (block ?? '')
    .split('\n')
    .filter(line => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map(line =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map(cell => cell.trim().replace(/\s+/g, ' '))
        .join(' | '),
    );
}

function keysOf(block) {
  return new Set(
    [...(block ?? '').matchAll(/^\| `([^`]+)`\s*\|/gm)].map(m => m[1]),
  );
}

/** Formats markdown as the repository's Prettier does, when Prettier is installed. */
async function formatMarkdown(text) {
  try {
    const prettier = await import('prettier');
    const format = prettier.format ?? prettier.default.format;
    return await format(text, { parser: 'markdown' });
  } catch {
    return text;
  }
}

async function main() {
  const mode = process.argv[2];
  // README.md is kept Prettier-formatted (escapes, column padding): compare and write it that way.
  const generated = (await formatMarkdown(await generateReference())).trim();
  if (mode === '--write') {
    const readme = fs.readFileSync(README, 'utf8');
    if (currentBlock(readme) === undefined) {
      throw new Error(`README.md has no ${START} ... ${END} block`);
    }
    const start = readme.indexOf(START) + START.length;
    const end = readme.indexOf(END);
    fs.writeFileSync(
      README,
      `${readme.slice(0, start)}\n\n${generated}\n\n${readme.slice(end)}`,
    );
    return;
  }
  if (mode === '--check') {
    const block = currentBlock(fs.readFileSync(README, 'utf8'));
    const same =
      JSON.stringify(rowsOfBlock(block)) ===
      JSON.stringify(rowsOfBlock(generated));
    if (block !== undefined && same) {
      process.stdout.write(
        'README.md configuration reference matches config.d.ts\n',
      );
      return;
    }
    const documented = keysOf(block);
    const declared = keysOf(generated);
    const missing = [...declared].filter(k => !documented.has(k));
    const extra = [...documented].filter(k => !declared.has(k));
    process.stderr.write(
      [
        'README.md configuration reference is out of date with config.d.ts; run',
        '  node packages/adoption-test/src/configReference.mjs --write',
        ...(missing.length
          ? [`keys in config.d.ts, not in README.md: ${missing.join(', ')}`]
          : []),
        ...(extra.length
          ? [`keys in README.md, not in config.d.ts: ${extra.join(', ')}`]
          : []),
        ...(!missing.length && !extra.length
          ? ['(types, visibilities or descriptions differ)']
          : []),
        '',
      ].join('\n'),
    );
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${generated}\n`);
}

if (
  process.argv[1] &&
  fileURLToPath(import.meta.url) === path.resolve(process.argv[1])
) {
  await main();
}
