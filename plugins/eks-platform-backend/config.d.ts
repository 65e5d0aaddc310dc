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
  };
}
