/**
 * Scaffolder actions for gRPC services on Amazon EKS.
 *
 * @packageDocumentation
 */

export { scaffolderModule as default } from './module';
export {
  createManifestsValidateAction,
  MANIFESTS_VALIDATE_ACTION_ID,
} from './actions/manifestsValidate';
export type { ManifestProblem } from './validation/types';
