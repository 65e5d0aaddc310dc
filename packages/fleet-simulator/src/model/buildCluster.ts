import {
  EksCatalog,
  ScenarioCluster,
  ScenarioNodeGroup,
} from '../scenario/schema';
import { ClusterModel, NodeGroupFacts, SubnetFacts } from './ClusterModel';
import { KubeObject } from './ObjectCollection';
import { SeededRandom, hexId, nameSuffix, uid } from './determinism';
import { getInstanceType, maxPodsFor } from './instanceTypes';
import {
  AWS_RESERVED_PER_SUBNET,
  SubnetAllocator,
  formatIpv4,
  parseCidr,
} from './ipv4';
import {
  buildDeployment,
  buildEniConfig,
  buildEvent,
  buildHpa,
  buildNamespace,
  buildPdb,
  buildPod,
  buildReplicaSet,
  buildService,
  buildStatefulSet,
  ownerRefOf,
  privateDnsName,
  WorkloadInput,
} from './kubeObjects';
import {
  buildDaemonSetPod,
  buildGroupNode,
  buildNodeDaemonSets,
  kubeletVersionFor,
  managedNodeGroupFacts,
} from './nodeObjects';
import { corednsContainer } from './systemWorkloads';

const DAY = 24 * 3600 * 1000;

/** The token a cluster accepts when the scenario does not set one. */
export function defaultToken(clusterName: string): string {
  return `fleet-sim-${clusterName}-${hexId(`token:${clusterName}`, 16)}`;
}

export const SYSTEM_NAMESPACES = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
];

interface NodeRecord {
  object: KubeObject;
  name: string;
  ip: string;
  zone: string;
  group: ScenarioNodeGroup;
  maxPods: number;
  podCount: number;
  ipv4PerEni: number;
}

/** Builds the Kubernetes objects and AWS facts of one scenario cluster. */
export function buildCluster(
  cluster: ScenarioCluster,
  catalog: EksCatalog,
  now: Date = new Date(),
): ClusterModel {
  const rng = new SeededRandom(`cluster:${cluster.name}`);
  const region = cluster.eks.region;
  const clusterCreated = cluster.eks.createdAt;
  const age = (minDays: number, maxDays: number) =>
    new Date(now.getTime() - rng.int(minDays * 24, maxDays * 24) * 3600 * 1000);
  const mode = {
    prefixDelegation: cluster.cni.prefixDelegation,
    customNetworking: cluster.cni.customNetworking,
  };

  const allocators = new Map(
    cluster.subnets.map(s => [s.id, new SubnetAllocator(s.cidr)]),
  );
  const nodeSubnets = cluster.subnets.filter(s => s.purpose === 'nodes');
  const zones = [...new Set(nodeSubnets.map(s => s.zone))];
  const nodeSubnetIn = (zone: string) => {
    const found = nodeSubnets.find(s => s.zone === zone);
    if (!found)
      throw new Error(`Cluster ${cluster.name} has no node subnet in ${zone}`);
    return found;
  };
  const podSubnetIn = (zone: string) => {
    if (!mode.customNetworking) return nodeSubnetIn(zone);
    const eniConfig = cluster.eniConfigs.find(
      e =>
        e.name === zone ||
        cluster.subnets.find(s => s.id === e.subnet)?.zone === zone,
    );
    const subnet = cluster.subnets.find(s => s.id === eniConfig?.subnet);
    if (!subnet) {
      throw new Error(
        `Cluster ${cluster.name} uses custom networking but has no ENIConfig for ${zone}`,
      );
    }
    return subnet;
  };

  // Nodes
  const nodes: NodeRecord[] = [];
  for (const group of cluster.nodeGroups) {
    const groupZones = group.zones ?? zones;
    const kubelet = kubeletVersionFor(
      group.kubeletVersion ?? cluster.eks.version,
      catalog,
      group.name,
    );
    for (let i = 0; i < group.nodes; i++) {
      const zone = groupZones[i % groupZones.length];
      const type = getInstanceType(
        group.instanceTypes[i % group.instanceTypes.length],
      );
      const subnet = nodeSubnetIn(zone);
      const ip = allocators.get(subnet.id)!.allocate();
      if (!ip)
        throw new Error(
          `Subnet ${subnet.id} has no room for node ${i} of ${group.name}`,
        );
      const name = privateDnsName(ip, region);
      const maxPods = maxPodsFor(type, mode);
      const eniConfig = mode.customNetworking
        ? cluster.eniConfigs.find(
            e =>
              e.name === zone ||
              cluster.subnets.find(s => s.id === e.subnet)?.zone === zone,
          )
        : undefined;
      const object = buildGroupNode({
        group,
        indexInGroup: i,
        name,
        ip,
        zone,
        region,
        instanceType: type,
        maxPods,
        kubeletVersion: kubelet,
        createdAt: age(1, 40),
        instanceId: `i-0${hexId(`instance:${name}`, 16)}`,
        eniConfigName: eniConfig?.name,
      });
      nodes.push({
        object,
        name,
        ip,
        zone,
        group,
        maxPods,
        podCount: 0,
        ipv4PerEni: type.ipv4PerEni,
      });
    }
  }
  if (nodes.length === 0)
    throw new Error(`Cluster ${cluster.name} has no nodes`);

  const pods: KubeObject[] = [];
  const events: KubeObject[] = [];
  const namespaces = new Map<string, KubeObject>();
  const deployments: KubeObject[] = [];
  const replicaSets: KubeObject[] = [];
  const statefulSets: KubeObject[] = [];
  const services: KubeObject[] = [];
  const hpas: KubeObject[] = [];
  const pdbs: KubeObject[] = [];
  const daemonSets: KubeObject[] = [];

  for (const ns of SYSTEM_NAMESPACES) {
    namespaces.set(ns, buildNamespace(ns, clusterCreated));
  }

  const service = parseCidr(cluster.eks.serviceIpv4Cidr);
  let nextServiceIp = 10;
  const allocateServiceIp = () => formatIpv4(service.base + nextServiceIp++);

  const nodePodIp = (node: NodeRecord) => {
    const subnet = podSubnetIn(node.zone);
    return allocators.get(subnet.id)!.allocate();
  };

  // kube-system DaemonSets: one hostNetwork pod per node each
  for (const daemonSet of buildNodeDaemonSets({
    region,
    cni: cluster.cni,
    kubernetesVersion: cluster.eks.version,
    nodes: nodes.length,
    createdAt: clusterCreated,
    addonLabels: true,
  })) {
    daemonSets.push(daemonSet.object);
    for (const node of nodes) {
      node.podCount += 1;
      pods.push(
        buildDaemonSetPod(
          daemonSet,
          node,
          new Date(
            Date.parse(node.object.metadata.creationTimestamp as string) +
              20000,
          ),
        ),
      );
    }
  }

  // Workloads: the scenario's services plus CoreDNS
  const systemNodes = nodes.filter(n => n.group.capacityType === 'on-demand');
  const workloads = [
    {
      name: 'coredns',
      namespace: 'kube-system',
      kind: 'Deployment' as const,
      replicas: 2,
      image: corednsContainer(region).image,
      grpcPort: 53,
      cpu: '100m',
      memory: '70Mi',
      nodeGroups: (systemNodes.length > 0 ? systemNodes : nodes).map(
        n => n.group.name,
      ),
      initContainer: false,
      pendingNoIp: 0,
      hpa: undefined,
      pdb: { maxUnavailable: 1 },
      backstageId: undefined,
      labels: {
        'k8s-app': 'kube-dns',
        'eks.amazonaws.com/component': 'coredns',
      },
      system: true,
    },
    ...cluster.workloads.map(w => ({ ...w, system: false })),
  ];

  for (const w of workloads) {
    if (!namespaces.has(w.namespace)) {
      const env = w.namespace.split('-').pop() ?? 'prod';
      namespaces.set(
        w.namespace,
        buildNamespace(w.namespace, age(60, 400), {
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
          'app.kubernetes.io/part-of': w.namespace.replace(/-[a-z]+$/, ''),
          environment: env,
        }),
      );
    }
    const eligible = nodes.filter(
      n => !w.nodeGroups || w.nodeGroups.includes(n.group.name),
    );
    if (eligible.length === 0) {
      throw new Error(
        `Workload ${w.namespace}/${w.name} has no nodes in ${w.nodeGroups?.join(
          ', ',
        )}`,
      );
    }
    const selector: Record<string, string> = w.system
      ? { 'k8s-app': 'kube-dns' }
      : {
          'app.kubernetes.io/name': w.name,
          'app.kubernetes.io/instance': `${w.name}-${w.namespace
            .split('-')
            .pop()}`,
        };
    const labels: Record<string, string> = w.system
      ? { ...w.labels }
      : {
          ...selector,
          'app.kubernetes.io/part-of': w.namespace.replace(/-[a-z]+$/, ''),
          'app.kubernetes.io/version': w.image.split(':').pop() ?? 'latest',
          'app.kubernetes.io/managed-by': 'argocd',
          'backstage.io/kubernetes-id': w.backstageId ?? w.name,
          ...w.labels,
        };
    const pending = w.pendingNoIp ?? 0;
    const total = w.replicas + pending;
    const createdAt = age(3, 120);
    const input: WorkloadInput = {
      name: w.name,
      namespace: w.namespace,
      labels,
      selector,
      replicas: total,
      readyReplicas: w.replicas,
      container: {
        name: w.system ? 'coredns' : w.name,
        image: w.image,
        cpu: w.cpu,
        memory: w.memory,
        grpcPort: w.grpcPort,
      },
      initContainer: w.initContainer
        ? {
            name: 'migrate',
            image: w.image.replace(/:([^:]+)$/, '-migrations:$1'),
            cpu: '100m',
            memory: '128Mi',
          }
        : undefined,
      createdAt,
    };

    let owner: KubeObject;
    let podName: (i: number) => string;
    const extraPodLabels: Record<string, string> = {};
    if (w.kind === 'StatefulSet') {
      owner = buildStatefulSet(input);
      statefulSets.push(owner);
      podName = i => `${w.name}-${i}`;
      services.push(buildService(input, '', true));
    } else {
      const deployment = buildDeployment(input);
      deployments.push(deployment);
      const templateHash = nameSuffix(`${w.namespace}/${w.name}/template`, 10);
      owner = buildReplicaSet(input, deployment, templateHash);
      replicaSets.push(owner);
      extraPodLabels['pod-template-hash'] = templateHash;
      podName = i =>
        `${w.name}-${templateHash}-${nameSuffix(
          `${w.namespace}/${w.name}/${i}`,
          5,
        )}`;
    }
    services.push(buildService(input, allocateServiceIp(), false));
    if (w.hpa) {
      hpas.push(
        buildHpa(
          input,
          w.kind,
          w.hpa,
          w.hpa.cpuUtilization + rng.int(-25, pending > 0 ? 40 : 5),
        ),
      );
    }
    if (w.pdb) {
      pdbs.push(buildPdb(input, w.pdb));
    }

    const offset = rng.int(0, eligible.length - 1);
    for (let i = 0; i < total; i++) {
      const node = eligible[(offset + i) % eligible.length];
      const isPending = i >= w.replicas;
      const podIp = isPending ? undefined : nodePodIp(node);
      if (!isPending && !podIp) {
        throw new Error(
          `Pod subnet of ${node.zone} in ${cluster.name} is full; lower replicas or mark them pendingNoIp`,
        );
      }
      node.podCount += 1;
      const pod = buildPod({
        name: podName(i),
        namespace: w.namespace,
        labels: {
          ...labels,
          ...extraPodLabels,
          ...(w.kind === 'StatefulSet'
            ? { 'statefulset.kubernetes.io/pod-name': podName(i) }
            : {}),
        } as Record<string, string>,
        owner: ownerRefOf(owner),
        nodeName: node.name,
        hostIp: node.ip,
        podIp,
        containers: [input.container],
        initContainers: input.initContainer ? [input.initContainer] : undefined,
        phase: isPending ? 'Pending' : 'Running',
        waitingReason: isPending ? 'ContainerCreating' : undefined,
        createdAt: isPending
          ? new Date(now.getTime() - rng.int(20, 90) * 60000)
          : age(0.1, 6),
        serviceAccountName: w.system ? 'coredns' : w.name,
        priorityClassName: w.system ? 'system-cluster-critical' : undefined,
        restarts: !isPending && rng.next() < 0.1 ? rng.int(1, 4) : 0,
      });
      pods.push(pod);
      if (isPending) {
        const first = new Date(
          Date.parse(pod.metadata.creationTimestamp as string) + 2000,
        );
        events.push(
          buildEvent({
            namespace: w.namespace,
            involved: pod,
            reason: 'Scheduled',
            message: `Successfully assigned ${w.namespace}/${pod.metadata.name} to ${node.name}`,
            type: 'Normal',
            component: 'default-scheduler',
            count: 1,
            first,
            last: first,
          }),
          buildEvent({
            namespace: w.namespace,
            involved: pod,
            reason: 'FailedCreatePodSandBox',
            message: `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${hexId(
              `sandbox:${pod.metadata.name}`,
              64,
            )}": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container`,
            type: 'Warning',
            component: 'kubelet',
            host: node.name,
            count: rng.int(30, 140),
            first,
            last: new Date(now.getTime() - rng.int(5, 50) * 1000),
          }),
        );
      }
    }
  }

  for (const node of nodes) {
    if (node.podCount > node.maxPods) {
      throw new Error(
        `Node ${node.name} (${node.group.name}) would run ${node.podCount} pods but allows ${node.maxPods}; add nodes`,
      );
    }
  }

  // Warm pools hold addresses whether pods use them or not (approximation of ipamd's behaviour).
  if (!mode.customNetworking) {
    for (const node of nodes) {
      const allocator = allocators.get(nodeSubnetIn(node.zone).id)!;
      const appPods = node.podCount - 2;
      const warm = mode.prefixDelegation
        ? (Math.ceil(appPods / 16) + 1) * 16 - appPods
        : node.ipv4PerEni;
      allocator.reserve(warm);
    }
  }

  const subnets: SubnetFacts[] = cluster.subnets.map(s => {
    const allocator = allocators.get(s.id)!;
    return {
      id: s.id,
      vpcId: cluster.eks.vpcId,
      accountId: cluster.eks.accountId,
      region,
      zone: s.zone,
      cidr: s.cidr,
      availableIps:
        s.availableIps ??
        Math.max(
          0,
          parseCidr(s.cidr).size - AWS_RESERVED_PER_SUBNET - allocator.used,
        ),
      name:
        s.name ??
        `${cluster.eks.name ?? cluster.name}-${
          s.purpose === 'pods' ? 'pods' : 'private'
        }-${s.zone}`,
      purpose: s.purpose,
      clusterName: cluster.eks.name ?? cluster.name,
    };
  });

  const nodeGroups: NodeGroupFacts[] = cluster.nodeGroups
    .filter(g => g.provisioner === 'managed')
    .map(g =>
      managedNodeGroupFacts(g, {
        version: (g.kubeletVersion ?? cluster.eks.version)
          .replace(/^v/, '')
          .split('.')
          .slice(0, 2)
          .join('.'),
        subnets: [...new Set((g.zones ?? zones).map(z => nodeSubnetIn(z).id))],
        createdAt: new Date(
          Math.max(clusterCreated.getTime(), now.getTime() - 200 * DAY),
        ),
        catalog,
      }),
    );

  const model = new ClusterModel(
    cluster.name,
    cluster.token ?? defaultToken(cluster.name),
    {
      name: cluster.eks.name ?? cluster.name,
      accountId: cluster.eks.accountId,
      region,
      version: cluster.eks.version,
      platformVersion:
        cluster.eks.platformVersion ??
        catalog.versions.find(v => v.version === cluster.eks.version)
          ?.platformVersion ??
        'eks.1',
      status: cluster.eks.status,
      createdAt: clusterCreated,
      supportType: cluster.eks.supportType,
      vpcId: cluster.eks.vpcId,
      serviceIpv4Cidr: cluster.eks.serviceIpv4Cidr,
      securityGroupIds: cluster.eks.securityGroupIds,
      tags: cluster.eks.tags,
    },
    subnets,
    nodeGroups,
    cluster.addons,
    cluster.insights.map(i => ({
      ...i,
      id: i.id ?? uid(`insight:${cluster.name}:${i.name}`),
    })),
    [...new Set(cluster.nodeGroups.flatMap(g => g.instanceTypes))].map(
      getInstanceType,
    ),
    clusterCreated,
  );

  model.setObjects({
    nodes: nodes.map(n => n.object),
    pods,
    namespaces: [...namespaces.values()],
    events,
    services,
    deployments,
    replicaSets,
    statefulSets,
    daemonSets,
    hpas,
    pdbs,
    eniConfigs: cluster.eniConfigs.map(e =>
      buildEniConfig({ ...e, createdAt: clusterCreated }),
    ),
  });
  return model;
}
