import { EksCatalog, ScenarioCluster } from '../scenario/schema';
import { ClusterModel } from './ClusterModel';
import { BuiltObjects, serviceIpAllocator, startBuild } from './clusterBuild';
import { eksFacts, nodeGroupFacts, subnetFacts } from './clusterFacts';
import {
  addNodeDaemonSets,
  buildNodes,
  checkPodCapacity,
  reserveWarmPools,
} from './clusterNodes';
import { addWorkloads } from './clusterWorkloads';
import { hexId, uid } from './determinism';
import { getInstanceType } from './instanceTypes';
import { buildEniConfig, buildNamespace } from './kubeObjects';

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

function systemObjects(createdAt: Date): BuiltObjects {
  return {
    pods: [],
    events: [],
    namespaces: new Map(
      SYSTEM_NAMESPACES.map(ns => [ns, buildNamespace(ns, createdAt)]),
    ),
    deployments: [],
    replicaSets: [],
    statefulSets: [],
    services: [],
    hpas: [],
    pdbs: [],
    daemonSets: [],
  };
}

/**
 * Builds the Kubernetes objects and AWS facts of one scenario cluster. The steps run in a fixed
 * order because they share one seeded random source and the subnets' address allocators.
 */
export function buildCluster(
  cluster: ScenarioCluster,
  catalog: EksCatalog,
  now: Date = new Date(),
): ClusterModel {
  const b = startBuild(cluster, catalog, now);
  const clusterCreated = cluster.eks.createdAt;
  const nodes = buildNodes(b);
  const objects = systemObjects(clusterCreated);
  const allocateServiceIp = serviceIpAllocator(cluster.eks.serviceIpv4Cidr);
  addNodeDaemonSets(b, nodes, objects);
  addWorkloads(b, nodes, objects, allocateServiceIp);
  checkPodCapacity(nodes);
  reserveWarmPools(b, nodes);

  const model = new ClusterModel(
    cluster.name,
    cluster.token ?? defaultToken(cluster.name),
    eksFacts(b),
    subnetFacts(b),
    nodeGroupFacts(b),
    cluster.addons,
    cluster.insights.map(i => ({
      ...i,
      id: i.id ?? uid(`insight:${cluster.name}:${i.name}`),
    })),
    // Hybrid nodes are not EC2 instances: their types only size the machines.
    [
      ...new Set(
        cluster.nodeGroups
          .filter(g => g.provisioner !== 'hybrid')
          .flatMap(g => g.instanceTypes),
      ),
    ].map(getInstanceType),
    clusterCreated,
    cluster.kubePort,
  );
  const { namespaces, ...rest } = objects;
  model.setObjects({
    ...rest,
    nodes: nodes.map(n => n.object),
    namespaces: [...namespaces.values()],
    eniConfigs: cluster.eniConfigs.map(e =>
      buildEniConfig({ ...e, createdAt: clusterCreated }),
    ),
  });
  return model;
}
