import path from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  DescribeSubnetsCommand,
  EC2Client,
  paginateDescribeSubnets,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { FleetSimulator } from './FleetSimulator';
import { startTestFleet } from './testUtils';

// The demo's pci-eu-west-2: security groups for pods and enhanced subnet discovery.
describe('FleetSimulator: security groups for pods and tagged pod subnets', () => {
  let sim: FleetSimulator;
  let stateDir: string;
  let cleanup: () => Promise<void>;
  const VPC = 'vpc-0d4e5f6a7b8c90909';

  beforeAll(async () => {
    ({ sim, stateDir, cleanup } = await startTestFleet());
  });
  afterAll(async () => {
    await cleanup();
  });

  function core() {
    const kc = new KubeConfig();
    kc.loadFromFile(path.join(stateDir, 'kubeconfig'));
    kc.setCurrentContext('pci-eu-west-2');
    return kc.makeApiClient(CoreV1Api);
  }
  const ec2 = () =>
    new EC2Client({
      endpoint: sim.awsEndpoint,
      region: 'eu-west-2',
      credentials: {
        accessKeyId: 'AKIDFLEETSIMULATOR',
        secretAccessKey: 'fleet-simulator-secret',
      },
      maxAttempts: 1,
    });

  it('labels trunk nodes and advertises their branch ENIs; t3 nodes get no trunk', async () => {
    const nodes = (await core().listNode()).items;
    const byType = (t: string) =>
      nodes.filter(
        n => n.metadata?.labels?.['node.kubernetes.io/instance-type'] === t,
      );
    for (const n of [...byType('c5.large'), ...byType('m5.large')]) {
      expect(n.metadata?.labels?.['vpc.amazonaws.com/has-trunk-attached']).toBe(
        'true',
      );
      expect(n.status?.allocatable?.['vpc.amazonaws.com/pod-eni']).toBe('9');
    }
    expect(byType('c5.large')).toHaveLength(3);
    for (const n of byType('t3.large')) {
      expect(n.metadata?.labels).not.toHaveProperty(
        'vpc.amazonaws.com/has-trunk-attached',
      );
      expect(n.status?.allocatable).not.toHaveProperty(
        'vpc.amazonaws.com/pod-eni',
      );
    }
  });

  it('gives pods selected for security groups a pod-eni request and limit', async () => {
    const pods = (
      await core().listNamespacedPod({ namespace: 'card-vault-prod' })
    ).items;
    const vault = pods.filter(p =>
      p.metadata?.name?.startsWith('card-vault-api-'),
    );
    expect(vault).toHaveLength(6);
    for (const p of vault) {
      expect(p.spec?.containers[0].resources).toMatchObject({
        requests: { 'vpc.amazonaws.com/pod-eni': '1' },
        limits: { 'vpc.amazonaws.com/pod-eni': '1' },
      });
    }
    const batch = pods.filter(p =>
      p.metadata?.name?.startsWith('tokenizer-batch-'),
    );
    expect(batch.length).toBeGreaterThan(0);
    expect(
      batch[0].spec?.containers[0].resources?.requests?.[
        'vpc.amazonaws.com/pod-eni'
      ],
    ).toBeUndefined();
  });

  it('finds the VPC’s kubernetes.io/role/cni subnets with vpc-id and tag-key filters, tags included', async () => {
    const pages: Subnet[] = [];
    for await (const page of paginateDescribeSubnets(
      { client: ec2(), pageSize: 5 },
      {
        Filters: [
          { Name: 'vpc-id', Values: [VPC] },
          { Name: 'tag-key', Values: ['kubernetes.io/role/cni'] },
        ],
      },
    )) {
      pages.push(...(page.Subnets ?? []));
    }
    const tagOf = (s: Subnet) =>
      s.Tags?.find(t => t.Key === 'kubernetes.io/role/cni')?.Value;
    expect(pages.map(s => [s.SubnetId, s.AvailabilityZone, tagOf(s)])).toEqual([
      ['subnet-0d4e5f6a7b8c9a919', 'eu-west-2a', '1'],
      ['subnet-0d4e5f6a7b8c9b919', 'eu-west-2b', '0'],
    ]);
    const included = await ec2().send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [VPC] },
          { Name: 'tag:kubernetes.io/role/cni', Values: ['1'] },
        ],
      }),
    );
    expect(included.Subnets?.map(s => s.SubnetId)).toEqual([
      'subnet-0d4e5f6a7b8c9a919',
    ]);
  });
});
