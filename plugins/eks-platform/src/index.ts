/**
 * Frontend of the eks-platform plugin set: an entity tab with the EKS clusters
 * a component runs on. This entry point is for the legacy frontend system; the
 * new frontend system plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  eksPlatformPlugin,
  EntityEksPlatformContent,
  EksFleetPage,
  EksClusterPickerFieldExtension,
} from './plugin';
export { EksClusterPicker, eksClusterPickerValidation } from './scaffolder';
export type { EksClusterPickerUiOptions } from './scaffolder';
export { isEksPlatformAvailable } from './isEksPlatformAvailable';
export { eksPlatformApiRef, EksPlatformClient } from './api';
export type { EksPlatformApi, HistoryRange } from './api';
export {
  rootRouteRef as eksPlatformRootRouteRef,
  fleetRouteRef as eksPlatformFleetRouteRef,
} from './routes';
