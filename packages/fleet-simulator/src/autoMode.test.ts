import path from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import {
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSubnets,
} from '@aws-sdk/client-ec2';
import { FleetSimulator } from './FleetSimulator';
import { parseCidr, parseIpv4 } from './model/ipv4';
import { startTestFleet } from './testUtils';

const CLUSTER = 'auto-eu-central-1';
const FRAGMENTED = 'subnet-0a1b2c3d4e5f6a808';

describe('the demo fleet’s EKS Auto Mode cluster', () => {
  let sim: FleetSimulator;
  let stateDir: string;
  let cleanup: () => Promise<void>;
  const credentials = {
    accessKeyId: 'AKIDFLEETSIMULATOR',
    secretAccessKey: 'fleet-simulator-secret',
  };
  let ec2: EC2Client;

  beforeAll(async () => {
    ({ sim, stateDir, cleanup } = await startTestFleet());
    ec2 = new EC2Client({
      endpoint: sim.awsEndpoint,
      region: 'eu-central-1',
      credentials,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    ec2.destroy();
    await cleanup();
  });

  function kube() {
    const kc = new KubeConfig();
    kc.loadFromFile(path.join(stateDir, 'kubeconfig'));
    kc.setCurrentContext(CLUSTER);
    return {
      core: kc.makeApiClient(CoreV1Api),
      apps: kc.makeApiClient(AppsV1Api),
    };
  }

  async function enisOf(subnetId: string) {
    const enis = [];
    for await (const page of paginateDescribeNetworkInterfaces(
      { client: ec2, pageSize: 5 },
      { Filters: [{ Name: 'subnet-id', Values: [subnetId] }] },
    )) {
      enis.push(...(page.NetworkInterfaces ?? []));
    }
    return enis;
  }

  it('reports computeConfig in DescribeCluster', async () => {
    const eks = new EKSClient({
      endpoint: sim.awsEndpoint,
      region: 'eu-central-1',
      credentials,
      maxAttempts: 1,
    });
    const { cluster } = await eks.send(
      new DescribeClusterCommand({ name: CLUSTER }),
    );
    eks.destroy();
    expect(cluster?.computeConfig).toEqual({
      enabled: true,
      nodePools: ['general-purpose', 'system'],
      nodeRoleArn: 'arn:aws:iam::111122223333:role/AmazonEKSAutoNodeRole',
    });
  });

  it('labels its nodes compute-type auto with Karpenter labels and runs no aws-node', async () => {
    const { core, apps } = kube();
    const nodes = (await core.listNode()).items;
    expect(nodes).toHaveLength(6);
    for (const node of nodes) {
      expect(node.metadata?.labels).toMatchObject({
        'eks.amazonaws.com/compute-type': 'auto',
        'karpenter.sh/capacity-type':
          expect.stringMatching(/^(spot|on-demand)$/),
        'karpenter.sh/nodepool': expect.stringMatching(
          /^(system|general-purpose)$/,
        ),
      });
    }
    const daemonSets = await apps.listNamespacedDaemonSet({
      namespace: 'kube-system',
    });
    expect(daemonSets.items.map(d => d.metadata?.name)).not.toContain(
      'aws-node',
    );
  });

  it('lists every pod address of a subnet on its ENIs, and the ENIs account for every used address', async () => {
    const { Subnets } = await ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: [FRAGMENTED] }),
    );
    const subnet = Subnets![0];
    const enis = await enisOf(FRAGMENTED);
    const held = new Set<string>();
    let prefixAddresses = 0;
    for (const eni of enis) {
      for (const a of eni.PrivateIpAddresses ?? [])
        held.add(a.PrivateIpAddress!);
      for (const p of eni.Ipv4Prefixes ?? []) {
        const { base, size } = parseCidr(p.Ipv4Prefix!);
        prefixAddresses += size;
        for (let i = 0; i < size; i++) held.add(`${base + i}`);
      }
    }
    const cidr = parseCidr(subnet.CidrBlock!);
    expect(held.size).toBe(cidr.size - 5 - subnet.AvailableIpAddressCount!);
    expect(prefixAddresses).toBeGreaterThan(0);

    const pods = (await kube().core.listPodForAllNamespaces()).items.filter(
      p =>
        p.status?.podIP &&
        parseIpv4(p.status.podIP) >= cidr.base &&
        parseIpv4(p.status.podIP) < cidr.base + cidr.size,
    );
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      const ip = pod.status!.podIP!;
      const inPrefix = enis.some(e =>
        (e.Ipv4Prefixes ?? []).some(p => {
          const { base, size } = parseCidr(p.Ipv4Prefix!);
          return parseIpv4(ip) >= base && parseIpv4(ip) < base + size;
        }),
      );
      const single = held.has(ip);
      expect(inPrefix || single).toBe(true);
    }
  });

  it('lists on ENIs every address AvailableIpAddressCount counts as used, in every demo cluster', async () => {
    const regions = [...new Set(sim.clusters().map(c => c.region))];
    let subnets = 0;
    for (const region of regions) {
      const client = new EC2Client({
        endpoint: sim.awsEndpoint,
        region,
        credentials,
        maxAttempts: 1,
      });
      for await (const page of paginateDescribeSubnets({ client }, {})) {
        for (const subnet of page.Subnets ?? []) {
          const enis = [];
          for await (const enisPage of paginateDescribeNetworkInterfaces(
            { client },
            { Filters: [{ Name: 'subnet-id', Values: [subnet.SubnetId!] }] },
          )) {
            enis.push(...(enisPage.NetworkInterfaces ?? []));
          }
          const held = enis.reduce(
            (sum, eni) =>
              sum +
              (eni.PrivateIpAddresses ?? []).length +
              (eni.Ipv4Prefixes ?? []).length * 16,
            0,
          );
          const cidr = parseCidr(subnet.CidrBlock!);
          expect({ subnet: subnet.SubnetId, held }).toEqual({
            subnet: subnet.SubnetId,
            held: cidr.size - 5 - subnet.AvailableIpAddressCount!,
          });
          subnets += 1;
        }
      }
      client.destroy();
    }
    expect(subnets).toBeGreaterThan(20);
  });

  it('leaves free addresses but no free /28 block in the fragmented subnet, so pods fall back to single addresses', async () => {
    const { Subnets } = await ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: [FRAGMENTED] }),
    );
    const subnet = Subnets![0];
    expect(subnet.AvailableIpAddressCount).toBeGreaterThan(150);
    const cidr = parseCidr(subnet.CidrBlock!);
    const takenBlocks = new Set<number>([0, cidr.size / 16 - 1]);
    const enis = await enisOf(FRAGMENTED);
    for (const eni of enis) {
      for (const a of eni.PrivateIpAddresses ?? []) {
        takenBlocks.add(
          Math.floor((parseIpv4(a.PrivateIpAddress!) - cidr.base) / 16),
        );
      }
      for (const p of eni.Ipv4Prefixes ?? []) {
        takenBlocks.add(
          Math.floor((parseCidr(p.Ipv4Prefix!).base - cidr.base) / 16),
        );
      }
    }
    expect(takenBlocks.size).toBe(cidr.size / 16);
    // Some node's pods hold single secondary addresses beside its primary.
    expect(
      enis.some(e => e.Attachment && (e.PrivateIpAddresses ?? []).length > 1),
    ).toBe(true);
  });

  it('answers DescribeNetworkInterfaces errors the way EC2 does', async () => {
    await expect(
      ec2.send(
        new DescribeNetworkInterfacesCommand({
          NetworkInterfaceIds: ['eni-0000000000000000f'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidNetworkInterfaceID.NotFound' });
    await expect(
      ec2.send(
        new DescribeNetworkInterfacesCommand({
          Filters: [{ Name: 'colour', Values: ['blue'] }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});
