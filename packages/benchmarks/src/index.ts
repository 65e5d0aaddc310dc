/**
 * Side-by-side benchmarks of the eks-platform plugin set at fleet scale (`yarn bench`).
 *
 * @packageDocumentation
 */
export { main, parseBenchArgs } from './cli';
