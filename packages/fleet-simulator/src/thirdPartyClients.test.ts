import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  DescribeUpdateCommand,
  EKSClient,
  paginateListUpdates,
} from '@aws-sdk/client-eks';
import { FleetSimulator } from './FleetSimulator';
import { startTestFleet } from './testUtils';

const run = promisify(execFile);

/** Finds an executable on PATH (or at a known location); a missing tool fails the test. */
function findTool(name: string, known: string[]): string {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const candidates = [...known, ...dirs.map(d => path.join(d, name))];
  const found = candidates.find(c => {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) {
    throw new Error(
      `${name} is required for this test but was not found on PATH or at ${known.join(
        ', ',
      )}`,
    );
  }
  return found;
}

describe('the simulator driven by real third-party clients', () => {
  let sim: FleetSimulator;
  let stateDir: string;
  let cleanup: () => Promise<void>;
  const kubectl = findTool('kubectl', ['/usr/bin/kubectl']);
  const aws = findTool('aws', ['/root/.pyenv/shims/aws']);

  beforeAll(async () => {
    ({ sim, stateDir, cleanup } = await startTestFleet());
  });

  afterAll(async () => {
    await cleanup();
  });

  const kubeArgs = (context: string, ...args: string[]) => [
    '--kubeconfig',
    path.join(stateDir, 'kubeconfig'),
    '--context',
    context,
    ...args,
  ];

  const awsEnv = (region: string) => ({
    ...process.env,
    AWS_ACCESS_KEY_ID: 'AKIDFLEETSIMULATOR',
    AWS_SECRET_ACCESS_KEY: 'fleet-simulator-secret',
    AWS_DEFAULT_REGION: region,
    AWS_REGION: region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  });

  /** The kubelet patch version the catalog gives the cluster's control-plane version. */
  const kubeletPatch = (cluster: string) => {
    const version = sim.cluster(cluster).kubernetesVersion;
    return sim.catalog.versions.find(v => v.version === version)!.patch;
  };

  /** `aws eks describe-cluster` against the simulator, parsed. */
  const describeCluster = async (name: string, region: string) => {
    const { stdout } = await run(
      aws,
      [
        ...['--endpoint-url', sim.awsEndpoint, 'eks', 'describe-cluster'],
        ...['--name', name, '--output', 'json'],
      ],
      { env: awsEnv(region), timeout: 60000 },
    );
    return JSON.parse(stdout).cluster;
  };

  it('kubectl get nodes lists every node of the cluster', async () => {
    const { stdout } = await run(
      kubectl,
      kubeArgs('prod-eu-west-1', 'get', 'nodes', '--no-headers'),
      { timeout: 30000 },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(sim.cluster('prod-eu-west-1').nodeCount);
    expect(lines[0]).toMatch(
      new RegExp(
        `^ip-10-10-\\d+-\\d+\\.eu-west-1\\.compute\\.internal\\s+Ready\\s+<none>\\s+\\S+\\s+v${kubeletPatch(
          'prod-eu-west-1',
        ).replace(/\./g, '\\.')}-eks-`,
      ),
    );
  });

  it('kubectl get pods -A --chunk-size=500 -o name pages through every pod', async () => {
    const { stdout } = await run(
      kubectl,
      kubeArgs(
        'staging-eu-west-1',
        'get',
        'pods',
        '-A',
        '--chunk-size=500',
        '-o',
        'name',
      ),
      { timeout: 30000 },
    );
    const names = stdout.trim().split('\n');
    expect(names).toHaveLength(sim.cluster('staging-eu-west-1').podCount);
    expect(names.every(n => n.startsWith('pod/'))).toBe(true);
  });

  it('kubectl pages with small chunks and shows IP-starved pods as ContainerCreating', async () => {
    sim.requestLog.reset();
    const { stdout } = await run(
      kubectl,
      kubeArgs(
        'staging-eu-west-1',
        'get',
        'pods',
        '-A',
        '--chunk-size=4',
        '--no-headers',
      ),
      { timeout: 30000 },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(sim.cluster('staging-eu-west-1').podCount);
    expect(lines.filter(l => /\sContainerCreating\s/.test(l))).toHaveLength(6);
    expect(
      sim.requestLog.count({
        cluster: 'staging-eu-west-1',
        path: '/api/v1/pods',
      }),
    ).toBe(Math.ceil(sim.cluster('staging-eu-west-1').podCount / 4));
  });

  it('kubectl creates a namespace from a JSON manifest, and is told plainly that protobuf bodies are not served', async () => {
    const name = 'inventory-api-dev';
    const child = execFile(
      kubectl,
      kubeArgs('checkout-blue', 'create', '--validate=false', '-f', '-'),
      { timeout: 30000 },
    );
    const created = new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', chunk => {
        out += chunk;
      });
      child.on('error', reject);
      child.on('exit', code =>
        code === 0 ? resolve(out) : reject(new Error(`kubectl exited ${code}`)),
      );
    });
    child.stdin!.end(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      }),
    );
    expect(await created).toContain(`namespace/${name} created`);
    const { stdout } = await run(
      kubectl,
      kubeArgs('checkout-blue', 'get', 'namespace', name, '-o', 'name'),
      { timeout: 30000 },
    );
    expect(stdout.trim()).toBe(`namespace/${name}`);

    // `kubectl create namespace` encodes built-in kinds as protobuf.
    await expect(
      run(kubectl, kubeArgs('checkout-blue', 'create', 'namespace', 'x-dev'), {
        timeout: 30000,
      }),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'Error from server (UnsupportedMediaType): the fleet simulator only accepts application/json, not application/vnd.kubernetes.protobuf',
      ),
    });
  });

  it('aws eks describe-cluster returns the scenario cluster', async () => {
    const cluster = await describeCluster('legacy-eu-west-1', 'eu-west-1');
    expect(cluster).toMatchObject({
      name: 'legacy-eu-west-1',
      version: sim.cluster('legacy-eu-west-1').kubernetesVersion,
      status: 'ACTIVE',
      endpoint: sim.cluster('legacy-eu-west-1').url,
      arn: 'arn:aws:eks:eu-west-1:333344445555:cluster/legacy-eu-west-1',
    });
  });

  it('kubectl and aws read the hybrid cluster: hybrid nodes by label, remoteNetworkConfig', async () => {
    const { stdout: nodes } = await run(
      kubectl,
      kubeArgs(
        'factory-us-west-2',
        'get',
        'nodes',
        '-l',
        'eks.amazonaws.com/compute-type=hybrid',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name} {.spec.podCIDR}{"\\n"}{end}',
      ),
      { timeout: 30000 },
    );
    const lines = nodes.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^mi-0[0-9a-f]{16} 10\.201\.\d+\.\d+\/25$/);
    const cluster = await describeCluster('factory-us-west-2', 'us-west-2');
    expect(cluster.remoteNetworkConfig).toEqual({
      remoteNodeNetworks: [{ cidrs: ['10.200.0.0/24'] }],
      remotePodNetworks: [{ cidrs: ['10.201.0.0/22'] }],
    });
  });

  it('aws eks describe-cluster-versions returns the support calendar', async () => {
    const { stdout } = await run(
      aws,
      [
        '--endpoint-url',
        sim.awsEndpoint,
        'eks',
        'describe-cluster-versions',
        '--include-all',
        '--output',
        'json',
      ],
      { env: awsEnv('eu-west-1'), timeout: 60000 },
    );
    const versions = JSON.parse(stdout).clusterVersions;
    expect(
      versions.map((v: { clusterVersion: string }) => v.clusterVersion),
    ).toEqual(sim.catalog.versions.map(v => v.version));
    const v131 = versions.find(
      (v: { clusterVersion: string }) => v.clusterVersion === '1.31',
    );
    expect(
      new Date(v131.endOfExtendedSupportDate * 1000).toISOString().slice(0, 10),
    ).toBe('2026-11-26');
  });

  const DAY = 86_400_000;
  /** checkout-green's updates as the demo scenario gives them, computed from the clock. */
  const greenUpdates = () => {
    const version = sim.cluster('checkout-green').kubernetesVersion;
    const daysAgo = (ms: number) => Math.round((Date.now() - ms) / DAY);
    return { version, daysAgo };
  };

  it('aws eks list-updates pages through the update ids and describe-update returns the in-place upgrade', async () => {
    const cli = async (...args: string[]) =>
      JSON.parse(
        (
          await run(
            aws,
            [
              '--endpoint-url',
              sim.awsEndpoint,
              'eks',
              ...args,
              '--output',
              'json',
            ],
            { env: awsEnv('eu-central-1'), timeout: 60000 },
          )
        ).stdout,
      );
    sim.requestLog.reset();
    const { updateIds } = await cli(
      'list-updates',
      '--name',
      'checkout-green',
      '--page-size',
      '1',
    );
    expect(updateIds).toHaveLength(3);
    // --page-size 1: the CLI followed nextToken once per update.
    expect(
      sim.requestLog.count({
        cluster: 'checkout-green',
        operation: 'ListUpdates',
      }),
    ).toBe(3);
    const updates = await Promise.all(
      updateIds.map(
        async (id: string) =>
          (
            await cli(
              'describe-update',
              '--name',
              'checkout-green',
              '--update-id',
              id,
            )
          ).update,
      ),
    );
    const { version, daysAgo } = greenUpdates();
    const upgrade = updates.find(
      u => u.type === 'VersionUpdate' && u.status === 'Successful',
    );
    expect(upgrade.params).toEqual(
      expect.arrayContaining([{ type: 'Version', value: version }]),
    );
    // aws CLI v1 prints timestamps as epoch seconds, v2 as ISO text.
    const createdAt =
      typeof upgrade.createdAt === 'number'
        ? upgrade.createdAt * 1000
        : Date.parse(upgrade.createdAt);
    expect(daysAgo(createdAt)).toBe(3);
    const failed = updates.find(u => u.status === 'Failed');
    expect(failed).toMatchObject({ type: 'VersionUpdate' });
    expect(failed.errors[0].errorMessage).toMatch(/did not complete/);
    await expect(
      cli('describe-update', '--name', 'checkout-green', '--update-id', 'nope'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('ResourceNotFoundException'),
    });
  });

  it('AWS SDK v3 pages ListUpdates and reads DescribeUpdate with dates', async () => {
    const eks = new EKSClient({
      endpoint: sim.awsEndpoint,
      region: 'eu-central-1',
      credentials: {
        accessKeyId: 'AKIDFLEETSIMULATOR',
        secretAccessKey: 'fleet-simulator-secret',
      },
    });
    const ids: string[] = [];
    for await (const page of paginateListUpdates(
      { client: eks, pageSize: 2 },
      { name: 'checkout-green' },
    )) {
      expect(page.updateIds!.length).toBeLessThanOrEqual(2);
      ids.push(...page.updateIds!);
    }
    expect(new Set(ids).size).toBe(3);
    const types = [];
    const upgradedAt: string[] = [];
    for (const updateId of ids) {
      const { update } = await eks.send(
        new DescribeUpdateCommand({ name: 'checkout-green', updateId }),
      );
      expect(update!.createdAt).toBeInstanceOf(Date);
      types.push(`${update!.type}:${update!.status}`);
      if (update!.type === 'VersionUpdate' && update!.status === 'Successful')
        upgradedAt.push(update!.createdAt!.toISOString());
    }
    // fleet.json names the time of the in-place upgrade, for tests of the rollback window.
    expect(upgradedAt).toEqual([sim.cluster('checkout-green').upgradedAt]);
    expect(types.sort()).toEqual([
      'LoggingUpdate:Successful',
      'VersionUpdate:Failed',
      'VersionUpdate:Successful',
    ]);
    // A cluster that was never upgraded lists none.
    const none = [];
    for await (const page of paginateListUpdates(
      { client: eks },
      { name: 'checkout-blue' },
    )) {
      none.push(...(page.updateIds ?? []));
    }
    expect(none).toEqual([]);
    eks.destroy();
  });

  it('aws ec2 describe-subnets returns the pod subnets with their free addresses', async () => {
    const { stdout } = await run(
      aws,
      [
        '--endpoint-url',
        sim.awsEndpoint,
        'ec2',
        'describe-subnets',
        '--filters',
        'Name=tag:kubernetes.io/cluster/staging-eu-west-1,Values=shared',
        '--output',
        'json',
      ],
      { env: awsEnv('eu-west-1'), timeout: 60000 },
    );
    const subnets = JSON.parse(stdout).Subnets;
    expect(subnets).toHaveLength(3);
    expect(
      subnets.map(
        (s: { AvailableIpAddressCount: number }) => s.AvailableIpAddressCount,
      ),
    ).toEqual([7, 3, 9]);
  });

  it('aws CLI with a wrong secret is refused', async () => {
    await expect(
      run(aws, ['--endpoint-url', sim.awsEndpoint, 'eks', 'list-clusters'], {
        env: {
          ...awsEnv('eu-west-1'),
          AWS_SECRET_ACCESS_KEY: 'wrong',
          AWS_MAX_ATTEMPTS: '1',
        },
        timeout: 60000,
      }),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('InvalidSignatureException'),
    });
  });

  it('kubectl reads the Auto Mode cluster: compute-type auto nodes, no aws-node', async () => {
    const { stdout } = await run(
      kubectl,
      kubeArgs(
        'auto-eu-central-1',
        'get',
        'nodes',
        '--no-headers',
        '-L',
        'eks.amazonaws.com/compute-type,karpenter.sh/capacity-type',
      ),
      { timeout: 30000 },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(sim.cluster('auto-eu-central-1').nodeCount);
    for (const line of lines)
      expect(line).toMatch(/\sauto\s+(spot|on-demand)$/);
    await expect(
      run(
        kubectl,
        kubeArgs(
          'auto-eu-central-1',
          'get',
          'daemonset',
          'aws-node',
          '-n',
          'kube-system',
        ),
        { timeout: 30000 },
      ),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('NotFound') });
  });

  it('aws CLI reads Auto Mode: computeConfig, the ENIs of a subnet and its CIDR reservations', async () => {
    const awsJson = async (...args: string[]) =>
      JSON.parse(
        (
          await run(
            aws,
            ['--endpoint-url', sim.awsEndpoint, ...args, '--output', 'json'],
            { env: awsEnv('eu-central-1'), timeout: 60000 },
          )
        ).stdout,
      );
    const { cluster } = await awsJson(
      'eks',
      'describe-cluster',
      '--name',
      'auto-eu-central-1',
    );
    expect(cluster.computeConfig).toEqual({
      enabled: true,
      nodePools: ['general-purpose', 'system'],
      nodeRoleArn: 'arn:aws:iam::111122223333:role/AmazonEKSAutoNodeRole',
    });
    const { NetworkInterfaces } = await awsJson(
      'ec2',
      'describe-network-interfaces',
      '--filters',
      'Name=subnet-id,Values=subnet-0a1b2c3d4e5f6a808',
    );
    expect(NetworkInterfaces.length).toBeGreaterThan(13);
    const nodeEni = NetworkInterfaces.find(
      (e: { Ipv4Prefixes?: unknown[] }) => (e.Ipv4Prefixes ?? []).length > 0,
    );
    expect(nodeEni).toMatchObject({
      SubnetId: 'subnet-0a1b2c3d4e5f6a808',
      InterfaceType: 'interface',
      Attachment: { DeviceIndex: 0, Status: 'attached' },
      Ipv4Prefixes: [
        { Ipv4Prefix: expect.stringMatching(/^10\.80\.0\.\d+\/28$/) },
      ],
    });
    const { SubnetIpv4CidrReservations } = await awsJson(
      'ec2',
      'get-subnet-cidr-reservations',
      '--subnet-id',
      'subnet-0a1b2c3d4e5f6b808',
    );
    expect(SubnetIpv4CidrReservations).toMatchObject([
      {
        Cidr: '10.80.7.0/26',
        ReservationType: 'prefix',
        SubnetId: 'subnet-0a1b2c3d4e5f6b808',
      },
    ]);
  });
});
