export { eksPlatformApiRef } from './EksPlatformApi';
export type { EksPlatformApi, HistoryRange } from './EksPlatformApi';
export { EksPlatformClient } from './EksPlatformClient';
