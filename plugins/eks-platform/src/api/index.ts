export { eksPlatformApiRef } from './EksPlatformApi';
export type { EksPlatformApi } from './EksPlatformApi';
export { EksPlatformClient } from './EksPlatformClient';
