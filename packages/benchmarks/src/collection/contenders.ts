import { mockServices } from '@backstage/backend-test-utils';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { FleetFile } from '@eks-platform/fleet-simulator';
import { createConfiguredCollector } from '@eks-platform/plugin-eks-platform-backend/testUtils';
import {
  type KubeNode,
  type KubePod,
  summariseCapacity,
} from '@eks-platform/plugin-eks-platform-common';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import https from 'node:https';
import type { ContenderName } from './types';

/** What a contender tells about its run, to check that all saw the same cluster. */
export type ContenderOutcome = {
  pods: number;
  nodes: number;
  /** Bytes received from the Kubernetes API (floor only). */
  bytes?: number;
  /** Size of the stored snapshot (ours only). */
  snapshotBytes?: number;
};

/** A contender, prepared (clients built) before the measurement starts. */
export type PreparedContender = () => Promise<ContenderOutcome>;

type Job = {
  fleet: FleetFile;
  cluster: string;
  pageSize: number;
};

const quietLogger: LoggerService = {
  error: (message: string) => process.stderr.write(`[ours] ${message}\n`),
  warn: (message: string) => process.stderr.write(`[ours] ${message}\n`),
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

/**
 * Ours: the backend's `ClusterCollector`, configured as an app would configure
 * it for this cluster (Kubernetes plugin cluster + `eksPlatform.clusters`), with
 * the real Kubernetes, EKS and EC2 clients. The whole collection is measured:
 * Kubernetes lists (pods reduced page by page), EKS and EC2 calls, and the
 * computation of the snapshot.
 */
async function prepareOurs(job: Job): Promise<PreparedContender> {
  const sim = job.fleet.clusters[job.cluster];
  const config = new ConfigReader({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: job.cluster,
              url: sim.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: sim.token,
              caFile: job.fleet.caFile,
            },
          ],
        },
      ],
    },
    aws: {
      accounts: [
        {
          accountId: sim.accountId,
          accessKeyId: job.fleet.awsCredentials.accessKeyId,
          secretAccessKey: job.fleet.awsCredentials.secretAccessKey,
        },
      ],
    },
    eksPlatform: {
      aws: { endpoint: job.fleet.awsEndpoint },
      collection: { pageSize: job.pageSize, requestTimeoutMs: 120_000 },
      clusters: [
        {
          name: job.cluster,
          clusterName: sim.eksName,
          region: sim.region,
          accountId: sim.accountId,
        },
      ],
    },
  });
  const collect = await createConfiguredCollector(config, {
    logger: quietLogger,
    catalog: catalogServiceMock(),
    auth: mockServices.auth({ pluginId: 'eks-platform' }),
  }).forCluster(job.cluster);
  return async () => {
    const snapshot = await collect();
    if (snapshot.partial.length > 0) {
      throw new Error(
        `ours: partial snapshot (${snapshot.partial.join(
          ', ',
        )}): ${snapshot.sourceErrors.map(e => e.message).join('; ')}`,
      );
    }
    return {
      pods: snapshot.kubernetes.podsListed,
      nodes: snapshot.kubernetes.nodes,
      snapshotBytes: Buffer.byteLength(JSON.stringify(snapshot)),
    };
  };
}

/**
 * Naive: what kube-capacity-style tools do. The typed `@kubernetes/client-node`
 * client lists all nodes and all pods in one call each (no `limit`), then the
 * pods are aggregated per node and capacity type with the same calculation
 * ours uses.
 */
async function prepareNaive(job: Job): Promise<PreparedContender> {
  const sim = job.fleet.clusters[job.cluster];
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: job.cluster,
        server: sim.url,
        caFile: job.fleet.caFile,
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'naive', token: sim.token }],
    contexts: [{ name: 'naive', cluster: job.cluster, user: 'naive' }],
    currentContext: 'naive',
  });
  const core = kubeConfig.makeApiClient(CoreV1Api);
  return async () => {
    const nodes = (await core.listNode()).items;
    const pods = (await core.listPodForAllNamespaces()).items;
    const capacity = summariseCapacity(
      nodes as unknown as KubeNode[],
      pods as unknown as KubePod[],
    );
    if (!(capacity.total.requestedCpuMillis > 0)) {
      throw new Error('naive: no requests summed');
    }
    return { pods: pods.length, nodes: nodes.length };
  };
}

/**
 * Floor: the same Kubernetes requests ours makes (same lists, same page size,
 * same order, one keep-alive connection), read as raw bytes and
 * `JSON.parse`d, nothing else. No EKS or EC2 calls.
 */
async function prepareFloor(job: Job): Promise<PreparedContender> {
  const sim = job.fleet.clusters[job.cluster];
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 1,
    ca: fs.readFileSync(job.fleet.caFile),
  });
  const headers = {
    Authorization: `Bearer ${sim.token}`,
    Accept: 'application/json',
  };
  let bytes = 0;
  const get = (path: string, query: Record<string, string> = {}) =>
    new Promise<any>((resolve, reject) => {
      const url = new URL(path, sim.url);
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      https
        .get(url, { agent, headers }, response => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const body = Buffer.concat(chunks);
            bytes += body.length;
            if (response.statusCode === 404) resolve(undefined);
            else if (response.statusCode !== 200)
              reject(new Error(`floor: GET ${path}: ${response.statusCode}`));
            else resolve(JSON.parse(body.toString('utf8')));
          });
        })
        .on('error', reject);
    });
  const list = async (path: string, extra: Record<string, string> = {}) => {
    let items = 0;
    let continueToken: string | undefined;
    do {
      const query: Record<string, string> = {
        limit: String(job.pageSize),
        ...extra,
      };
      if (continueToken) query.continue = continueToken;
      const page = await get(path, query);
      if (!page) return 0;
      items += page.items.length;
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
    return items;
  };
  return async () => {
    await get('/version');
    const nodes = await list('/api/v1/nodes');
    await list('/apis/apps/v1/replicasets');
    await list('/api/v1/events', {
      fieldSelector: 'involvedObject.kind=Pod,type=Warning',
    });
    await list('/apis/policy/v1/poddisruptionbudgets');
    await get('/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node');
    await list('/apis/crd.k8s.amazonaws.com/v1alpha1/eniconfigs');
    const pods = await list('/api/v1/pods');
    agent.destroy();
    return { pods, nodes, bytes };
  };
}

export function prepareContender(
  name: ContenderName,
  job: Job,
): Promise<PreparedContender> {
  switch (name) {
    case 'ours':
      return prepareOurs(job);
    case 'naive':
      return prepareNaive(job);
    case 'floor':
      return prepareFloor(job);
    default:
      throw new Error(`Unknown contender ${name}`);
  }
}
