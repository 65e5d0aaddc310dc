/**
 * Cluster names this plugin can serve and address in URLs: 1-100 characters of
 * `A-Z a-z 0-9 . _ -`, starting with a letter or digit. Kept in step with the
 * cluster annotation parser of `@eks-platform/plugin-eks-platform-common`.
 */
export const CLUSTER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A human description of {@link CLUSTER_NAME_PATTERN}, for error messages. */
export const CLUSTER_NAME_RULE =
  "1-100 characters of A-Z, a-z, 0-9, '.', '_' or '-', starting with a letter or digit";

export function isValidClusterName(name: string): boolean {
  return CLUSTER_NAME_PATTERN.test(name);
}
