export { EksFleetPage } from './EksFleetPage';
export { toCsv, csvField } from './toCsv';
export { toFleetRow } from './fleetRows';
export type { FleetRow } from './fleetRows';
export { ChartSizeContext } from './charts/ChartFrame';
