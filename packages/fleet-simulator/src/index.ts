/**
 * A simulated fleet of EKS clusters speaking the real wire protocols, for development and tests.
 *
 * @packageDocumentation
 */

export { FleetSimulator } from './FleetSimulator';
export type { FleetSimulatorOptions } from './FleetSimulator';
export type { GenerateOptions } from './model/generateCluster';
export { generatedPendingCount } from './model/generateCluster';
export { maxPodsFor, listInstanceTypes } from './model/instanceTypes';
export type { InstanceTypeSpec, CniMode } from './model/instanceTypes';
export { main, parseCli } from './cli';
export {
  CALENDAR_PLACES,
  versionAtPlace,
  versionStatusOn,
  shiftMinor,
} from './scenario/calendar';
export type { CalendarPlace } from './scenario/calendar';
export { loadCatalog } from './scenario/loadScenario';
export * from './types';
export { startFleetSimulator } from './process/startFleetSimulator';
export type {
  FleetSimulatorProcess,
  StartFleetSimulatorOptions,
} from './process/startFleetSimulator';
export { verifyEksToken } from './kube/eksToken';
export { kubeGet } from './testUtils';
export type { EksTokenResult } from './kube/eksToken';
