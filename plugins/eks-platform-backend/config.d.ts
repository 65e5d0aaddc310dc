import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * Configuration of the eks-platform plugins. Clusters themselves are
   * configured once, for the Kubernetes plugin, under
   * `kubernetes.clusterLocatorMethods`; this block only adds what the
   * Kubernetes plugin does not know about them. Nothing in it is visible to
   * the frontend.
   */
  eksPlatform?: {
    /**
     * The EKS identity of clusters configured for the Kubernetes plugin.
     * A cluster without an entry here gets its EKS cluster name from its
     * `kubernetes.io/x-k8s-aws-id` auth metadata, when it has one.
     */
    clusters?: Array<{
      /**
       * The cluster's name in `kubernetes.clusterLocatorMethods` (a `config`
       * cluster's `name` or a `kubernetes-cluster` Resource's `metadata.name`).
       * 1-100 characters of A-Z, a-z, 0-9, '.', '_' or '-', starting with a
       * letter or digit.
       */
      name: string;
      /**
       * The EKS cluster name, when it differs from `name`. Defaults to the
       * cluster's `kubernetes.io/x-k8s-aws-id` auth metadata, then to `name`.
       */
      clusterName?: string;
      /** The AWS region of the cluster, e.g. `eu-west-1`. */
      region: string;
      /**
       * The 12-digit AWS account id of the cluster. Quote it in YAML so leading
       * zeros are kept.
       */
      accountId: string;
      /**
       * IAM role ARN to assume for EKS and EC2 calls about this cluster.
       * Defaults to the cluster's `kubernetes.io/aws-assume-role` auth metadata.
       * @visibility backend
       */
      assumeRole?: string;
      /**
       * External id to pass when assuming `assumeRole`.
       * @visibility backend
       */
      externalId?: string;
    }>;

    /**
     * Optional EKS discovery: `ListClusters` and `DescribeCluster` per account
     * and region, at start-up and on a schedule. Each EKS cluster found that
     * is not configured for the Kubernetes plugin (by name, or by EKS name,
     * region and account) is collected like a configured cluster, with
     * `authProvider: aws` and `source: discovery`, under its EKS name.
     */
    discovery?: {
      /** Where to look; credentials come from the `aws` block (`@backstage/integration-aws-node`). */
      accounts: Array<{
        /** The 12-digit AWS account id. Quote it in YAML so leading zeros are kept. */
        accountId: string;
        /** Regions to list clusters in, e.g. `['eu-west-1', 'us-east-1']`. */
        regions: string[];
        /**
         * IAM role ARN to assume in this account, for discovery and for
         * collecting the clusters found.
         * @visibility backend
         */
        assumeRole?: string;
        /**
         * External id to pass when assuming `assumeRole`.
         * @visibility backend
         */
        externalId?: string;
      }>;
      /**
       * When discovery runs (one `global` scheduler task,
       * `eks-platform-discover-clusters`). Default: every 30 minutes, timeout
       * 5 minutes, first run at start-up.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /**
     * When each cluster is collected: one scheduler task per cluster
     * (`eks-platform-collect:<cluster>`, scope `global`). Default: every 5
     * minutes, timeout 2 minutes, initial delay 5 seconds. At the timeout the
     * collection's Kubernetes and AWS calls are cancelled; one still running
     * 5 seconds later is recorded as timed out.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** History kept in the plugin's database. */
    retention?: {
      /** Days of history kept; older points are deleted after each collection. Default 30. */
      days?: number;
    };
    /**
     * A snapshot older than this many minutes is served with `stale: true`.
     * Default 15.
     */
    staleAfterMinutes?: number;
    /** How the Kubernetes API is read. */
    collection?: {
      /** Items per list page (`limit`); default 500, at most 5000. */
      pageSize?: number;
      /** Timeout of each Kubernetes request in milliseconds; default 30000 (AWS calls: `aws.requestTimeoutMs`). */
      requestTimeoutMs?: number;
      /** Retries after HTTP 429 from Kubernetes (with Retry-After or doubling back-off); default 3. */
      maxRetries?: number;
    };
    /** AWS access for EKS and EC2 calls. Credentials come from the `aws` block of `@backstage/integration-aws-node`. */
    aws?: {
      /**
       * Replaces the EKS and EC2 endpoints, e.g. `http://127.0.0.1:7781` for the
       * fleet simulator. Unset in production.
       * @visibility backend
       */
      endpoint?: string;
      /** AWS SDK attempts per call (retries throttling and 5xx with back-off); default 3. */
      maxAttempts?: number;
      /**
       * Timeout of each attempt of an EKS or EC2 call in milliseconds; default 10000. Kept
       * shorter than `collection.requestTimeoutMs`, so a hung AWS endpoint costs a collection
       * about `maxAttempts` times this, and the Kubernetes figures are stored in time.
       */
      requestTimeoutMs?: number;
    };
    /** Manual refreshes (`POST /clusters/:name/refresh`). */
    refresh?: {
      /**
       * Least time between two collections of a cluster asked for by refresh, counted from its
       * last stored collection (so it holds across replicas); default 60 seconds. Inside it, a
       * refresh joins a collection under way, or else answers 429 with `Retry-After`. An ISO
       * 8601 duration, a string such as `'60s'`, or an object such as `{ seconds: 60 }`.
       */
      cooldown?: HumanDuration | string;
      /** Refreshes each user (or service) may ask for per minute, on each replica; default 10. */
      perUserPerMinute?: number;
    };
    /** The live namespace check (`GET /clusters/:name/namespaces/:namespace`). */
    namespaceCheck?: {
      /**
       * How long an answer is reused for the same cluster and namespace; default 5 seconds.
       * Identical checks arriving while the cluster is being asked share that one call.
       */
      cacheFor?: HumanDuration | string;
      /**
       * Calls to clusters each user (or service) may start per minute, on each replica
       * (answers from the cache or a shared call are not counted); default 30.
       */
      perUserPerMinute?: number;
    };
    /**
     * Node label rules deciding a node's capacity type, tried in order; replaces
     * the built-in rules (EKS managed node groups, Karpenter, Spot Ocean,
     * `node.kubernetes.io/lifecycle`, Fargate).
     */
    capacityTypeRules?: Array<{
      /** Node label, e.g. `node.kubernetes.io/lifecycle`. */
      label: string;
      /** Label value (case-insensitive) -> `spot`, `on-demand`, `reserved`, `capacity-block`, `fargate` or `unknown`. */
      values: { [value: string]: string };
      description?: string;
    }>;
  };
}
