import { BuiltObjects, ClusterBuild, age } from './clusterBuild';
import { NodeRecord } from './clusterNodes';
import { PodOwner, Workload, addWorkloadPods } from './clusterPods';
import { nameSuffix } from './determinism';
import {
  buildDeployment,
  buildHpa,
  buildNamespace,
  buildPdb,
  buildReplicaSet,
  buildService,
  buildStatefulSet,
  WorkloadInput,
} from './kubeObjects';
import { corednsContainer } from './systemWorkloads';

/** The labels a workload's objects carry and the subset its selector matches on. */
interface WorkloadLabels {
  selector: Record<string, string>;
  labels: Record<string, string>;
}

/** CoreDNS first, on the on-demand nodes when there are any, then the scenario's workloads. */
function workloadsOf(b: ClusterBuild, nodes: NodeRecord[]): Workload[] {
  const systemNodes = nodes.filter(
    n => n.group.capacityType === 'on-demand' && !n.podBlock,
  );
  const coredns: Workload = {
    name: 'coredns',
    namespace: 'kube-system',
    kind: 'Deployment',
    replicas: 2,
    image: corednsContainer(b.region).image,
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
  };
  const own = b.cluster.workloads.map(w => ({ ...w, system: false }));
  // Auto Mode runs DNS on its nodes, not as a CoreDNS Deployment.
  return b.autoMode ? own : [coredns, ...own];
}

/** A workload's namespace, labelled for pod security and its environment (the name's last word). */
function ensureNamespace(b: ClusterBuild, objects: BuiltObjects, w: Workload) {
  if (objects.namespaces.has(w.namespace)) return;
  const env = w.namespace.split('-').pop() ?? 'prod';
  objects.namespaces.set(
    w.namespace,
    buildNamespace(w.namespace, age(b, 60, 400), {
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'app.kubernetes.io/part-of': w.namespace.replace(/-[a-z]+$/, ''),
      environment: env,
    }),
  );
}

function eligibleNodes(nodes: NodeRecord[], w: Workload): NodeRecord[] {
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
  return eligible;
}

function workloadLabels(w: Workload): WorkloadLabels {
  if (w.system) {
    return { selector: { 'k8s-app': 'kube-dns' }, labels: { ...w.labels } };
  }
  const selector = {
    'app.kubernetes.io/name': w.name,
    'app.kubernetes.io/instance': `${w.name}-${w.namespace.split('-').pop()}`,
  };
  const labels = {
    ...selector,
    'app.kubernetes.io/part-of': w.namespace.replace(/-[a-z]+$/, ''),
    'app.kubernetes.io/version': w.image.split(':').pop() ?? 'latest',
    'app.kubernetes.io/managed-by': 'argocd',
    'backstage.io/kubernetes-id': w.backstageId ?? w.name,
    ...w.labels,
  };
  return { selector, labels };
}

/** What the controller builders take; `replicas` counts the pending pods too. */
function workloadInput(
  b: ClusterBuild,
  w: Workload,
  { labels, selector }: WorkloadLabels,
): WorkloadInput {
  const total = w.replicas + (w.pendingNoIp ?? 0);
  return {
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
      ...(w.podEni && {
        extendedResources: { 'vpc.amazonaws.com/pod-eni': '1' },
      }),
    },
    initContainer: w.initContainer
      ? {
          name: 'migrate',
          image: w.image.replace(/:([^:]+)$/, '-migrations:$1'),
          cpu: '100m',
          memory: '128Mi',
        }
      : undefined,
    createdAt: age(b, 3, 120),
  };
}

/** A StatefulSet (with its headless service), or a Deployment and its ReplicaSet. */
function addOwner(
  objects: BuiltObjects,
  w: Workload,
  input: WorkloadInput,
): PodOwner {
  if (w.kind === 'StatefulSet') {
    const owner = buildStatefulSet(input);
    objects.statefulSets.push(owner);
    objects.services.push(buildService(input, '', true));
    return { owner, podName: i => `${w.name}-${i}`, extraPodLabels: {} };
  }
  const deployment = buildDeployment(input);
  objects.deployments.push(deployment);
  const templateHash = nameSuffix(`${w.namespace}/${w.name}/template`, 10);
  const owner = buildReplicaSet(input, deployment, templateHash);
  objects.replicaSets.push(owner);
  return {
    owner,
    podName: i =>
      `${w.name}-${templateHash}-${nameSuffix(
        `${w.namespace}/${w.name}/${i}`,
        5,
      )}`,
    extraPodLabels: { 'pod-template-hash': templateHash },
  };
}

/** The workload's ClusterIP service, and its HPA and PDB when the scenario asks for them. */
function addServiceAndPolicies(
  b: ClusterBuild,
  objects: BuiltObjects,
  w: Workload,
  input: WorkloadInput,
  allocateServiceIp: () => string,
) {
  objects.services.push(buildService(input, allocateServiceIp(), false));
  if (w.hpa) {
    const pending = w.pendingNoIp ?? 0;
    // With pending pods the current utilisation may run well over the target.
    const current = w.hpa.cpuUtilization + b.rng.int(-25, pending > 0 ? 40 : 5);
    objects.hpas.push(buildHpa(input, w.kind, w.hpa, current));
  }
  if (w.pdb) {
    objects.pdbs.push(buildPdb(input, w.pdb));
  }
}

/** Each workload's namespace, controllers, service, policies and pods, in scenario order. */
export function addWorkloads(
  b: ClusterBuild,
  nodes: NodeRecord[],
  objects: BuiltObjects,
  allocateServiceIp: () => string,
) {
  for (const w of workloadsOf(b, nodes)) {
    ensureNamespace(b, objects, w);
    const eligible = eligibleNodes(nodes, w);
    const labels = workloadLabels(w);
    const input = workloadInput(b, w, labels);
    const owner = addOwner(objects, w, input);
    addServiceAndPolicies(b, objects, w, input, allocateServiceIp);
    addWorkloadPods(b, objects, { w, input, owner, eligible });
  }
}
