// Jest runs this CommonJS package without --experimental-vm-modules, so the
// native import() in importEsm() is not available. Load the same modules
// through Jest's require() instead: jestEsmResolver.cjs (see "jest" in
// package.json) resolves the ESM-only export maps of the kubernetes-models
// packages, and Jest's SWC transform turns their ESM code into CommonJS.
// modelCatalog.test.ts checks the real import() path in a plain Node.js process.
jest.mock('./validation/importEsm', () => ({
  importEsm: async (specifier: string) => require(specifier),
}));
