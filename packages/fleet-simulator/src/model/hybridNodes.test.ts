import {
  demoScenarioPath,
  loadScenarioFile,
  parseScenario,
} from '../scenario/loadScenario';
import { resourceKey } from './ClusterModel';
import { buildCluster } from './buildCluster';
import { KubeObject } from './ObjectCollection';

function factory() {
  const { scenario, catalog } = loadScenarioFile(demoScenarioPath());
  const cluster = scenario.clusters.find(c => c.name === 'factory-us-west-2')!;
  return buildCluster(cluster, catalog);
}

function all(
  model: ReturnType<typeof factory>,
  group: string,
  plural: string,
): KubeObject[] {
  const collection = model.collection(resourceKey(group, 'v1', plural))!;
  return Array.from({ length: collection.size() }, (_, i) => collection.get(i));
}

describe('EKS Hybrid Nodes in a scenario', () => {
  it('builds hybrid nodes with the compute-type label, no EC2 identity and a pod block each', () => {
    const model = factory();
    const nodes = all(model, '', 'nodes');
    const hybrid = nodes.filter(
      n => n.metadata.labels?.['eks.amazonaws.com/compute-type'] === 'hybrid',
    );
    expect(hybrid).toHaveLength(3);
    expect(hybrid.map(n => (n.spec as any).podCIDRs).sort()).toEqual([
      ['10.201.0.0/25'],
      ['10.201.0.128/25'],
      ['10.201.1.0/25'],
    ]);
    for (const node of hybrid) {
      expect(node.metadata.name).toMatch(/^mi-0[0-9a-f]{16}$/);
      expect(node.metadata.labels).not.toHaveProperty(
        'node.kubernetes.io/instance-type',
      );
      expect((node.spec as any).providerID).toBeUndefined();
    }
    expect(model.instanceTypes.map(t => t.name)).toEqual(['m6i.xlarge']);
  });

  it("runs no aws-node on hybrid nodes and gives their pods addresses of the node's block", () => {
    const model = factory();
    const pods = all(model, '', 'pods');
    const nodes = all(model, '', 'nodes');
    const hybridNames = new Set(
      nodes
        .filter(
          n =>
            n.metadata.labels?.['eks.amazonaws.com/compute-type'] === 'hybrid',
        )
        .map(n => n.metadata.name),
    );
    const onHybrid = pods.filter(p =>
      hybridNames.has((p.spec as any).nodeName),
    );
    expect(
      onHybrid.filter(p => String(p.metadata.name).startsWith('aws-node-')),
    ).toEqual([]);
    const appPods = onHybrid.filter(p => !(p.spec as any).hostNetwork);
    expect(appPods).toHaveLength(33);
    for (const pod of appPods) {
      expect((pod.status as any).podIP).toMatch(/^10\.201\.[01]\./);
    }
    const awsNode = all(model, 'apps', 'daemonsets').find(
      d => d.metadata.name === 'aws-node',
    )!;
    expect((awsNode.status as any).desiredNumberScheduled).toBe(2);
    expect(model.eks.remoteNetwork).toEqual({
      nodeCidrs: ['10.200.0.0/24'],
      podCidrs: ['10.201.0.0/22'],
    });
  });

  it('refuses hybrid node groups without remote networks', () => {
    const text = `
clusters:
  - name: plant
    eks: { accountId: '333344445555', region: us-west-2, version: '{newest}', createdAt: '10 days ago', vpcId: vpc-1 }
    subnets: [{ id: subnet-0a, zone: us-west-2a, cidr: 10.90.0.0/24 }]
    nodeGroups: [{ name: floor, provisioner: hybrid, capacityType: on-demand, instanceTypes: [m5.large], nodes: 1 }]
`;
    expect(() => parseScenario(text)).toThrow(
      /hybrid node group floor but no eks.remoteNetwork/,
    );
  });
});
