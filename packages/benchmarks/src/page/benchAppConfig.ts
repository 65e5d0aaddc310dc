/** Ports of the developer's own app and fleet simulator (README), never used by the bench. */
const RESERVED_PORTS: Array<[number, number]> = [
  [3000, 3000],
  [7007, 7007],
  [7780, 7799],
];

export function isReservedPort(port: number): boolean {
  return RESERVED_PORTS.some(([low, high]) => port >= low && port <= high);
}

/**
 * The config file read on top of app-config.yaml when the bench starts the
 * app itself: one origin on loopback for the backend and the production
 * frontend it serves (plugin-app-backend), the guest sign-in allowed although
 * NODE_ENV is production, and no clusters, so this backend does not reach for
 * the demo fleet's simulator on the developer's reserved ports (the page's
 * `/api/eks-platform/*` requests are answered by the bench backend anyway).
 */
export function benchAppConfig(options: { port: number; workDir: string }) {
  const { port, workDir } = options;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`not a TCP port: ${port}`);
  }
  if (isReservedPort(port)) {
    throw new Error(
      `port ${port} is reserved for the developer's app and simulator (3000, 7007, 7780-7799)`,
    );
  }
  const origin = `http://127.0.0.1:${port}`;
  return {
    app: { baseUrl: origin },
    backend: {
      baseUrl: origin,
      listen: { port, host: '127.0.0.1' },
      cors: { origin },
      database: { client: 'better-sqlite3', connection: ':memory:' },
    },
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    kubernetes: {
      clusterLocatorMethods: [{ type: 'config', clusters: [] }],
    },
    eksPlatform: {
      clusters: [],
      gitops: {
        defaultRepository: `file://${workDir}/platform.git`,
        catalogDirectory: `${workDir}/catalog`,
      },
    },
  };
}
