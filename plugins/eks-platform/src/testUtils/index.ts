/**
 * Test utilities of the EKS platform frontend plugin: a mock API serving a computed fixture
 * fleet, the fleet's figures, and catalog entities annotated with its clusters.
 *
 * @packageDocumentation
 */
export { MockEksPlatformApi } from './MockEksPlatformApi';
export type { MockEksPlatformApiOptions } from './MockEksPlatformApi';
export * from './fleet';
export * from './entities';
