import path from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { FleetSimulator } from '../FleetSimulator';
import { startTestFleet } from '../testUtils';
import { loadCatalog } from '../scenario/loadScenario';
import { generateCluster, generatedPendingCount } from './generateCluster';
import { resourceKey } from './ClusterModel';

describe('generated large cluster', () => {
  it('is the same cluster for the same seed and differs for another seed', () => {
    const catalog = loadCatalog();
    const now = new Date();
    const a = generateCluster(
      { nodes: 100, pods: 3000, seed: 7 },
      catalog,
      now,
    );
    const b = generateCluster(
      { nodes: 100, pods: 3000, seed: 7 },
      catalog,
      now,
    );
    const c = generateCluster(
      { nodes: 100, pods: 3000, seed: 8 },
      catalog,
      now,
    );
    const pods = (m: typeof a) => m.collection(resourceKey('', 'v1', 'pods'))!;
    for (const i of [0, 150, 2999]) {
      expect(JSON.stringify(pods(a).get(i))).toBe(
        JSON.stringify(pods(b).get(i)),
      );
    }
    expect(pods(a).get(2999).metadata.name).not.toBe(
      pods(c).get(2999).metadata.name,
    );
    expect(pods(a).size()).toBe(3000);
  });

  it('takes each node’s warm pool from its zone’s subnet, as ipamd keeps it', () => {
    // 3 nodes without app pods on 4 x 15 types, WARM_ENI_TARGET=1: one ENI of 14 IPs and its
    // primary address each, 15 of a /18's 16379 usable addresses.
    const model = generateCluster(
      { nodes: 3, pods: 0, seed: 1 },
      loadCatalog(),
    );
    expect(model.subnets.map(s => [s.cidr, s.availableIps])).toEqual([
      ['10.0.0.0/18', 16364],
      ['10.0.64.0/18', 16364],
      ['10.0.128.0/18', 16364],
    ]);
  });

  it('names nodes by their EC2 private DNS name, which has no region in us-east-1', () => {
    const catalog = loadCatalog();
    const nodeNames = (region: string) => {
      const model = generateCluster(
        { nodes: 3, pods: 0, seed: 1, region },
        catalog,
      );
      const nodes = model.collection(resourceKey('', 'v1', 'nodes'))!;
      return Array.from({ length: nodes.size() }, (_, i) => nodes.get(i)).map(
        node => {
          const { addresses } = node.status as {
            addresses: Array<{ type: string; address: string }>;
          };
          expect(addresses.find(a => a.type === 'InternalDNS')?.address).toBe(
            node.metadata.name,
          );
          return node.metadata.name as string;
        },
      );
    };
    expect(nodeNames('us-east-1')).toEqual([
      expect.stringMatching(/^ip-\d+-\d+-\d+-\d+\.ec2\.internal$/),
      expect.stringMatching(/\.ec2\.internal$/),
      expect.stringMatching(/\.ec2\.internal$/),
    ]);
    expect(nodeNames('ap-south-1')[0]).toMatch(
      /^ip-\d+-\d+-\d+-\d+\.ap-south-1\.compute\.internal$/,
    );
  });

  describe('served with 20,000 pods', () => {
    let sim: FleetSimulator;
    let stateDir: string;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ sim, stateDir, cleanup } = await startTestFleet({
        generate: { nodes: 700, pods: 20000, seed: 42 },
      }));
    });

    afterAll(async () => {
      await cleanup();
    });

    function core() {
      const kc = new KubeConfig();
      kc.loadFromFile(path.join(stateDir, 'kubeconfig'));
      return kc.makeApiClient(CoreV1Api);
    }

    it('pages every pod exactly once with the right phase totals', async () => {
      const api = core();
      const seen = new Set<string>();
      let pending = 0;
      let hostNetwork = 0;
      let token: string | undefined;
      let pages = 0;
      const remaining: (number | undefined)[] = [];
      do {
        const page = await api.listPodForAllNamespaces({
          limit: 500,
          _continue: token,
        });
        for (const pod of page.items) {
          seen.add(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
          if (pod.status?.phase === 'Pending') pending += 1;
          if (pod.spec?.hostNetwork) hostNetwork += 1;
        }
        remaining.push(page.metadata?.remainingItemCount);
        token = page.metadata?._continue;
        pages += 1;
      } while (token);
      expect(sim.clusters()).toEqual([
        expect.objectContaining({
          name: 'large-eu-west-1',
          nodeCount: 700,
          podCount: 20000,
        }),
      ]);
      expect(pages).toBe(40);
      expect(remaining).toEqual([
        ...Array.from({ length: 39 }, (_, i) => 20000 - (i + 1) * 500),
        undefined,
      ]);
      expect(seen.size).toBe(20000);
      expect(pending).toBe(generatedPendingCount(20000, 700));
      expect(hostNetwork).toBe(1400);
    });

    it('finds the pods of one node through the spec.nodeName field selector', async () => {
      const api = core();
      const nodes = await api.listNode({ limit: 1 });
      const node = nodes.items[0].metadata!.name!;
      const onNode = await api.listPodForAllNamespaces({
        fieldSelector: `spec.nodeName=${node}`,
      });
      expect(onNode.items.every(p => p.spec?.nodeName === node)).toBe(true);
      // 2 daemon pods + ceil or floor of 18,600 / 700 app pods
      expect(onNode.items.length).toBeGreaterThanOrEqual(
        2 + Math.floor(18600 / 700),
      );
      expect(onNode.items.length).toBeLessThanOrEqual(
        2 + Math.ceil(18600 / 700),
      );
      const allocatable = Number(nodes.items[0].status?.allocatable?.pods);
      expect(onNode.items.length).toBeLessThanOrEqual(allocatable);
    });

    it('lists a whole namespace without paging', async () => {
      const api = core();
      const namespaces = (await api.listNamespace()).items.map(
        n => n.metadata!.name!,
      );
      const appNamespace = namespaces.find(n => n.endsWith('-prod'))!;
      const pods = await api.listNamespacedPod({ namespace: appNamespace });
      expect(pods.items.length).toBeGreaterThan(0);
      expect(
        pods.items.every(p => p.metadata?.namespace === appNamespace),
      ).toBe(true);
      expect(
        pods.items.every(
          p => p.metadata?.ownerReferences?.[0]?.kind === 'ReplicaSet',
        ),
      ).toBe(true);
    });
  });
});
