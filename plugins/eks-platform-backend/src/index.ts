export { eksPlatformPlugin as default } from './plugin';
