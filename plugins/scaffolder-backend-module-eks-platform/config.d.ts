export interface Config {
  eksPlatform?: {
    /**
     * Where eks-platform:gitops:commit commits rendered services. Only local bare repositories
     * (file:// URLs) are committed to directly; production templates open a pull request with
     * publish:github:pull-request or publish:gitlab:merge-request instead.
     */
    gitops?: {
      /**
       * The repository used when a template does not name one, e.g.
       * `file:///home/me/eks-platform/.gitops/platform.git` (an absolute file:// URL of a bare repository).
       */
      defaultRepository?: string;
      /**
       * Directories whose bare repositories templates may name. Defaults to the directory holding
       * defaultRepository.
       */
      allowedRepositoryRoots?: string[];
      /**
       * Where eks-platform:catalog:write puts each new component's catalog-info.yaml, mkdocs.yml and
       * docs/ (one sub-directory per service). Defaults to `catalog` next to defaultRepository. The
       * catalog reads it through a `file` location with the target `<catalogDirectory>/x/catalog-info.yaml`
       * where x is `*`.
       */
      catalogDirectory?: string;
      /** Commit author when the template user has no name or email in the catalog. */
      defaultAuthor?: {
        name?: string;
        email?: string;
      };
    };
  };
}
