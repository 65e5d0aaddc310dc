/** An environment of the service and what it asks of its cluster. */
export type PreflightTarget = {
  env: string;
  cluster: string;
  replicas: number;
  cpuMillicores?: number;
  memoryMebibytes?: number;
};

/**
 * The outcome of one check.
 *
 * @public
 */
export type CheckStatus = 'passed' | 'failed' | 'warning' | 'not-checked';

/**
 * One check of one environment.
 *
 * @public
 */
export type PreflightCheck = {
  env: string;
  cluster: string;
  namespace: string;
  check: 'cluster' | 'version' | 'namespace' | 'capacity' | 'cpu';
  status: CheckStatus;
  message: string;
};

/** How pods may be placed, as rendered into the Deployment. */
export type PlacementOptions = {
  /** The Deployment's `maxSurge` in percent (rounded up, like the Deployment controller). */
  maxSurgePercent: number;
  spotPolicy: 'spot-allowed' | 'on-demand-only';
};
