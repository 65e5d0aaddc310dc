/**
 * The eks-platform backend plugin.
 *
 * @packageDocumentation
 */
export { eksPlatformPlugin as default } from './plugin';
