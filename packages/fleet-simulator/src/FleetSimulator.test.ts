import path from 'node:path';
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  V1Pod,
} from '@kubernetes/client-node';
import {
  DescribeClusterCommand,
  DescribeInsightCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListClustersCommand,
  ListInsightsCommand,
  ListNodegroupsCommand,
  paginateDescribeClusterVersions,
  paginateListAddons,
} from '@aws-sdk/client-eks';
import {
  DescribeSubnetsCommand,
  EC2Client,
  paginateDescribeInstanceTypes,
} from '@aws-sdk/client-ec2';
import { FleetSimulator } from './FleetSimulator';
import { shiftMinor, versionAtPlace } from './scenario/calendar';
import { demoScenarioPath, loadScenarioFile } from './scenario/loadScenario';
import { kubeGet, startTestFleet } from './testUtils';

describe('FleetSimulator with the demo fleet', () => {
  let sim: FleetSimulator;
  let stateDir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ sim, stateDir, cleanup } = await startTestFleet());
  });

  afterAll(async () => {
    await cleanup();
  });

  afterEach(() => {
    sim.faults.clear();
  });

  function kube(context: string) {
    const kc = new KubeConfig();
    kc.loadFromFile(path.join(stateDir, 'kubeconfig'));
    kc.setCurrentContext(context);
    return {
      core: kc.makeApiClient(CoreV1Api),
      apps: kc.makeApiClient(AppsV1Api),
      custom: kc.makeApiClient(CustomObjectsApi),
    };
  }

  const credentials = {
    accessKeyId: 'AKIDFLEETSIMULATOR',
    secretAccessKey: 'fleet-simulator-secret',
  };
  const eks = (region: string, extra: Record<string, unknown> = {}) =>
    new EKSClient({
      endpoint: sim.awsEndpoint,
      region,
      credentials,
      maxAttempts: 1,
      ...extra,
    });
  const ec2 = (region: string) =>
    new EC2Client({
      endpoint: sim.awsEndpoint,
      region,
      credentials,
      maxAttempts: 1,
    });

  /** The aws-node container's env of a cluster's DaemonSet, by name. */
  async function awsNodeEnv(context: string) {
    const ds = await kube(context).apps.readNamespacedDaemonSet({
      name: 'aws-node',
      namespace: 'kube-system',
    });
    return Object.fromEntries(
      (
        ds.spec?.template.spec?.containers.find(c => c.name === 'aws-node')
          ?.env ?? []
      ).map(e => [e.name, e.value]),
    );
  }

  async function listAllPods(
    core: CoreV1Api,
    limit: number,
    extra: { fieldSelector?: string } = {},
  ) {
    const pods: V1Pod[] = [];
    let pages = 0;
    let token: string | undefined;
    do {
      const page = await core.listPodForAllNamespaces({
        limit,
        _continue: token,
        ...extra,
      });
      pods.push(...page.items);
      token = page.metadata?._continue;
      pages += 1;
    } while (token);
    return { pods, pages };
  }

  it('lists the demo clusters in the documented order', () => {
    const { scenario } = loadScenarioFile(demoScenarioPath());
    const names = sim.clusters().map(c => c.name);
    expect(names).toEqual(scenario.clusters.map(c => c.name));
    expect(names.slice(0, 7)).toEqual([
      'prod-eu-west-1',
      'prod-us-east-1',
      'prod-ap-south-1',
      'staging-eu-west-1',
      'legacy-eu-west-1',
      'checkout-blue',
      'checkout-green',
    ]);
  });

  it('serves nodes with capacity labels, max pods and taints to @kubernetes/client-node', async () => {
    const { core } = kube('prod-eu-west-1');
    const nodes = (await core.listNode()).items;
    expect(nodes).toHaveLength(20);
    const spot = nodes.filter(
      n =>
        n.metadata?.labels?.['karpenter.sh/capacity-type'] === 'spot' ||
        n.metadata?.labels?.['eks.amazonaws.com/capacityType'] === 'SPOT' ||
        n.metadata?.labels?.['spotinst.io/node-lifecycle'] === 'spot',
    );
    expect(spot).toHaveLength(15);
    const m5xlarge = nodes.find(
      n =>
        n.metadata?.labels?.['node.kubernetes.io/instance-type'] ===
          'm5.xlarge' &&
        n.metadata?.labels?.['eks.amazonaws.com/nodegroup'] === 'system-od',
    );
    expect(m5xlarge?.status?.capacity?.pods).toBe('58');
    expect(m5xlarge?.metadata?.labels?.['topology.kubernetes.io/zone']).toMatch(
      /^eu-west-1[abc]$/,
    );
    const taints = nodes
      .flatMap(n => n.spec?.taints ?? [])
      .map(t => `${t.key}:${t.effect}`);
    expect(taints).toContain('karpenter.sh/disrupted:NoSchedule');
    expect(taints).toContain(
      'aws-node-termination-handler/spot-itn:NoSchedule',
    );
  });

  it('applies prefix delegation and custom networking to max pods', async () => {
    const pd = (await kube('prod-us-east-1').core.listNode()).items;
    const m5large = pd.find(
      n =>
        n.metadata?.labels?.['node.kubernetes.io/instance-type'] === 'm5.large',
    );
    expect(m5large?.status?.allocatable?.pods).toBe('110');

    const cn = (await kube('prod-ap-south-1').core.listNode()).items;
    const m5xlarge = cn.find(
      n =>
        n.metadata?.labels?.['node.kubernetes.io/instance-type'] ===
        'm5.xlarge',
    );
    // (4 ENIs - 1 for the primary) x (15 - 1) + 2
    expect(m5xlarge?.status?.allocatable?.pods).toBe('44');
  });

  it('pages pods with limit/continue and the totals match the scenario', async () => {
    const { core } = kube('prod-eu-west-1');
    const { pods, pages } = await listAllPods(core, 7);
    const expected = sim.cluster('prod-eu-west-1').podCount;
    expect(pods).toHaveLength(expected);
    expect(pages).toBe(Math.ceil(expected / 7));
    expect(
      new Set(pods.map(p => `${p.metadata?.namespace}/${p.metadata?.name}`))
        .size,
    ).toBe(expected);
    const hostNetwork = pods.filter(p => p.spec?.hostNetwork);
    expect(hostNetwork).toHaveLength(40); // aws-node + kube-proxy on 20 nodes
    const payments = pods.filter(
      p =>
        p.metadata?.namespace === 'payments-prod' &&
        p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet',
    );
    expect(payments).toHaveLength(8);
    expect(payments[0].spec?.initContainers?.[0]?.name).toBe('migrate');
    expect(payments[0].spec?.containers[0].resources?.requests).toEqual({
      cpu: '500m',
      memory: '512Mi',
    });
  });

  it('filters pods by namespace, label selector and field selectors', async () => {
    const { core } = kube('staging-eu-west-1');
    const pending = await core.listPodForAllNamespaces({
      fieldSelector: 'status.phase=Pending',
    });
    expect(pending.items).toHaveLength(6);
    expect(pending.items.every(p => p.status?.podIP === undefined)).toBe(true);

    const ledger = await core.listNamespacedPod({
      namespace: 'ledger-stg',
      labelSelector:
        'app.kubernetes.io/name=ledger-api,backstage.io/kubernetes-id in (ledger-api)',
    });
    expect(ledger.items).toHaveLength(7);

    const node = pending.items[0].spec!.nodeName!;
    const onNode = await core.listPodForAllNamespaces({
      fieldSelector: `spec.nodeName=${node}`,
    });
    expect(onNode.items.length).toBeGreaterThan(2);
    expect(onNode.items.every(p => p.spec?.nodeName === node)).toBe(true);
  });

  it('reports IP assignment failures as events', async () => {
    const { core } = kube('staging-eu-west-1');
    const events = await core.listEventForAllNamespaces({
      fieldSelector: 'reason=FailedCreatePodSandBox',
    });
    expect(events.items).toHaveLength(6);
    expect(events.items[0].message).toContain(
      'failed to assign an IP address to container',
    );
    expect(events.items[0].type).toBe('Warning');
  });

  it('serves the aws-node DaemonSet with its CNI env and the ENIConfigs', async () => {
    expect(await awsNodeEnv('prod-us-east-1')).toMatchObject({
      ENABLE_PREFIX_DELEGATION: 'true',
      WARM_ENI_TARGET: '1',
      WARM_PREFIX_TARGET: '1',
      AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'false',
    });
    const staging = await kube(
      'staging-eu-west-1',
    ).apps.readNamespacedDaemonSet({
      name: 'aws-node',
      namespace: 'kube-system',
    });
    const stagingEnv = Object.fromEntries(
      (staging.spec?.template.spec?.containers[0].env ?? []).map(e => [
        e.name,
        e.value,
      ]),
    );
    expect(stagingEnv).toMatchObject({
      WARM_IP_TARGET: '5',
      MINIMUM_IP_TARGET: '10',
    });

    const eniConfigs = (await kube(
      'prod-ap-south-1',
    ).custom.listClusterCustomObject({
      group: 'crd.k8s.amazonaws.com',
      version: 'v1alpha1',
      plural: 'eniconfigs',
    })) as {
      items: { metadata: { name: string }; spec: { subnet: string } }[];
    };
    expect(eniConfigs.items.map(e => e.metadata.name)).toEqual([
      'ap-south-1a',
      'ap-south-1b',
      'ap-south-1c',
    ]);
  });

  it('serves workloads for the Backstage Kubernetes tab and empty lists for kinds it has none of', async () => {
    const { core, apps } = kube('checkout-blue');
    const selector = 'backstage.io/kubernetes-id=checkout-api';
    expect(
      (await apps.listDeploymentForAllNamespaces({ labelSelector: selector }))
        .items,
    ).toHaveLength(1);
    expect(
      (await apps.listReplicaSetForAllNamespaces({ labelSelector: selector }))
        .items,
    ).toHaveLength(1);
    expect(
      (await core.listServiceForAllNamespaces({ labelSelector: selector }))
        .items[0].spec?.ports?.[0],
    ).toMatchObject({ name: 'grpc', appProtocol: 'grpc' });
    expect(
      (await core.listConfigMapForAllNamespaces({ labelSelector: selector }))
        .items,
    ).toEqual([]);
    const hpa = await kubeGet(
      `${
        sim.cluster('checkout-blue').url
      }/apis/autoscaling/v2/namespaces/checkout-prod/horizontalpodautoscalers?labelSelector=${encodeURIComponent(
        selector,
      )}`,
      sim.caPem,
      sim.cluster('checkout-blue').token,
    );
    expect(JSON.parse(hpa.body).items[0].spec.maxReplicas).toBe(16);
    const jobs = await kubeGet(
      `${sim.cluster('checkout-blue').url}/apis/batch/v1/jobs`,
      sim.caPem,
      sim.cluster('checkout-blue').token,
    );
    expect(JSON.parse(jobs.body)).toMatchObject({ kind: 'JobList', items: [] });
  });

  it('creates namespaces and refuses a duplicate', async () => {
    const { core } = kube('checkout-green');
    const created = await core.createNamespace({
      body: { metadata: { name: 'checkout-canary' } },
    });
    expect(created.status?.phase).toBe('Active');
    await expect(
      core.createNamespace({ body: { metadata: { name: 'checkout-canary' } } }),
    ).rejects.toMatchObject({ code: 409 });
    const names = (await core.listNamespace()).items.map(n => n.metadata?.name);
    expect(names).toContain('checkout-canary');
  });

  it('answers 401 without a token or with a wrong one', async () => {
    const { url, token } = sim.cluster('prod-eu-west-1');
    expect((await kubeGet(`${url}/api/v1/nodes`, sim.caPem)).status).toBe(401);
    const wrong = await kubeGet(`${url}/api/v1/nodes`, sim.caPem, `${token}x`);
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      code: 401,
    });
    expect((await kubeGet(`${url}/version`, sim.caPem, token)).status).toBe(
      200,
    );
  });

  it('answers 410 Gone for an expired continue token', async () => {
    const { url, token } = sim.cluster('prod-eu-west-1');
    const first = JSON.parse(
      (await kubeGet(`${url}/api/v1/pods?limit=5`, sim.caPem, token)).body,
    );
    const old = JSON.parse(
      Buffer.from(first.metadata.continue, 'base64url').toString(),
    );
    old.t -= 301 * 1000;
    const expired = Buffer.from(JSON.stringify(old)).toString('base64url');
    const gone = await kubeGet(
      `${url}/api/v1/pods?limit=5&continue=${expired}`,
      sim.caPem,
      token,
    );
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.body)).toMatchObject({
      reason: 'Expired',
      code: 410,
    });
  });

  it('describes clusters, versions, node groups and insights to the AWS SDK v3', async () => {
    const client = eks('eu-west-1');
    const listed = await client.send(new ListClustersCommand({}));
    expect(listed.clusters).toEqual([
      'legacy-eu-west-1',
      'prod-eu-west-1',
      'staging-eu-west-1',
    ]);

    const { cluster } = await client.send(
      new DescribeClusterCommand({ name: 'legacy-eu-west-1' }),
    );
    // The legacy cluster runs the newest version past its end of extended support, on any day.
    const legacy = versionAtPlace(sim.catalog, 'unsupported', new Date());
    expect(cluster).toMatchObject({
      version: legacy,
      status: 'ACTIVE',
      upgradePolicy: { supportType: 'EXTENDED' },
    });
    expect(cluster?.endpoint).toBe(sim.cluster('legacy-eu-west-1').url);
    expect(cluster?.createdAt).toBeInstanceOf(Date);

    const versions = [];
    for await (const page of paginateDescribeClusterVersions(
      { client, pageSize: 2 },
      { includeAll: true },
    )) {
      versions.push(...(page.clusterVersions ?? []));
    }
    // Every minor from the newest down to 1.28, newest first, with AWS's published dates.
    const minors = versions.map(v => Number(v.clusterVersion!.split('.')[1]));
    expect(minors.at(-1)).toBe(28);
    expect(minors).toEqual(minors.map((_, i) => minors[0] - i));
    const v131 = versions.find(v => v.clusterVersion === '1.31');
    expect(v131?.endOfExtendedSupportDate?.toISOString()).toBe(
      '2026-11-26T00:00:00.000Z',
    );
    const v132 = versions.find(v => v.clusterVersion === '1.32');
    expect(v132?.endOfStandardSupportDate?.toISOString()).toBe(
      '2026-03-23T00:00:00.000Z',
    );
    expect(versions.find(v => v.clusterVersion === legacy)?.versionStatus).toBe(
      'UNSUPPORTED',
    );

    const groups = await client.send(
      new ListNodegroupsCommand({ clusterName: 'legacy-eu-west-1' }),
    );
    expect(groups.nodegroups).toEqual(['core-al2023', 'legacy-al2']);
    const { nodegroup } = await client.send(
      new DescribeNodegroupCommand({
        clusterName: 'legacy-eu-west-1',
        nodegroupName: 'legacy-al2',
      }),
    );
    expect(nodegroup).toMatchObject({
      version: shiftMinor(legacy, -3),
      amiType: 'AL2_x86_64',
      capacityType: 'ON_DEMAND',
    });

    const insights = await client.send(
      new ListInsightsCommand({
        clusterName: 'legacy-eu-west-1',
        filter: { statuses: ['ERROR'], categories: ['UPGRADE_READINESS'] },
      }),
    );
    expect(insights.insights?.map(i => i.name)).toContain(
      'Kubelet version skew',
    );
    const deprecated = insights.insights!.find(i =>
      i.name?.startsWith('Deprecated APIs'),
    )!;
    const detail = await client.send(
      new DescribeInsightCommand({
        clusterName: 'legacy-eu-west-1',
        id: deprecated.id!,
      }),
    );
    expect(
      detail.insight?.categorySpecificSummary?.deprecationDetails?.[0].usage,
    ).toBe('/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas');

    const addons: string[] = [];
    for await (const page of paginateListAddons(
      { client, pageSize: 2 },
      { clusterName: 'prod-eu-west-1' },
    )) {
      addons.push(...(page.addons ?? []));
    }
    expect(addons).toHaveLength(5);
  });

  it('runs checkout-green on IPv6: EKS says so, aws-node gives pods IPv6 addresses, the subnets hold only node addresses', async () => {
    const { cluster } = await eks('eu-central-1').send(
      new DescribeClusterCommand({ name: 'checkout-green' }),
    );
    expect(cluster?.kubernetesNetworkConfig).toMatchObject({
      ipFamily: 'ipv6',
      serviceIpv6Cidr: expect.stringMatching(/^fd[0-9a-f]{2}:.*::\/108$/),
    });
    expect(cluster?.kubernetesNetworkConfig?.serviceIpv4Cidr).toBeUndefined();
    const { core } = kube('checkout-green');
    expect(await awsNodeEnv('checkout-green')).toMatchObject({
      ENABLE_IPv6: 'true',
      ENABLE_IPv4: 'false',
      ENABLE_PREFIX_DELEGATION: 'true',
    });
    const pods = await core.listNamespacedPod({ namespace: 'checkout-prod' });
    expect(pods.items.length).toBeGreaterThan(0);
    for (const pod of pods.items) {
      expect(pod.status?.podIP).toContain(':');
    }
    const nodes = (await core.listNode()).items;
    const subnets = await ec2('eu-central-1').send(
      new DescribeSubnetsCommand({
        Filters: [{ Name: 'vpc-id', Values: ['vpc-0a1b2c3d4e5f60707'] }],
      }),
    );
    // Each /21 has 2048 - 5 usable addresses; only the nodes' own addresses are taken.
    const taken = (subnets.Subnets ?? []).reduce(
      (sum, s) => sum + (2043 - (s.AvailableIpAddressCount ?? 0)),
      0,
    );
    expect(taken).toBe(nodes.length);
  });

  it('describes subnets and instance types with their network limits to the EC2 client', async () => {
    const subnets = await ec2('eu-west-1').send(
      new DescribeSubnetsCommand({
        Filters: [{ Name: 'vpc-id', Values: ['vpc-0b2c3d4e5f6a70404'] }],
      }),
    );
    expect(subnets.Subnets?.map(s => s.AvailableIpAddressCount)).toEqual([
      7, 3, 9,
    ]);
    expect(subnets.Subnets?.[0]).toMatchObject({
      CidrBlock: '10.40.0.0/24',
      AvailabilityZone: 'eu-west-1a',
    });

    const types = [];
    for await (const page of paginateDescribeInstanceTypes(
      { client: ec2('eu-west-1'), pageSize: 5 },
      {},
    )) {
      types.push(...(page.InstanceTypes ?? []));
    }
    const limits = Object.fromEntries(
      types.map(t => [
        t.InstanceType,
        `${t.NetworkInfo?.MaximumNetworkInterfaces}x${t.NetworkInfo?.Ipv4AddressesPerInterface}`,
      ]),
    );
    expect(limits).toMatchObject({
      'm5.large': '3x10',
      'm5.xlarge': '4x15',
      'm5.4xlarge': '8x30',
      'c6g.medium': '2x4',
      't3.medium': '3x6',
    });
  });

  it('rejects unsigned and wrongly signed AWS requests', async () => {
    const unsigned = await fetch(`${sim.awsEndpoint}/clusters`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe(
      'MissingAuthenticationTokenException',
    );
    const forged = await fetch(`${sim.awsEndpoint}/clusters`, {
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDFLEETSIMULATOR/20261121/eu-west-1/eks/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(
          64,
        )}`,
        'x-amz-date': '20261121T000000Z',
      },
    });
    expect(forged.headers.get('x-amzn-errortype')).toBe(
      'InvalidSignatureException',
    );
    const wrongSecret = new EKSClient({
      endpoint: sim.awsEndpoint,
      region: 'eu-west-1',
      credentials: {
        accessKeyId: 'AKIDFLEETSIMULATOR',
        secretAccessKey: 'not-the-secret',
      },
      maxAttempts: 1,
    });
    await expect(
      wrongSecret.send(new ListClustersCommand({})),
    ).rejects.toMatchObject({ name: 'InvalidSignatureException' });

    // a body changed after signing no longer matches the signature
    const tampering = eks('eu-west-1');
    tampering.middlewareStack.addRelativeTo(
      (next: any) => async (args: any) => {
        args.request.body = String(args.request.body).replace('ERROR', 'UNKNO'); // same length
        return next(args);
      },
      {
        relation: 'after',
        toMiddleware: 'httpSigningMiddleware',
        name: 'tamperBody',
      },
    );
    await expect(
      tampering.send(
        new ListInsightsCommand({
          clusterName: 'legacy-eu-west-1',
          filter: { statuses: ['ERROR'] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  });

  describe('fault injection through the admin endpoint', () => {
    async function putFault(body: unknown) {
      const res = await fetch(`${sim.adminEndpoint}/admin/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
    }

    it('returns 503 from one cluster API path and clears on DELETE', async () => {
      await putFault({
        cluster: 'prod-eu-west-1',
        api: 'kubernetes',
        path: '/api/v1/nodes',
        fault: { type: 'status', status: 503 },
      });
      const { core } = kube('prod-eu-west-1');
      await expect(core.listNode()).rejects.toMatchObject({ code: 503 });
      // other clusters are not affected
      await expect(
        kube('prod-us-east-1').core.listNode(),
      ).resolves.toBeDefined();
      expect(
        (await fetch(`${sim.adminEndpoint}/admin/faults`, { method: 'DELETE' }))
          .status,
      ).toBe(204);
      await expect(core.listNode()).resolves.toBeDefined();
    });

    it('throttles EKS with ThrottlingException and EC2 with RequestLimitExceeded', async () => {
      await putFault({
        cluster: 'staging-eu-west-1',
        api: 'eks',
        fault: { type: 'throttle' },
      });
      await expect(
        eks('eu-west-1').send(
          new DescribeClusterCommand({ name: 'staging-eu-west-1' }),
        ),
      ).rejects.toMatchObject({
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 429 },
      });
      await expect(
        eks('eu-west-1').send(
          new DescribeClusterCommand({ name: 'prod-eu-west-1' }),
        ),
      ).resolves.toBeDefined();
      await putFault({
        api: 'ec2',
        operation: 'DescribeSubnets',
        fault: { type: 'throttle' },
      });
      await expect(
        ec2('eu-west-1').send(new DescribeSubnetsCommand({})),
      ).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
    });

    it('answers 410 to a continue request when asked to, and 429 from Kubernetes', async () => {
      const { core } = kube('prod-eu-west-1');
      const first = await core.listPodForAllNamespaces({ limit: 10 });
      await putFault({
        cluster: 'prod-eu-west-1',
        api: 'kubernetes',
        fault: { type: 'gone' },
      });
      // the first page (no continue) still works
      await expect(
        core.listPodForAllNamespaces({ limit: 10 }),
      ).resolves.toBeDefined();
      await expect(
        core.listPodForAllNamespaces({
          limit: 10,
          _continue: first.metadata?._continue,
        }),
      ).rejects.toMatchObject({ code: 410 });
      sim.faults.clear();
      await putFault({
        cluster: 'prod-eu-west-1',
        api: 'kubernetes',
        path: '/api/v1/pods',
        fault: { type: 'throttle', times: 1 },
      });
      await expect(
        core.listPodForAllNamespaces({ limit: 10 }),
      ).rejects.toMatchObject({ code: 429 });
      await expect(
        core.listPodForAllNamespaces({ limit: 10 }),
      ).resolves.toBeDefined();
    });

    it('truncates bodies, delays and times out requests', async () => {
      const { core } = kube('legacy-eu-west-1');
      await putFault({
        cluster: 'legacy-eu-west-1',
        api: 'kubernetes',
        path: '/api/v1/nodes',
        fault: { type: 'truncate' },
      });
      await expect(core.listNode()).rejects.toThrow();
      sim.faults.clear();

      await putFault({
        cluster: 'legacy-eu-west-1',
        api: 'kubernetes',
        path: '/api/v1/nodes',
        fault: { type: 'latency', ms: 300 },
      });
      const t0 = Date.now();
      await core.listNode();
      expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
      sim.faults.clear();

      await putFault({
        cluster: 'legacy-eu-west-1',
        api: 'kubernetes',
        path: '/version',
        fault: { type: 'timeout', ms: 200 },
      });
      const { url, token } = sim.cluster('legacy-eu-west-1');
      await expect(kubeGet(`${url}/version`, sim.caPem, token)).rejects.toThrow(
        /socket hang up|ECONNRESET/,
      );
    });

    it('rejects a fault for an unknown cluster', async () => {
      const res = await fetch(`${sim.adminEndpoint}/admin/faults`, {
        method: 'PUT',
        body: JSON.stringify({
          cluster: 'nope',
          api: 'kubernetes',
          fault: { type: 'status', status: 500 },
        }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.name).toBe('InputError');
    });
  });

  it('counts requests per cluster, API and path for the admin endpoint', async () => {
    await fetch(`${sim.adminEndpoint}/admin/requests/reset`, {
      method: 'POST',
    });
    const { core } = kube('checkout-green');
    await core.listNode();
    await core.listNode();
    await core.listPodForAllNamespaces();
    await eks('eu-central-1').send(
      new DescribeClusterCommand({ name: 'checkout-green' }),
    );
    await ec2('eu-central-1').send(
      new DescribeSubnetsCommand({
        Filters: [{ Name: 'vpc-id', Values: ['vpc-0a1b2c3d4e5f60707'] }],
      }),
    );

    const res = await fetch(
      `${sim.adminEndpoint}/admin/requests?cluster=checkout-green`,
    );
    const log = await res.json();
    expect(log.total).toBe(5);
    expect(log.requests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          cluster: 'checkout-green',
          api: 'kubernetes',
          path: '/api/v1/nodes',
          count: 2,
        }),
        expect.objectContaining({
          cluster: 'checkout-green',
          api: 'kubernetes',
          path: '/api/v1/pods',
          count: 1,
        }),
        expect.objectContaining({
          cluster: 'checkout-green',
          api: 'eks',
          operation: 'DescribeCluster',
          count: 1,
        }),
        expect.objectContaining({
          cluster: 'checkout-green',
          api: 'ec2',
          operation: 'DescribeSubnets',
          count: 1,
        }),
      ]),
    );
    expect(JSON.stringify(log)).not.toContain(
      sim.cluster('checkout-green').token,
    );
  });
});
