export { EntityEksPlatformContent } from './EntityEksPlatformContent';
