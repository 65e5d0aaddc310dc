/**
 * Scaffolder actions for gRPC services on Amazon EKS.
 *
 * @packageDocumentation
 */

export { scaffolderModuleEksPlatform as default } from './module';
export {
  createManifestsValidateAction,
  MANIFESTS_VALIDATE_ACTION_ID,
} from './actions/manifestsValidate';
export {
  createClusterPreflightAction,
  CLUSTER_PREFLIGHT_ACTION_ID,
} from './actions/clusterPreflight';
export {
  createGitopsResolveAction,
  GITOPS_RESOLVE_ACTION_ID,
} from './actions/gitopsResolve';
export {
  createGitopsCommitAction,
  GITOPS_COMMIT_ACTION_ID,
} from './actions/gitopsCommit';
export {
  createCatalogWriteAction,
  CATALOG_WRITE_ACTION_ID,
} from './actions/catalogWrite';
export { EksPlatformClusterClient } from './clusters/EksPlatformClusterClient';
export type { ClusterDataSource } from './clusters/ClusterDataSource';
export { readGitopsSettings } from './gitops/GitopsSettings';
export type { GitopsSettings } from './gitops/GitopsSettings';
export type { PreflightCheck, CheckStatus } from './preflight/types';
export type { CatalogRefresher } from './catalog/CatalogRefresher';
export type { GitRunner } from './gitops/git';
export { serviceNameProblem, grpcPortProblem } from './preflight/serviceName';
export type { ManifestProblem } from './validation/types';
