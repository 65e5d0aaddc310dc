// Jest resolves require() with the "require" export condition. The ESM-only
// kubernetes-models packages (@kubernetes-models/* and kubernetes-models v5)
// only export an "import" condition, so when normal resolution of one of them
// fails, resolve it again the way Node.js resolves an import().
// Used by the tests only; see src/setupTests.ts.
const KUBERNETES_MODELS = /^(?:@kubernetes-models\/|kubernetes-models(?:\/|$))/;

module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    if (!KUBERNETES_MODELS.test(request)) {
      throw error;
    }
    return options.defaultResolver(request, {
      ...options,
      conditions: ['import', 'node', 'default'],
    });
  }
};
