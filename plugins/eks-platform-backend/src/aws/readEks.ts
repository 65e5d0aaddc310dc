import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  DescribeUpdateCommand,
  type EKSClient,
  paginateDescribeAddonVersions,
  paginateDescribeClusterVersions,
  paginateListAddons,
  paginateListInsights,
  paginateListNodegroups,
  paginateListUpdates,
  type RemoteNetworkConfigResponse,
} from '@aws-sdk/client-eks';
import type {
  EksAddonInfo,
  EksClusterVersionInfo,
  EksInsightSummary,
  EksInstalledAddon,
  EksNodegroupInfo,
  EksUpdateInfo,
} from '@eks-platform/plugin-eks-platform-common';
import type { ClusterSnapshot } from '../store/types';

/** What one collection reads from EKS: the snapshot's `eks` part without the cluster name. */
export type EksFacts = Omit<NonNullable<ClusterSnapshot['eks']>, 'clusterName'>;

type Send = { abortSignal?: AbortSignal };

/**
 * Reads a cluster's EKS facts: the cluster, the version calendar, insights, node groups and
 * add-ons with their versions, each reduced to the fields the calculations read. The scheduler's
 * timeout (`signal`) cancels these calls too.
 */
export async function readEks(
  eks: EKSClient,
  clusterName: string,
  signal: AbortSignal | undefined,
): Promise<EksFacts> {
  const send: Send = { abortSignal: signal };
  const { cluster } = await eks.send(
    new DescribeClusterCommand({ name: clusterName }),
    send,
  );
  const clusterVersions = await readClusterVersions(eks, send);
  const insights = await readInsights(eks, clusterName, send);
  const nodegroups = await readNodegroups(eks, clusterName, send);
  const { addons, addonVersions } = await readAddons(eks, clusterName, send);
  const { updates, updatesIncomplete } = await readVersionUpdates(
    eks,
    clusterName,
    send,
  );
  const supportType = cluster?.upgradePolicy?.supportType;
  return {
    version: cluster?.version,
    platformVersion: cluster?.platformVersion,
    status: cluster?.status,
    upgradePolicy:
      supportType === 'STANDARD' || supportType === 'EXTENDED'
        ? supportType
        : undefined,
    ...ipFamilyOf(cluster?.kubernetesNetworkConfig?.ipFamily),
    ...(cluster?.computeConfig && {
      computeConfig: {
        enabled: cluster.computeConfig.enabled,
        nodePools: cluster.computeConfig.nodePools,
        nodeRoleArn: cluster.computeConfig.nodeRoleArn,
      },
    }),
    ...remoteNetworksOf(cluster?.remoteNetworkConfig),
    subnetIds: cluster?.resourcesVpcConfig?.subnetIds ?? [],
    ...(cluster?.resourcesVpcConfig?.vpcId && {
      vpcId: cluster.resourcesVpcConfig.vpcId,
    }),
    clusterVersions,
    insights,
    nodegroups,
    addons,
    addonVersions,
    updates,
    ...(updatesIncomplete && { updatesIncomplete }),
  };
}

/** DescribeUpdate calls one collection makes at most: a cluster's updates grow without end. */
export const MAX_UPDATES_DESCRIBED = 50;
/** Version changes kept in the snapshot, newest first: the rollback window reads the last. */
const VERSION_CHANGES_KEPT = 5;
const VERSION_CHANGE_TYPES = ['VersionUpdate', 'VersionRollback'];

/**
 * The cluster's recent version changes (`VersionUpdate`, `VersionRollback`), newest first.
 * ListUpdates gives ids only, in no time order (containers-roadmap#1439), so every listed
 * update is described, up to {@link MAX_UPDATES_DESCRIBED}; past that `updatesIncomplete` says
 * a newer change may be missing.
 */
async function readVersionUpdates(
  eks: EKSClient,
  name: string,
  send: Send,
): Promise<{ updates: EksUpdateInfo[]; updatesIncomplete: boolean }> {
  const ids: string[] = [];
  for await (const page of paginateListUpdates(
    { client: eks, pageSize: 100 },
    { name },
    send,
  )) {
    ids.push(...(page.updateIds ?? []));
    if (ids.length > MAX_UPDATES_DESCRIBED) break;
  }
  const changes: EksUpdateInfo[] = [];
  for (const updateId of ids.slice(0, MAX_UPDATES_DESCRIBED)) {
    const { update } = await eks.send(
      new DescribeUpdateCommand({ name, updateId }),
      send,
    );
    if (update && VERSION_CHANGE_TYPES.includes(update.type ?? '')) {
      changes.push({
        id: update.id,
        type: update.type,
        status: update.status,
        createdAt: iso(update.createdAt),
        params: update.params?.map(p => ({ type: p.type, value: p.value })),
        errors: update.errors?.map(e => ({
          errorCode: e.errorCode,
          errorMessage: e.errorMessage,
        })),
      });
    }
  }
  const updates = changes
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))
    .slice(0, VERSION_CHANGES_KEPT);
  return { updates, updatesIncomplete: ids.length > MAX_UPDATES_DESCRIBED };
}

async function readClusterVersions(
  eks: EKSClient,
  send: Send,
): Promise<EksClusterVersionInfo[]> {
  const versions: EksClusterVersionInfo[] = [];
  for await (const page of paginateDescribeClusterVersions(
    { client: eks },
    { clusterType: 'eks', includeAll: true },
    send,
  )) {
    for (const v of page.clusterVersions ?? []) {
      versions.push({
        clusterVersion: v.clusterVersion,
        clusterType: v.clusterType,
        defaultVersion: v.defaultVersion,
        releaseDate: iso(v.releaseDate),
        endOfStandardSupportDate: iso(v.endOfStandardSupportDate),
        endOfExtendedSupportDate: iso(v.endOfExtendedSupportDate),
        versionStatus: v.versionStatus,
        status: v.status,
        kubernetesPatchVersion: v.kubernetesPatchVersion,
      });
    }
  }
  return versions;
}

async function readInsights(
  eks: EKSClient,
  clusterName: string,
  send: Send,
): Promise<EksInsightSummary[]> {
  const insights: EksInsightSummary[] = [];
  for await (const page of paginateListInsights(
    { client: eks },
    { clusterName },
    send,
  )) {
    for (const i of page.insights ?? []) {
      insights.push({
        id: i.id,
        name: i.name,
        category: i.category,
        kubernetesVersion: i.kubernetesVersion,
        lastRefreshTime: iso(i.lastRefreshTime),
        lastTransitionTime: iso(i.lastTransitionTime),
        description: i.description,
        insightStatus: i.insightStatus,
      });
    }
  }
  return insights;
}

async function readNodegroups(
  eks: EKSClient,
  clusterName: string,
  send: Send,
): Promise<EksNodegroupInfo[]> {
  const nodegroups: EksNodegroupInfo[] = [];
  for await (const page of paginateListNodegroups(
    { client: eks },
    { clusterName },
    send,
  )) {
    for (const nodegroupName of page.nodegroups ?? []) {
      const { nodegroup } = await eks.send(
        new DescribeNodegroupCommand({ clusterName, nodegroupName }),
        send,
      );
      if (nodegroup) {
        nodegroups.push({
          nodegroupName: nodegroup.nodegroupName,
          version: nodegroup.version,
          releaseVersion: nodegroup.releaseVersion,
          amiType: nodegroup.amiType,
          capacityType: nodegroup.capacityType,
          status: nodegroup.status,
        });
      }
    }
  }
  return nodegroups;
}

async function readAddons(
  eks: EKSClient,
  clusterName: string,
  send: Send,
): Promise<{ addons: EksInstalledAddon[]; addonVersions: EksAddonInfo[] }> {
  const addons: EksInstalledAddon[] = [];
  const addonVersions: EksAddonInfo[] = [];
  for await (const page of paginateListAddons(
    { client: eks },
    { clusterName },
    send,
  )) {
    for (const addonName of page.addons ?? []) {
      const { addon } = await eks.send(
        new DescribeAddonCommand({ clusterName, addonName }),
        send,
      );
      if (addon) {
        addons.push({
          addonName: addon.addonName,
          addonVersion: addon.addonVersion,
          status: addon.status,
        });
      }
      addonVersions.push(...(await readAddonVersions(eks, addonName, send)));
    }
  }
  return { addons, addonVersions };
}

async function readAddonVersions(
  eks: EKSClient,
  addonName: string,
  send: Send,
): Promise<EksAddonInfo[]> {
  const infos: EksAddonInfo[] = [];
  for await (const versions of paginateDescribeAddonVersions(
    { client: eks },
    { addonName },
    send,
  )) {
    for (const a of versions.addons ?? []) {
      infos.push({
        addonName: a.addonName,
        type: a.type,
        addonVersions: a.addonVersions?.map(v => ({
          addonVersion: v.addonVersion,
          compatibilities: v.compatibilities?.map(c => ({
            clusterVersion: c.clusterVersion,
            defaultVersion: c.defaultVersion,
          })),
        })),
      });
    }
  }
  return infos;
}

function ipFamilyOf(value: string | undefined): Pick<EksFacts, 'ipFamily'> {
  return value === 'ipv4' || value === 'ipv6' ? { ipFamily: value } : {};
}

/** The remote networks' CIDRs, without the fields the calculations do not read. */
function remoteNetworksOf(
  config: RemoteNetworkConfigResponse | undefined,
): Pick<EksFacts, 'remoteNetworkConfig'> {
  if (!config) return {};
  const cidrs = (networks: Array<{ cidrs?: string[] }> | undefined) =>
    (networks ?? []).map(n => ({ cidrs: [...(n.cidrs ?? [])] }));
  return {
    remoteNetworkConfig: {
      remoteNodeNetworks: cidrs(config.remoteNodeNetworks),
      remotePodNetworks: cidrs(config.remotePodNetworks),
    },
  };
}

function iso(value: string | number | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
}
