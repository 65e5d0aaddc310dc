import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  type EKSClient,
  paginateDescribeAddonVersions,
  paginateDescribeClusterVersions,
  paginateListAddons,
  paginateListInsights,
  paginateListNodegroups,
} from '@aws-sdk/client-eks';
import type {
  EksAddonInfo,
  EksClusterVersionInfo,
  EksInsightSummary,
  EksInstalledAddon,
  EksNodegroupInfo,
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
    subnetIds: cluster?.resourcesVpcConfig?.subnetIds ?? [],
    clusterVersions,
    insights,
    nodegroups,
    addons,
    addonVersions,
  };
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

function iso(value: string | number | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
}
