export interface Config {
  /**
   * Argo CD, as the eks-platform entity tab links to it. Shared with other Argo CD
   * plugins that read the same key.
   */
  argocd?: {
    /**
     * Base URL of the Argo CD web UI, e.g. `https://argocd.example.com`. When set, the
     * EKS platform tab links an entity's `argocd/app-name` annotation to
     * `<baseUrl>/applications/<app-name>`; otherwise it shows the app name only.
     * @visibility frontend
     */
    baseUrl?: string;
  };
}
