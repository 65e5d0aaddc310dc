/**
 * The eks-platform frontend plugin for the new frontend system; discovered by
 * apps with `app.packages: all`, or added with
 * `features: [import('@eks-platform/plugin-eks-platform/alpha')]`.
 *
 * @packageDocumentation
 */
export { eksPlatformPlugin as default } from './plugin';
