export { EksPlatformClient } from './EksPlatformClient';
export type {
  EksPlatformClientOptions,
  EksPlatformRequestOptions,
  HistoryRange,
} from './EksPlatformClient';
