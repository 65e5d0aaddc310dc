import { EksCatalog, ScenarioNodeGroup } from '../scenario/schema';
import { ClusterModel, NodeGroupFacts, SubnetFacts } from './ClusterModel';
import { KubeObject, ObjectCollection } from './ObjectCollection';
import { hexId, nameSuffix, uid } from './determinism';
import { InstanceTypeSpec, getInstanceType, maxPodsFor } from './instanceTypes';
import { AWS_RESERVED_PER_SUBNET, formatIpv4, parseIpv4 } from './ipv4';
import {
  ContainerInput,
  OwnerRef,
  WorkloadInput,
  buildDeployment,
  buildHpa,
  buildNamespace,
  buildPdb,
  buildPod,
  buildReplicaSet,
  buildService,
  ownerRefOf,
  privateDnsName,
} from './kubeObjects';
import {
  NodeDaemonSet,
  buildDaemonSetPod,
  buildGroupNode,
  buildNodeDaemonSets,
  kubeletVersionFor,
  managedNodeGroupFacts,
} from './nodeObjects';
import { SYSTEM_NAMESPACES, defaultToken } from './buildCluster';
import { generatedZoneAddresses } from './generatedWarmPools';
import { awsNodeEnv } from './systemWorkloads';
import { envMap, ipamdSettings } from './warmPools';

/** Options of a generated large cluster. */
export interface GenerateOptions {
  nodes: number;
  pods: number;
  seed: string | number;
  name?: string;
  region?: string;
  accountId?: string;
  version?: string;
}

const SERVICES = [
  'payments',
  'checkout',
  'ledger',
  'orders',
  'inventory',
  'pricing',
  'search',
  'catalog',
  'identity',
  'notifications',
  'shipping',
  'fraud',
  'loyalty',
  'recommendations',
  'billing',
  'accounts',
  'reviews',
  'cart',
  'tax',
  'quotes',
  'risk',
  'settlement',
  'wallet',
  'rewards',
];
const ENVS = ['prod', 'stg', 'dev'];
const COMPONENTS = ['api', 'worker', 'grpc-gateway', 'projector'];
const CPU = ['100m', '250m', '500m', '1'];
const MEMORY = ['128Mi', '256Mi', '512Mi', '1Gi'];
const ZONE_LETTERS = ['a', 'b', 'c'];

interface GenWorkload {
  input: WorkloadInput;
  owner: OwnerRef;
  templateHash: string;
  start: number; // first pod index (global)
  end: number;
  container: ContainerInput;
}

interface GenNode {
  name: string;
  ip: string;
  zoneIndex: number;
  indexInZone: number;
}

/**
 * The pods of a generated cluster, built on demand from their index: nothing is materialised up
 * front, so a 150,000-pod cluster costs memory only for the page being served.
 * Layout: [0, nodes) aws-node pods, [nodes, 2 x nodes) kube-proxy pods (kube-system), then the
 * application pods namespace by namespace, workload by workload. App pod j runs on node j % nodes.
 */
class GeneratedPodCollection implements ObjectCollection {
  private readonly nodeIndex: Map<string, number>;
  private readonly namespaceRanges = new Map<string, [number, number]>();

  constructor(
    private readonly nodes: GenNode[],
    private readonly daemonPods: number,
    private readonly total: number,
    private readonly workloads: GenWorkload[],
    private readonly daemonSets: NodeDaemonSet[],
    private readonly zoneBases: number[],
    private readonly nodesPerZone: number,
    private readonly createdAt: Date,
  ) {
    this.nodeIndex = new Map(nodes.map((n, i) => [n.name, i]));
    if (daemonPods > 0)
      this.namespaceRanges.set('kube-system', [0, daemonPods]);
    for (const w of workloads) {
      const ns = w.input.namespace;
      const range = this.namespaceRanges.get(ns);
      if (range) range[1] = w.end;
      else this.namespaceRanges.set(ns, [w.start, w.end]);
    }
  }

  size() {
    return this.total;
  }

  private workloadAt(index: number): GenWorkload {
    let lo = 0;
    let hi = this.workloads.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.workloads[mid].start <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.workloads[lo];
  }

  get(index: number): KubeObject {
    const n = this.nodes.length;
    if (index < this.daemonPods) {
      return buildDaemonSetPod(
        this.daemonSets[Math.floor(index / n)],
        this.nodes[index % n],
        this.createdAt,
      );
    }
    const j = index - this.daemonPods;
    const w = this.workloadAt(index);
    const nodeIdx = j % n;
    const node = this.nodes[nodeIdx];
    const round = Math.floor(j / n);
    const pending = j % 997 === 13;
    const podIp = formatIpv4(
      this.zoneBases[node.zoneIndex] +
        4 +
        this.nodesPerZone * (round + 1) +
        node.indexInZone,
    );
    const ordinal = index - w.start;
    return buildPod({
      name: `${w.input.name}-${w.templateHash}-${nameSuffix(
        `${w.input.namespace}/${w.input.name}/${ordinal}`,
        5,
      )}`,
      namespace: w.input.namespace,
      labels: {
        ...w.input.selector,
        ...w.input.labels,
        'pod-template-hash': w.templateHash,
      },
      owner: w.owner,
      nodeName: node.name,
      hostIp: node.ip,
      podIp: pending ? undefined : podIp,
      containers: [w.container],
      phase: pending ? 'Pending' : 'Running',
      createdAt: this.createdAt,
      serviceAccountName: w.input.name,
    });
  }

  namespaceRange(namespace: string): [number, number] {
    return this.namespaceRanges.get(namespace) ?? [0, 0];
  }

  *indicesOnNode(nodeName: string, from: number): Iterable<number> {
    const k = this.nodeIndex.get(nodeName);
    if (k === undefined) return;
    const n = this.nodes.length;
    for (let d = 0; d * n < this.daemonPods; d++) {
      const i = d * n + k;
      if (i >= from && i < this.daemonPods) yield i;
    }
    for (let i = this.daemonPods + k; i < this.total; i += n) {
      if (i >= from) yield i;
    }
  }
}

/** Pending pods in a generated cluster: app pod j with j % 997 == 13 (no IP, ContainerCreating). */
export function generatedPendingCount(pods: number, nodes: number): number {
  const appPods = pods - Math.min(2 * nodes, pods);
  return appPods > 13 ? Math.floor((appPods - 14) / 997) + 1 : 0;
}

/** A large cluster from a seed: same seed and sizes, same cluster. */
export function generateCluster(
  options: GenerateOptions,
  catalog: EksCatalog,
  now: Date = new Date(),
): ClusterModel {
  const name = options.name ?? 'large-eu-west-1';
  const region = options.region ?? 'eu-west-1';
  const accountId = options.accountId ?? '444455556666';
  const version =
    options.version ?? catalog.versions.find(v => v.default)?.version ?? '1.34';
  const seed = String(options.seed);
  const createdAt = new Date(now.getTime() - 30 * 24 * 3600 * 1000);
  const nodeCount = Math.max(1, options.nodes);
  const daemonPods = Math.min(2 * nodeCount, options.pods);
  const appPods = options.pods - daemonPods;
  const perNode = Math.ceil(appPods / nodeCount) + 2;

  const groups: ScenarioNodeGroup[] = [];
  const bigOnly = perNode > 56;
  const split = (share: number) => Math.floor(nodeCount * share);
  const managed = Math.max(1, split(0.2));
  const ocean = split(0.1);
  const karpenter = nodeCount - managed - ocean;
  groups.push({
    name: 'system-od',
    provisioner: 'managed',
    capacityType: 'on-demand',
    instanceTypes: [bigOnly ? 'm5.4xlarge' : 'm5.2xlarge'],
    nodes: managed,
  });
  if (karpenter > 0) {
    groups.push({
      name: 'general-spot',
      provisioner: 'karpenter',
      capacityType: 'spot',
      nodePool: 'general-spot',
      instanceTypes: bigOnly
        ? ['m5.4xlarge']
        : ['m5.xlarge', 'm5.2xlarge', 'c5.2xlarge', 'm6i.2xlarge'],
      nodes: karpenter,
      disrupted: Math.min(3, karpenter),
    });
  }
  if (ocean > 0) {
    groups.push({
      name: 'ocean-spot',
      provisioner: 'ocean',
      capacityType: 'spot',
      instanceTypes: ['m5.4xlarge'],
      nodes: ocean,
      interrupted: Math.min(2, ocean),
    });
  }
  for (const g of groups) {
    for (const t of g.instanceTypes) {
      const max = maxPodsFor(getInstanceType(t), {
        prefixDelegation: false,
        customNetworking: false,
      });
      if (max < perNode) {
        throw new Error(
          `${options.pods} pods on ${nodeCount} nodes need ${perNode} pods per node; ${t} allows ${max}`,
        );
      }
    }
  }

  const cni = {
    version: 'v1.20.4-eksbuild.1',
    prefixDelegation: false,
    customNetworking: false,
    env: {},
  };
  const zoneAddresses = generatedZoneAddresses(
    groups,
    appPods,
    ipamdSettings(envMap(awsNodeEnv(cni))),
  );

  // One subnet per zone, big enough for its nodes, the pods on them and their warm pools.
  const nodesPerZone = Math.ceil(nodeCount / 3);
  const rounds = Math.ceil(appPods / nodeCount);
  const needed = Math.max(nodesPerZone * (rounds + 2), ...zoneAddresses) + 64;
  let prefix = 18;
  while (prefix > 10 && 2 ** (32 - prefix) < needed) prefix--;
  const size = 2 ** (32 - prefix);
  const vpcBase = parseIpv4('10.0.0.0');
  const zoneBases = ZONE_LETTERS.map((_, z) => vpcBase + z * size);

  const kubelet = kubeletVersionFor(version, catalog, seed);
  const nodes: GenNode[] = [];
  const nodeObjects: KubeObject[] = [];
  const nodeTypes = new Set<InstanceTypeSpec>();
  let k = 0;
  for (const group of groups) {
    for (let i = 0; i < group.nodes; i++, k++) {
      const zoneIndex = k % 3;
      const indexInZone = Math.floor(k / 3);
      const ip = formatIpv4(zoneBases[zoneIndex] + 4 + indexInZone);
      const nodeName = privateDnsName(ip, region);
      const type = getInstanceType(
        group.instanceTypes[i % group.instanceTypes.length],
      );
      nodeTypes.add(type);
      nodes.push({ name: nodeName, ip, zoneIndex, indexInZone });
      nodeObjects.push(
        buildGroupNode({
          group,
          indexInGroup: i,
          name: nodeName,
          ip,
          zone: `${region}${ZONE_LETTERS[zoneIndex]}`,
          region,
          instanceType: type,
          maxPods: maxPodsFor(type, {
            prefixDelegation: false,
            customNetworking: false,
          }),
          kubeletVersion: kubelet,
          createdAt,
          instanceId: `i-0${hexId(`instance:${seed}:${nodeName}`, 16)}`,
        }),
      );
    }
  }

  // Workloads: namespaces of ~3,000 pods, 4 deployments each.
  const namespaceCount = Math.max(
    1,
    Math.min(SERVICES.length * ENVS.length, Math.ceil(appPods / 3000)),
  );
  const namespaces = [
    ...SYSTEM_NAMESPACES.map(ns => buildNamespace(ns, createdAt)),
  ];
  const workloads: GenWorkload[] = [];
  const deployments: KubeObject[] = [];
  const replicaSets: KubeObject[] = [];
  const services: KubeObject[] = [];
  const hpas: KubeObject[] = [];
  const pdbs: KubeObject[] = [];
  let cursor = daemonPods;
  let serviceIp = 10;
  for (let s = 0; s < namespaceCount && appPods > 0; s++) {
    const service = SERVICES[s % SERVICES.length];
    const env = ENVS[Math.floor(s / SERVICES.length) % ENVS.length];
    const ns = `${service}-${env}`;
    namespaces.push(
      buildNamespace(ns, createdAt, {
        'pod-security.kubernetes.io/enforce': 'baseline',
        'app.kubernetes.io/part-of': service,
        environment: env,
      }),
    );
    const nsPods =
      Math.floor(appPods / namespaceCount) +
      (s < appPods % namespaceCount ? 1 : 0);
    for (let c = 0; c < COMPONENTS.length; c++) {
      const replicas =
        Math.floor(nsPods / COMPONENTS.length) +
        (c < nsPods % COMPONENTS.length ? 1 : 0);
      if (replicas === 0) continue;
      const workloadName = `${service}-${COMPONENTS[c]}`;
      const selector = {
        'app.kubernetes.io/name': workloadName,
        'app.kubernetes.io/instance': `${workloadName}-${env}`,
      };
      const container: ContainerInput = {
        name: workloadName,
        image: `111122223333.dkr.ecr.${region}.amazonaws.com/${service}/${
          COMPONENTS[c]
        }:1.${(s + c) % 40}.${c}`,
        cpu: CPU[(s + c) % CPU.length],
        memory: MEMORY[(s * 3 + c) % MEMORY.length],
        grpcPort: 50051,
      };
      const input: WorkloadInput = {
        name: workloadName,
        namespace: ns,
        labels: {
          ...selector,
          'app.kubernetes.io/part-of': service,
          'backstage.io/kubernetes-id': `${service}-${COMPONENTS[c]}`,
        },
        selector,
        replicas,
        readyReplicas: replicas,
        container,
        createdAt,
      };
      const deployment = buildDeployment(input);
      const templateHash = nameSuffix(`${seed}/${ns}/${workloadName}`, 10);
      const rs = buildReplicaSet(input, deployment, templateHash);
      deployments.push(deployment);
      replicaSets.push(rs);
      services.push(
        buildService(
          input,
          formatIpv4(parseIpv4('172.20.0.0') + serviceIp++),
          false,
        ),
      );
      hpas.push(
        buildHpa(
          input,
          'Deployment',
          {
            min: Math.max(1, Math.floor(replicas / 2)),
            max: replicas * 2,
            cpuUtilization: 70,
          },
          55,
        ),
      );
      if (c % 2 === 0) pdbs.push(buildPdb(input, { maxUnavailable: '10%' }));
      workloads.push({
        input,
        owner: ownerRefOf(rs),
        templateHash,
        start: cursor,
        end: cursor + replicas,
        container,
      });
      cursor += replicas;
    }
  }

  const dsDefs = buildNodeDaemonSets({
    region,
    cni,
    kubernetesVersion: version,
    nodes: nodeCount,
    createdAt,
    addonLabels: false,
  });

  const podCollection = new GeneratedPodCollection(
    nodes,
    daemonPods,
    options.pods,
    workloads,
    dsDefs,
    zoneBases,
    nodesPerZone,
    createdAt,
  );

  const subnets: SubnetFacts[] = ZONE_LETTERS.map((letter, z) => {
    return {
      id: `subnet-0${hexId(`subnet:${seed}:${letter}`, 16)}`,
      vpcId: `vpc-0${hexId(`vpc:${seed}`, 16)}`,
      accountId,
      region,
      zone: `${region}${letter}`,
      cidr: `${formatIpv4(zoneBases[z])}/${prefix}`,
      availableIps: Math.max(
        0,
        size - AWS_RESERVED_PER_SUBNET - zoneAddresses[z],
      ),
      name: `${name}-private-${region}${letter}`,
      purpose: 'nodes' as const,
      clusterName: name,
      // Generated clusters model address counts, not addresses: they list no ENIs.
      networkInterfaces: [],
      cidrReservations: [],
      tags: {},
    };
  });

  const nodeGroups: NodeGroupFacts[] = groups
    .filter(g => g.provisioner === 'managed')
    .map(g =>
      managedNodeGroupFacts(g, {
        version,
        subnets: subnets.map(s => s.id),
        createdAt,
        catalog,
      }),
    );

  const model = new ClusterModel(
    name,
    defaultToken(name),
    {
      name,
      accountId,
      region,
      version,
      platformVersion:
        catalog.versions.find(v => v.version === version)?.platformVersion ??
        'eks.1',
      status: 'ACTIVE',
      createdAt,
      supportType: 'EXTENDED',
      vpcId: subnets[0].vpcId,
      serviceIpv4Cidr: '172.20.0.0/16',
      ipFamily: 'ipv4',
      securityGroupIds: [`sg-0${hexId(`sg:${seed}`, 16)}`],
      tags: { 'generated-by': 'fleet-simulator', seed },
      updates: [],
    },
    subnets,
    nodeGroups,
    [
      { name: 'vpc-cni', version: cni.version, status: 'ACTIVE' },
      {
        name: 'kube-proxy',
        version: `v${version}.0-eksbuild.2`,
        status: 'ACTIVE',
      },
      { name: 'coredns', version: 'v1.11.4-eksbuild.2', status: 'ACTIVE' },
    ],
    [
      {
        id: uid(`insight:${name}:skew`),
        name: 'Kubelet version skew',
        category: 'UPGRADE_READINESS',
        kubernetesVersion: version,
        status: 'PASSING',
        reason: 'Node kubelet versions match the control plane version.',
        description:
          'Checks for kubelet versions of worker nodes in the cluster to see if upgrade would cause unsupported version skew.',
      },
    ],
    [...nodeTypes],
    createdAt,
  );
  model.setObjects({
    nodes: nodeObjects,
    pods: podCollection,
    namespaces,
    services,
    deployments,
    replicaSets,
    daemonSets: dsDefs.map(d => d.object),
    hpas,
    pdbs,
  });
  return model;
}
