/** Which simulated API a request went to. @public */
export type SimulatedApi = 'kubernetes' | 'eks' | 'ec2';

/** The kinds of fault the simulator can inject. @public */
export type FaultType =
  | 'latency'
  | 'timeout'
  | 'status'
  | 'throttle'
  | 'truncate'
  | 'gone';

/** What to do to a matching request. @public */
export interface FaultSpec {
  type: FaultType;
  /** HTTP status for `status` faults (401, 403, 429, 500, 503, ...). */
  status?: number;
  /** Delay for `latency`; for `timeout`, how long to hold the request before dropping the socket (default: forever). */
  ms?: number;
  /** Chance in [0, 1] that a matching request is affected (default 1). */
  probability?: number;
  /** Affect only this many matching requests, then the rule retires. */
  times?: number;
}

/** A fault rule, as sent to `PUT /admin/faults`. @public */
export interface FaultRuleInput {
  /** Cluster name; omitted = every cluster. For `eks`/`ec2` this is the EKS cluster the request is about, if any. */
  cluster?: string;
  api: SimulatedApi;
  /** URL path (no query). Exact match, or a prefix when it ends with `*`. */
  path?: string;
  /** AWS operation name (`DescribeCluster`, `DescribeSubnets`, ...). */
  operation?: string;
  fault: FaultSpec;
}

/** A stored fault rule. @public */
export interface FaultRule extends FaultRuleInput {
  id: string;
  /** How many requests this rule has affected so far. */
  hits: number;
}

/** One line of the request log. @public */
export interface RequestLogEntry {
  /** Cluster name, or `(none)` for AWS calls not about one cluster (ListClusters, DescribeSubnets, ...). */
  cluster: string;
  api: SimulatedApi;
  method: string;
  /** URL path for Kubernetes and EKS; the action name for EC2 (`POST /` is the same for all). */
  path: string;
  operation?: string;
  count: number;
}

/** What a started simulator tells its users about one cluster. @public */
export interface SimulatedClusterInfo {
  /** The Kubernetes context / cluster name. */
  name: string;
  /** HTTPS URL of its Kubernetes API. */
  url: string;
  /** Bearer token the API accepts. */
  token: string;
  eksName: string;
  region: string;
  accountId: string;
  kubernetesVersion: string;
  /** When the cluster was upgraded in place to `kubernetesVersion` (ISO), if the scenario says. */
  upgradedAt?: string;
  nodeCount: number;
  podCount: number;
}

/** Contents of `fleet.json` in the state directory. @public */
export interface FleetFile {
  awsEndpoint: string;
  adminEndpoint: string;
  caFile: string;
  kubeconfig: string;
  awsCredentials: { accessKeyId: string; secretAccessKey: string };
  clusters: Record<
    string,
    {
      url: string;
      token: string;
      eksName: string;
      region: string;
      accountId: string;
      /** The control plane's version, resolved from the scenario's place in the calendar at start. */
      kubernetesVersion: string;
      /** When it was upgraded in place to that version (ISO), for clusters the scenario upgraded. */
      upgradedAt?: string;
    }
  >;
  /** The EKS calendar the simulator serves (newest first), so tests can work out what a day shows. */
  eksCalendar: SimulatedEksVersion[];
}

/** One version of the simulated EKS calendar, with `YYYY-MM-DD` dates (UTC). @public */
export interface SimulatedEksVersion {
  version: string;
  releaseDate: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
  /** Projected past AWS's published calendar, not an AWS fact. */
  projected: boolean;
}
