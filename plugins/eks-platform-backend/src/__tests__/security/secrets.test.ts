import {
  coreServices,
  createServiceFactory,
  type RootLoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { loadConfig, loadConfigSchema } from '@backstage/config-loader';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { demoFleetConfig, useDemoFleet } from '../../__testUtils__/demoFleet';
import { eksPlatformPlugin } from '../../plugin';

jest.setTimeout(120_000);

// Test-only: the repository's own app-config and package list.
// eslint-disable-next-line no-restricted-syntax
const REPO_ROOT = path.resolve(__dirname, '../../../../..');

/** Every log line of every plugin, with its metadata, as text. */
function capturingRootLogger() {
  const lines: string[] = [];
  const make = (meta: JsonObject): RootLoggerService => {
    const write =
      (level: string) => (message: string, extra?: Error | JsonObject) => {
        lines.push(
          `${level} ${message} ${JSON.stringify(meta)} ${
            extra instanceof Error
              ? `${extra.name}: ${extra.message}\n${extra.stack}`
              : JSON.stringify(extra ?? {})
          }`,
        );
      };
    return {
      error: write('error'),
      warn: write('warn'),
      info: write('info'),
      debug: write('debug'),
      child: childMeta => make({ ...meta, ...childMeta }),
    };
  };
  const root = make({});
  return {
    lines,
    factory: createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => root,
    }),
  };
}

/** An `aws`-auth cluster: the collector signs an EKS bearer token for it. */
const AWS_AUTH_CLUSTER = 'payments-eks-eu-west-1';

const PAYMENTS = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'eks-platform.io/clusters': `staging-eu-west-1, prod-eu-west-1, ${AWS_AUTH_CLUSTER}`,
      'backstage.io/kubernetes-id': 'payments-api',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

describe('credentials and tokens never leave the backend', () => {
  const fleet = useDemoFleet();

  /**
   * The demo fleet, plus one cluster reached with an EKS token. The token
   * names prod-eu-west-1 but is sent to staging-eu-west-1's API server, which
   * refuses it (the signed x-k8s-aws-id is not its own).
   */
  function configWithSecrets(): JsonObject {
    const config = demoFleetConfig(fleet.sim) as any;
    const prod = fleet.sim.cluster('prod-eu-west-1')!;
    const staging = fleet.sim.cluster('staging-eu-west-1')!;
    config.kubernetes.clusterLocatorMethods[0].clusters.push({
      name: AWS_AUTH_CLUSTER,
      url: staging.url,
      authProvider: 'aws',
      authMetadata: { 'kubernetes.io/x-k8s-aws-id': prod.eksName },
      caData: config.kubernetes.clusterLocatorMethods[0].clusters[0].caData,
    });
    config.eksPlatform.clusters.push({
      name: AWS_AUTH_CLUSTER,
      clusterName: prod.eksName,
      region: prod.region,
      accountId: prod.accountId,
    });
    // The test refreshes every cluster once, as one user: more than the default 10 a minute.
    config.eksPlatform.refresh = {
      ...config.eksPlatform.refresh,
      perUserPerMinute: fleet.sim.clusters().length + 1,
    };
    return config;
  }

  function secretValues(config: any): string[] {
    const clusters = config.kubernetes.clusterLocatorMethods[0].clusters;
    return [
      ...fleet.sim.clusters().map(c => c.token),
      ...clusters.map((c: any) => c.caData),
      ...config.aws.accounts.map((a: any) => a.secretAccessKey),
    ];
  }

  // A signed EKS token, or the SigV4 parts of one, in any form.
  const TOKEN_PATTERNS = [
    /k8s-aws-v1\./,
    /X-Amz-Signature/i,
    /X-Amz-Credential/i,
    /Authorization: Bearer/i,
    /AWS4-HMAC-SHA256/,
  ];

  it('after a full collection of the demo fleet, no response body and no log line holds a token, key or CA data', async () => {
    const config = configWithSecrets();
    const logger = capturingRootLogger();
    const consoleLines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map(
      level =>
        jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
          consoleLines.push(args.map(a => String(a)).join(' '));
        }),
    );
    try {
      const { server } = await startTestBackend({
        features: [
          eksPlatformPlugin,
          mockServices.rootConfig.factory({ data: config }),
          catalogServiceMock.factory({ entities: [PAYMENTS] }),
          logger.factory,
        ],
      });
      const api = (p: string) => `/api/eks-platform${p}`;
      const names = [
        ...fleet.sim.clusters().map(c => c.name),
        AWS_AUTH_CLUSTER,
      ];
      const bodies: string[] = [];
      for (const name of names) {
        const refresh = await request(server).post(
          api(`/clusters/${name}/refresh`),
        );
        expect(refresh.status).toBe(202);
        bodies.push(refresh.text);
      }
      // Wait until every cluster has been attempted.
      const deadline = Date.now() + 60_000;
      let items: any[] = [];
      do {
        await new Promise(r => setTimeout(r, 250));
        items = (await request(server).get(api('/clusters'))).body.items;
      } while (
        Date.now() < deadline &&
        items.some(c => !c.collectedAt && !c.lastError)
      );
      // The API server refuses an EKS token made for another cluster: that
      // cluster fails with 401, which is exactly when a careless client would
      // log its request.
      expect(items.find(c => c.name === AWS_AUTH_CLUSTER)).toMatchObject({
        lastError: { kind: 'unauthorized', source: 'kubernetes' },
      });
      expect(
        items.filter(c => c.collectedAt && c.partial.length === 0),
      ).toHaveLength(fleet.sim.clusters().length);

      const responses = [
        await request(server).get(api('/health')),
        await request(server).get(api('/clusters')),
        ...(await Promise.all(
          names.flatMap(name => [
            request(server).get(api(`/clusters/${name}`)),
            ...[
              'spot-cpu-share',
              'requested-cpu',
              'allocatable-cpu',
              'free-ips',
              'additional-pods',
            ].map(metric =>
              request(server).get(
                api(`/clusters/${name}/history?metric=${metric}`),
              ),
            ),
          ]),
        )),
        await request(server).get(
          api('/entity?entityRef=component:default/payments-api'),
        ),
        await request(server).get(api('/clusters/no-such-cluster')),
        await request(server).get(api('/clusters/..%2Fetc/history')),
        await request(server).post(api('/clusters/no-such-cluster/refresh')),
      ];
      for (const response of responses) {
        expect(response.status).toBeLessThan(500);
        bodies.push(response.text);
      }
      // The live namespace check, including on the cluster whose EKS token is refused (503).
      for (const name of names) {
        const response = await request(server).get(
          api(`/clusters/${name}/namespaces/payments-prod`),
        );
        expect([200, 503]).toContain(response.status);
        bodies.push(response.text);
      }
      expect(bodies.join('').length).toBeGreaterThan(100_000);
      expect(logger.lines.length).toBeGreaterThan(10);

      const everything = [
        ...bodies.map(b => ['response', b]),
        ...logger.lines.map(l => ['log', l]),
        ...consoleLines.map(l => ['console', l]),
      ];
      for (const [where, text] of everything) {
        for (const secret of secretValues(config)) {
          if (text.includes(secret)) {
            throw new Error(
              `A secret value appears in a ${where}: ${text.slice(0, 200)}`,
            );
          }
        }
        for (const pattern of TOKEN_PATTERNS) {
          if (pattern.test(text)) {
            throw new Error(
              `${pattern} matches a ${where}: ${text.slice(0, 200)}`,
            );
          }
        }
      }
      // API server URLs are backend-only too.
      for (const body of bodies) {
        for (const cluster of fleet.sim.clusters()) {
          expect(body).not.toContain(cluster.url);
        }
      }
    } finally {
      spies.forEach(s => s.mockRestore());
    }
  });

  it('keeps every secret out of the config the frontend receives', async () => {
    const schemaErrors: unknown[] = [];
    const packages = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
    ) as { workspaces: { packages: string[] } | string[] };
    expect(packages.workspaces).toBeDefined();
    const workspaceNames = ['packages', 'plugins'].flatMap(dir =>
      fs
        .readdirSync(path.join(REPO_ROOT, dir))
        .map(name => path.join(REPO_ROOT, dir, name, 'package.json'))
        .filter(p => fs.existsSync(p))
        .map(p => JSON.parse(fs.readFileSync(p, 'utf8')).name as string),
    );
    const schema = await loadConfigSchema({
      dependencies: workspaceNames,
      packagePaths: [path.join(REPO_ROOT, 'package.json')],
      onSchemaError: error => schemaErrors.push(error),
    });

    const demo = Object.fromEntries(
      fleet.sim
        .clusters()
        .map(c => [
          `FLEET_SIMULATOR_TOKEN_${c.name.toUpperCase().replace(/-/g, '_')}`,
          c.token,
        ]),
    );
    const { appConfigs } = await loadConfig({
      configRoot: REPO_ROOT,
      configTargets: [{ path: path.join(REPO_ROOT, 'app-config.yaml') }],
      experimentalEnvFunc: async name =>
        demo[name] ??
        (name === 'FLEET_SIMULATOR_STATE_DIR'
          ? '/tmp/fleet-simulator'
          : undefined),
    });
    const testConfig = configWithSecrets();
    const frontend = schema.process(
      [
        ...appConfigs,
        { context: 'eks-platform-secrets-test', data: testConfig },
      ],
      { visibility: ['frontend'] },
    );

    const served = JSON.stringify(frontend);
    // The frontend does get config (the app title, at least)...
    expect(served).toContain('EKS Platform');
    // ...but none of the credentials, tokens or CA data. (Cluster names and
    // URLs are frontend-visible by the Kubernetes plugin's own schema.)
    for (const secret of [
      ...secretValues(testConfig),
      ...Object.values(demo),
      'fleet-simulator-secret',
    ]) {
      expect(served).not.toContain(secret);
    }
    expect(served).not.toMatch(/serviceAccountToken|secretAccessKey|caData/);
  });
});
