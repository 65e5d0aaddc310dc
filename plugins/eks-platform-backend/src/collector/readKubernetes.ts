import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type EniConfig,
  type KubeEvent,
  type KubePod,
  type KubePodDisruptionBudget,
  PodAccumulator,
  classifyIpFailure,
  isHybridNode,
  parseAwsNodeSettings,
} from '@eks-platform/plugin-eks-platform-common';
import { CollectionFailure } from './errors';
import type { KubernetesReader } from './KubernetesReader';
import { slimEniConfig, slimIpEvent, slimNode, slimPdb } from './slimObjects';

type ReplicaSetItem = {
  metadata?: {
    name?: string;
    namespace?: string;
    ownerReferences?: Array<{
      kind: string;
      name: string;
      controller?: boolean;
    }>;
  };
};

type DaemonSetItem = {
  spec?: {
    template?: {
      spec?: {
        containers?: Array<{
          name: string;
          image?: string;
          env?: Array<{ name: string; value?: string }>;
        }>;
      };
    };
  };
};

/** What one collection reads from the Kubernetes API, pods already reduced. */
export type KubernetesFacts = Awaited<ReturnType<typeof readKubernetes>>;

type ReadOptions = {
  cluster: string;
  pageSize: number;
  logger: LoggerService;
};

/**
 * Every item of a list, mapped (and dropped where `map` gives undefined) page by page; a list
 * that restarts after 410 Gone starts its items over.
 */
async function listAll<T, R>(
  reader: KubernetesReader,
  path: string,
  options: { limit: number; fieldSelector?: string; optional?: boolean },
  map: (item: T) => R | undefined,
): Promise<R[]> {
  let items: R[] = [];
  await reader.list<T>(path, {
    ...options,
    onPage: page => {
      for (const item of page) {
        const mapped = map(item);
        if (mapped !== undefined) items.push(mapped);
      }
    },
    onRestart: () => {
      items = [];
    },
  });
  return items;
}

/**
 * Lists what the views need from Kubernetes: version, namespaces, nodes, ReplicaSet owners,
 * IP-failure events, PDBs, aws-node and ENIConfigs, then pods page by page, reduced at once by
 * {@link PodAccumulator} so that no pod list is held.
 */
export async function readKubernetes(
  reader: KubernetesReader,
  options: ReadOptions,
) {
  const limit = options.pageSize;
  const version = await reader.get<{ gitVersion?: string }>('/version');
  const namespaces = await listNamespaces(reader, options);
  const nodes = await listAll(reader, '/api/v1/nodes', { limit }, slimNode);
  const replicaSetOwners = await listReplicaSetOwners(reader, limit);
  const ipEvents = await listAll<KubeEvent, KubeEvent>(
    reader,
    '/api/v1/events',
    { limit, fieldSelector: 'involvedObject.kind=Pod,type=Warning' },
    e =>
      classifyIpFailure(e.message) !== undefined ? slimIpEvent(e) : undefined,
  );
  const pdbs = await listAll(
    reader,
    '/apis/policy/v1/poddisruptionbudgets',
    { limit },
    (p: KubePodDisruptionBudget) => slimPdb(p),
  );
  const awsNode = await readAwsNode(reader);
  const eniConfigs = await listAll(
    reader,
    '/apis/crd.k8s.amazonaws.com/v1alpha1/eniconfigs',
    { limit, optional: true },
    (c: EniConfig) => slimEniConfig(c),
  );
  const pods = await readPods(reader, limit, {
    replicaSetOwners,
    ipEvents,
    kubernetesVersion: version?.gitVersion,
    // Hybrid nodes' pods use the remote pod networks: their addresses are counted there.
    hybridNodes: nodes.filter(isHybridNode).map(n => n.metadata.name ?? ''),
  });
  return {
    serverVersion: version?.gitVersion,
    namespaces,
    nodes,
    replicaSetOwners,
    ipEvents,
    pdbs,
    awsNode,
    eniConfigs,
    ...pods,
  };
}

async function listReplicaSetOwners(
  reader: KubernetesReader,
  limit: number,
): Promise<Record<string, string>> {
  const owned = await listAll(
    reader,
    '/apis/apps/v1/replicasets',
    { limit },
    (rs: ReplicaSetItem) => {
      const owner = rs.metadata?.ownerReferences?.find(
        r => r.controller && r.kind === 'Deployment',
      );
      return owner && rs.metadata?.name
        ? ([
            `${rs.metadata.namespace}/${rs.metadata.name}`,
            owner.name,
          ] as const)
        : undefined;
    },
  );
  return Object.fromEntries(owned);
}

async function readAwsNode(reader: KubernetesReader) {
  const daemonSet = await reader.get<DaemonSetItem>(
    '/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node',
  );
  const container = daemonSet?.spec?.template?.spec?.containers?.find(
    c => c.name === 'aws-node',
  );
  return {
    settings: parseAwsNodeSettings(container?.env),
    ...(container?.image && { image: container.image }),
    found: !!daemonSet,
  };
}

async function readPods(
  reader: KubernetesReader,
  limit: number,
  context: {
    replicaSetOwners: Record<string, string>;
    ipEvents: KubeEvent[];
    kubernetesVersion?: string;
    hybridNodes: string[];
  },
) {
  const { replicaSetOwners, ipEvents, kubernetesVersion } = context;
  // Requests are counted as the cluster's version counts them (pod-level resources, resizes).
  const pods = new PodAccumulator({
    replicaSetOwners,
    kubernetesVersion,
    podIpNodes: context.hybridNodes,
    podsOfInterest: ipEvents.map(
      e =>
        `${e.involvedObject?.namespace ?? e.metadata?.namespace ?? 'default'}/${
          e.involvedObject?.name
        }`,
    ),
  });
  const podList = await reader.list<KubePod>('/api/v1/pods', {
    limit,
    onPage: items => pods.addPage(items),
    onRestart: () => pods.reset(),
  });
  return {
    pods: pods.result(),
    podPages: podList.pages,
    podListRestarts: podList.restarts,
  };
}

/**
 * Every namespace's name, sorted. A collector whose role predates namespace listing (403) still
 * collects everything else: the names are then absent and the scaffolder's preflight says it
 * could not check them.
 */
async function listNamespaces(
  reader: KubernetesReader,
  options: ReadOptions,
): Promise<string[] | undefined> {
  try {
    const names = await listAll(
      reader,
      '/api/v1/namespaces',
      { limit: options.pageSize },
      (item: { metadata?: { name?: string } }) =>
        item.metadata?.name || undefined,
    );
    return names.sort();
  } catch (error) {
    if (error instanceof CollectionFailure && error.status === 403) {
      options.logger.warn(
        `Collecting ${options.cluster}: listing namespaces is forbidden (${error.message}); grant 'list namespaces' as in deploy/kubernetes/eks-platform-reader.yaml so the scaffolder can check that a new namespace does not exist yet`,
      );
      return undefined;
    }
    throw error;
  }
}
