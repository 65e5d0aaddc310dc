import {
  ArrayCollection,
  KubeObject,
  ObjectCollection,
} from './ObjectCollection';
import { InstanceTypeSpec } from './instanceTypes';
import type { UpdateFacts } from './clusterUpdates';
import { ScenarioInsight } from '../scenario/schema';

/** EKS-side facts about a cluster (DescribeCluster). */
export interface EksClusterFacts {
  name: string;
  accountId: string;
  region: string;
  version: string;
  platformVersion: string;
  status: string;
  createdAt: Date;
  supportType: 'STANDARD' | 'EXTENDED';
  vpcId: string;
  serviceIpv4Cidr: string;
  ipFamily: 'ipv4' | 'ipv6';
  /** EKS Hybrid Nodes' remote node and pod networks (`remoteNetworkConfig`). */
  remoteNetwork?: { nodeCidrs: string[]; podCidrs: string[] };
  securityGroupIds: string[];
  tags: Record<string, string>;
  /** ListUpdates / DescribeUpdate: the cluster's updates (its in-place upgrade, ...). */
  updates: UpdateFacts[];
}

/** DescribeCluster `computeConfig` of an EKS Auto Mode cluster. */
export interface AutoModeFacts {
  nodePools: string[];
  nodeRoleArn: string;
}

/** A subnet as DescribeSubnets reports it. */
export interface SubnetFacts {
  id: string;
  vpcId: string;
  accountId: string;
  region: string;
  zone: string;
  cidr: string;
  availableIps: number;
  name: string;
  purpose: 'nodes' | 'pods';
  clusterName: string;
  /** The scenario's extra tags (e.g. `kubernetes.io/role/cni`). */
  tags: Record<string, string>;
  /** The ENIs with addresses in the subnet, as DescribeNetworkInterfaces lists them. */
  networkInterfaces: NetworkInterfaceFacts[];
  /** As GetSubnetCidrReservations lists them. */
  cidrReservations: { id: string; cidr: string; type: 'explicit' | 'prefix' }[];
}

/** One ENI of a subnet: a node's (attached to its instance) or another service's. */
export interface NetworkInterfaceFacts {
  id: string;
  primary: string;
  secondaries: string[];
  prefixes: string[];
  /** The node's EC2 instance; absent for other services' ENIs. */
  instanceId?: string;
  description: string;
}

/** A managed node group as DescribeNodegroup reports it. */
export interface NodeGroupFacts {
  name: string;
  capacityType: 'ON_DEMAND' | 'SPOT';
  instanceTypes: string[];
  desiredSize: number;
  version: string;
  releaseVersion: string;
  amiType: string;
  subnets: string[];
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  status: string;
  health: { code: string; message: string }[];
  createdAt: Date;
}

export interface AddonFacts {
  name: string;
  version: string;
  status: string;
}

/** `group/version/plural`, with an empty group for the core API. */
export type ResourceKey = string;

export function resourceKey(group: string, version: string, plural: string) {
  return `${group}/${version}/${plural}`;
}

/** The objects a cluster starts with, by resource; a resource left out is not served at all. */
export interface ClusterObjects {
  nodes: KubeObject[];
  pods: KubeObject[] | ObjectCollection;
  namespaces: KubeObject[];
  events?: KubeObject[];
  services: KubeObject[];
  deployments: KubeObject[];
  replicaSets: KubeObject[];
  statefulSets?: KubeObject[];
  daemonSets: KubeObject[];
  hpas: KubeObject[];
  pdbs: KubeObject[];
  eniConfigs?: KubeObject[];
}

const CLUSTER_OBJECT_RESOURCES: [keyof ClusterObjects, ResourceKey][] = [
  ['nodes', resourceKey('', 'v1', 'nodes')],
  ['pods', resourceKey('', 'v1', 'pods')],
  ['namespaces', resourceKey('', 'v1', 'namespaces')],
  ['events', resourceKey('', 'v1', 'events')],
  ['services', resourceKey('', 'v1', 'services')],
  ['deployments', resourceKey('apps', 'v1', 'deployments')],
  ['replicaSets', resourceKey('apps', 'v1', 'replicasets')],
  ['statefulSets', resourceKey('apps', 'v1', 'statefulsets')],
  ['daemonSets', resourceKey('apps', 'v1', 'daemonsets')],
  ['hpas', resourceKey('autoscaling', 'v2', 'horizontalpodautoscalers')],
  ['pdbs', resourceKey('policy', 'v1', 'poddisruptionbudgets')],
  [
    'eniConfigs',
    resourceKey('crd.k8s.amazonaws.com', 'v1alpha1', 'eniconfigs'),
  ],
];

/**
 * Everything the simulator serves for one cluster: its Kubernetes objects by resource, and its EKS
 * and EC2 facts.
 */
export class ClusterModel {
  private readonly collections = new Map<ResourceKey, ObjectCollection>();
  private revision = 1000;

  constructor(
    readonly name: string,
    readonly token: string,
    readonly eks: EksClusterFacts & { autoMode?: AutoModeFacts },
    readonly subnets: SubnetFacts[],
    readonly nodeGroups: NodeGroupFacts[],
    readonly addons: AddonFacts[],
    readonly insights: (ScenarioInsight & { id: string })[],
    readonly instanceTypes: InstanceTypeSpec[],
    readonly createdAt: Date,
    /** The scenario's fixed Kubernetes API port, if it sets one. */
    readonly kubePort?: number,
  ) {}

  setCollection(key: ResourceKey, collection: ObjectCollection) {
    this.collections.set(key, collection);
  }

  /** Sets the collection of every resource given; arrays are held as sorted collections. */
  setObjects(objects: ClusterObjects) {
    for (const [field, key] of CLUSTER_OBJECT_RESOURCES) {
      const value = objects[field];
      if (value === undefined) continue;
      this.setCollection(
        key,
        Array.isArray(value) ? new ArrayCollection(value) : value,
      );
    }
  }

  collection(key: ResourceKey): ObjectCollection | undefined {
    return this.collections.get(key);
  }

  /** The current resourceVersion of the cluster (one etcd revision for everything). */
  get resourceVersion(): string {
    return String(this.revision);
  }

  /** Adds an object (POST); returns it with its server-set fields. */
  create(key: ResourceKey, object: KubeObject): KubeObject {
    let collection = this.collections.get(key);
    if (!collection) {
      collection = new ArrayCollection([]);
      this.collections.set(key, collection);
    }
    if (!(collection instanceof ArrayCollection)) {
      throw new Error(`Resource ${key} is read-only in this cluster`);
    }
    this.revision += 1;
    const stored: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        resourceVersion: String(this.revision),
        creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    };
    collection.add(stored);
    return stored;
  }

  countOf(key: ResourceKey): number {
    return this.collections.get(key)?.size() ?? 0;
  }
}
