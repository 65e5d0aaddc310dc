/**
 * app-config.production.yaml reads its settings from environment variables, and Backstage silently
 * drops a value whose variable is unset: the database would fall back to the PostgreSQL client's
 * defaults and the base URL to the development one. So the backend checks, before it starts, that
 * every variable without a safe fallback is set, and names the missing ones.
 */
export const REQUIRED_PRODUCTION_ENVIRONMENT = [
  'BACKSTAGE_BASE_URL',
  'POSTGRES_HOST',
  'POSTGRES_PORT',
  'POSTGRES_USER',
  'POSTGRES_PASSWORD',
  'EKS_CLUSTER_NAME',
  'EKS_CLUSTER_URL',
  'EKS_CLUSTER_CA_DATA',
  'EKS_REGION',
  'EKS_ACCOUNT_ID',
] as const;

const PRODUCTION_CONFIG = /(^|[\\/])app-config\.production\.yaml$/;

/** Whether the backend was started with app-config.production.yaml (`--config <file>` or `--config=<file>`). */
export function usesProductionConfig(argv: readonly string[]): boolean {
  return argv.some((arg, i) => {
    if (arg.startsWith('--config=')) {
      return PRODUCTION_CONFIG.test(arg.slice('--config='.length));
    }
    return argv[i - 1] === '--config' && PRODUCTION_CONFIG.test(arg);
  });
}

/** The required variables that are unset or blank, when the production config is in use. */
export function missingProductionEnvironment(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): string[] {
  if (!usesProductionConfig(argv)) return [];
  return REQUIRED_PRODUCTION_ENVIRONMENT.filter(name => !env[name]?.trim());
}
