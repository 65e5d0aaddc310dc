/**
 * Loads a module with a native dynamic `import()`.
 *
 * This package is CommonJS, while the `@kubernetes-models/*` packages (and the
 * `kubernetes-models` v5 they depend on) are ESM-only: their export maps only
 * have an `import` condition, so `require()` cannot resolve them. The Backstage
 * CLI leaves dynamic `import()` untouched in Node.js packages, so Node.js
 * resolves these specifiers as ESM at runtime.
 *
 * Jest runs without `--experimental-vm-modules`, where `import()` is not
 * available; `src/setupTests.ts` replaces this function in tests.
 */
export function importEsm(specifier: string): Promise<Record<string, unknown>> {
  return import(specifier);
}
