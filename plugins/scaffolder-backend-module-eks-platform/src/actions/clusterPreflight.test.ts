import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { CHECKED_AT, COLLECTED_AT } from '../clusters/__fixtures__/clusters';
import { startFixtureEksPlatformServer } from '../__testUtils__/fixtureEksPlatformServer';
import { createClusterPreflightAction } from './clusterPreflight';

describe('eks-platform:cluster:preflight', () => {
  let server: Awaited<ReturnType<typeof startFixtureEksPlatformServer>>;
  beforeAll(async () => {
    server = await startFixtureEksPlatformServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.api.reset());

  function run(input: Record<string, unknown>, isDryRun = false) {
    const clusters = server.api;
    const action = createClusterPreflightAction({ clusters: server.client });
    const ctx = createMockActionContext({ input: input as any });
    ctx.isDryRun = isDryRun; // createMockActionContext does not pass isDryRun on
    const outputs = () =>
      Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    return { run: () => action.handler(ctx), outputs, clusters };
  }

  it('passes a service that fits, with its namespaces not taken yet', async () => {
    const {
      run: go,
      outputs,
      clusters,
    } = run({
      name: 'checkout-api',
      port: 50051,
      environments: ['dev', 'prod'],
      targets: {
        dev: { cluster: 'staging-eu-west-1', replicas: 1, cpuMillicores: 100 },
        prod: { cluster: 'prod-eu-west-1', replicas: 3, cpuMillicores: 500 },
      },
    });

    await go();

    // The list first, then the details together, then the namespace checks together.
    const requests = clusters.requests;
    expect(requests).toHaveLength(5);
    expect(requests[0]).toBe('GET /clusters');
    expect(requests.slice(1, 3)).toEqual(
      expect.arrayContaining([
        'GET /clusters/staging-eu-west-1',
        'GET /clusters/prod-eu-west-1',
      ]),
    );
    expect(requests.slice(3)).toEqual(
      expect.arrayContaining([
        'GET /clusters/staging-eu-west-1/namespaces/checkout-api-dev',
        'GET /clusters/prod-eu-west-1/namespaces/checkout-api-prod',
      ]),
    );
    const out = outputs();
    expect(out.clusters).toEqual(['staging-eu-west-1', 'prod-eu-west-1']);
    expect(out.namespaces).toEqual(['checkout-api-dev', 'checkout-api-prod']);
    expect(
      out.checks.map((c: any) => `${c.env} ${c.check} ${c.status}`),
    ).toEqual([
      'dev version warning',
      'dev namespace passed',
      'dev capacity passed',
      'dev cpu warning',
      'prod version passed',
      'prod namespace passed',
      'prod capacity passed',
      'prod cpu passed',
    ]);
    expect(out.checks[1].message).toBe(
      `Namespace checkout-api-dev does not exist on cluster staging-eu-west-1 yet (asked the cluster at ${CHECKED_AT})`,
    );
    expect(out.notChecked).toEqual([]);
    expect(out.summary).toBe(
      'Preflight passed for dev (staging-eu-west-1), prod (prod-eu-west-1): 6 passed, 2 warnings, 0 not checked',
    );
  });

  it('fails when the replicas and rollout surge need more addresses than the subnets have', async () => {
    const { run: go, outputs } = run({
      name: 'checkout-api',
      environments: ['stg'],
      targets: { stg: { cluster: 'staging-eu-west-1', replicas: 6 } },
    });

    await expect(go()).rejects.toThrow(
      'Preflight failed: [stg] capacity: Cluster staging-eu-west-1 has room for only 7 more pods, limited by subnet addresses, but stg needs 8 pods (6 replicas + 2 rollout surge); the least free subnet subnet-0b2c3d4e5f6a7b404 (eu-west-1b) has 0 free addresses',
    );
    expect(outputs().summary).toMatch(/^Preflight failed/);
  });

  it('counts only on-demand nodes for an on-demand-only service', async () => {
    const { run: go } = run({
      name: 'checkout-api',
      environments: ['prod'],
      targets: { prod: { cluster: 'prod-eu-west-1', replicas: 50 } },
      spotPolicy: 'on-demand-only',
    });

    await expect(go()).rejects.toThrow(
      /Cluster prod-eu-west-1 has room for only 55 more pods on on-demand nodes, limited by free node pod slots, but prod needs 63 pods/,
    );
  });

  it('refuses a cluster whose Kubernetes version is past extended support', async () => {
    const { run: go } = run({
      name: 'checkout-api',
      environments: ['prod'],
      targets: { prod: { cluster: 'legacy-eu-west-1', replicas: 2 } },
    });
    await expect(go()).rejects.toThrow(
      'Cluster legacy-eu-west-1 runs Kubernetes 1.31, which is no longer supported by EKS',
    );
  });

  it('refuses a namespace that already runs workloads', async () => {
    const { run: go } = run({
      name: 'payments-api',
      environments: ['prod'],
      targets: { prod: { cluster: 'prod-eu-west-1', replicas: 2 } },
    });
    await expect(go()).rejects.toThrow(
      `Namespace payments-api-prod already exists on cluster prod-eu-west-1 (asked the cluster at ${CHECKED_AT}): choose another service name`,
    );
  });

  it('refuses a namespace that exists without workloads', async () => {
    const { run: go, outputs } = run({
      name: 'orders-api',
      environments: ['dev', 'prod'],
      targets: {
        dev: { cluster: 'staging-eu-west-1', replicas: 1 },
        prod: { cluster: 'prod-eu-west-1', replicas: 2 },
      },
    });
    await expect(go()).rejects.toThrow(
      `Preflight failed: [prod] namespace: Namespace orders-api-prod already exists on cluster prod-eu-west-1 (asked the cluster at ${CHECKED_AT}): choose another service name`,
    );
    expect(
      outputs()
        .checks.filter((c: any) => c.check === 'namespace')
        .map((c: any) => `${c.env} ${c.status}`),
    ).toEqual(['dev passed', 'prod failed']);
  });

  it('says so when neither the cluster can be asked nor the backend has a namespace list for it', async () => {
    const { run: go, outputs } = run({
      name: 'checkout-api',
      environments: ['prod'],
      targets: { prod: { cluster: 'legacy-eu-west-1', replicas: 1 } },
    });
    await expect(go()).rejects.toThrow(/no longer supported/);
    // The backend answers 503 with its reason in the body; the preflight reports that reason.
    expect(outputs().notChecked).toEqual([
      `[prod] namespace: Whether namespace checkout-api-prod exists on cluster legacy-eu-west-1 was not checked: the eks-platform backend has no namespace list for it (its collector may not list namespaces; grant it as in deploy/kubernetes/eks-platform-reader.yaml), and none of its workloads run in that namespace; asking the cluster failed: Could not ask cluster legacy-eu-west-1 whether namespace checkout-api-prod exists: Reading the namespace was forbidden (403)`,
    ]);
  });

  it('refuses a namespace created after the last collection: the cluster is asked at run time', async () => {
    const { run: go, clusters } = run({
      name: 'inventory-api',
      environments: ['prod'],
      targets: { prod: { cluster: 'prod-eu-west-1', replicas: 2 } },
    });
    clusters.createdSince.set('prod-eu-west-1', ['inventory-api-prod']);
    await expect(go()).rejects.toThrow(
      `Namespace inventory-api-prod already exists on cluster prod-eu-west-1 (asked the cluster at ${CHECKED_AT})`,
    );
  });

  it('falls back to the collected namespace list, with a warning, when the cluster cannot be asked', async () => {
    const {
      run: go,
      outputs,
      clusters,
    } = run({
      name: 'orders-api',
      environments: ['dev', 'prod'],
      targets: {
        dev: { cluster: 'staging-eu-west-1', replicas: 1 },
        prod: { cluster: 'prod-eu-west-1', replicas: 2 },
      },
    });
    const timeout =
      'Could not ask cluster staging-eu-west-1 whether namespace orders-api-dev exists: Reading the namespace timed out after 10000 ms';
    clusters.unreachable.set('staging-eu-west-1', timeout);
    clusters.unreachable.set(
      'prod-eu-west-1',
      'Could not ask cluster prod-eu-west-1 whether namespace orders-api-prod exists: unreachable',
    );
    // prod's collected list has orders-api-prod: still refused.
    await expect(go()).rejects.toThrow(
      `Namespace orders-api-prod already exists on cluster prod-eu-west-1 (namespaces as collected at ${COLLECTED_AT})`,
    );
    const dev = outputs().checks.find(
      (c: any) => c.env === 'dev' && c.check === 'namespace',
    );
    expect(dev).toMatchObject({
      status: 'warning',
      message: `Namespace orders-api-dev did not exist on cluster staging-eu-west-1 (namespaces as collected at ${COLLECTED_AT}); asking the cluster failed: ${timeout}`,
    });
  });

  it('adds up the environments that share a cluster', async () => {
    const { run: go, outputs } = run({
      name: 'checkout-api',
      environments: ['dev', 'stg'],
      targets: {
        dev: { cluster: 'staging-eu-west-1', replicas: 3, cpuMillicores: 100 },
        stg: { cluster: 'staging-eu-west-1', replicas: 3, cpuMillicores: 100 },
      },
    });
    // 7 pods fit; dev needs 3 + 1 surge, which leaves 3 for stg's 4.
    await expect(go()).rejects.toThrow(
      'Preflight failed: [stg] capacity: Cluster staging-eu-west-1 has room for only 7 more pods, limited by subnet addresses, of which 4 pods go to dev on the same cluster, but stg needs 4 pods (3 replicas + 1 rollout surge) (8 pods in all with dev)',
    );
    const capacity = outputs().checks.filter(
      (c: any) => c.check === 'capacity',
    );
    expect(capacity.map((c: any) => `${c.env} ${c.status}`)).toEqual([
      'dev passed',
      'stg failed',
    ]);
    expect(outputs().clusters).toEqual(['staging-eu-west-1']);
  });

  it('passes two environments on one cluster when both fit together', async () => {
    const { run: go, outputs } = run({
      name: 'checkout-api',
      environments: ['dev', 'prod'],
      targets: {
        dev: { cluster: 'prod-eu-west-1', replicas: 2, cpuMillicores: 100 },
        prod: { cluster: 'prod-eu-west-1', replicas: 3, cpuMillicores: 500 },
      },
    });
    await go();
    const prodCapacity = outputs().checks.find(
      (c: any) => c.env === 'prod' && c.check === 'capacity',
    );
    expect(prodCapacity.status).toBe('passed');
    expect(prodCapacity.message).toMatch(
      /of which 3 pods go to dev on the same cluster; prod needs 4 pods \(3 replicas \+ 1 rollout surge\)$/,
    );
    const prodCpu = outputs().checks.find(
      (c: any) => c.env === 'prod' && c.check === 'cpu',
    );
    expect(prodCpu.message).toMatch(
      /, of which 300m go to dev on the same cluster; prod requests 2000m$/,
    );
  });

  it.each([
    [
      'kube-payments',
      'Service name "kube-payments" is reserved: kube-* namespaces belong to Kubernetes',
    ],
    [
      'argocd',
      'Service name "argocd" is reserved: it is the name of a system namespace',
    ],
    ['Payments_API', 'must consist of lowercase letters, digits and "-"'],
  ])(
    'refuses the service name %s without calling the backend',
    async (name, message) => {
      const { run: go, clusters } = run({
        name,
        environments: ['dev'],
        targets: { dev: { cluster: 'staging-eu-west-1', replicas: 1 } },
      });
      await expect(go()).rejects.toThrow(message);
      expect(clusters.requests).toEqual([]);
    },
  );

  it('refuses ports out of range and environments without a cluster', async () => {
    const { run: go } = run({
      name: 'checkout-api',
      port: 70000,
      environments: ['dev', 'prod'],
      targets: { dev: { cluster: 'staging-eu-west-1', replicas: 1 } },
    });
    await expect(go()).rejects.toThrow(
      'gRPC port 70000 is out of range: it must be a whole number from 1 to 65535; No cluster chosen for environment prod',
    );
  });

  it('checks the same way in a dry run (it only reads the backend)', async () => {
    const { run: go } = run(
      {
        name: 'checkout-api',
        environments: ['prod'],
        targets: { prod: { cluster: 'prod-mars-1', replicas: 2 } },
      },
      true,
    );
    await expect(go()).rejects.toThrow(
      'Cluster prod-mars-1 (chosen for prod) is not known to the eks-platform backend',
    );
  });
});
