import { nodeGroupOf } from './capacityType';
import { minorVersionOf, parseKubernetesVersion } from './kubernetesVersion';
import type { EksNodegroupInfo, KubeNode } from './types';
import type { FigureRule } from './figure';

/**
 * Skew verdict.
 * - `ok`: within the policy with room for the next control-plane upgrade
 * - `warn`: at the limit: the next control-plane upgrade would break the policy
 * - `violation`: kubelet newer than the API server, or too old
 * - `unknown`: a version could not be read
 *
 * @public
 */
export type SkewStatus = 'ok' | 'warn' | 'violation' | 'unknown';

/**
 * The kubelet/API server skew of one kubelet version.
 *
 * @public
 */
export type KubeletSkew = {
  status: SkewStatus;
  apiServerVersion: string;
  kubeletVersion: string;
  /** API server minor minus kubelet minor (negative when the kubelet is newer). */
  minorsBehind?: number;
  /** 3, or 2 for kubelets older than 1.25. */
  allowedMinorsBehind?: number;
  reason: string;
};

/**
 * Checks the Kubernetes version skew policy for a kubelet: it must not be newer than
 * the API server and may be at most 3 minor versions older (2 for kubelets older
 * than 1.25). At exactly the limit the verdict is `warn`.
 *
 * Source: Kubernetes "Version Skew Policy" (kubelet); domain notes "Version skew".
 *
 * @public
 */
export function kubeletSkew(
  apiServerVersion: string,
  kubeletVersion: string,
): KubeletSkew {
  const api = parseKubernetesVersion(apiServerVersion);
  const kubelet = parseKubernetesVersion(kubeletVersion);
  const base = { apiServerVersion, kubeletVersion };
  if (!api || !kubelet) {
    return { ...base, status: 'unknown', reason: 'version not readable' };
  }
  if (api.major !== kubelet.major) {
    return {
      ...base,
      status: 'violation',
      reason: `kubelet major version ${kubelet.major} differs from API server ${api.major}`,
    };
  }
  const behind = api.minor - kubelet.minor;
  const allowed = kubelet.major === 1 && kubelet.minor < 25 ? 2 : 3;
  const k = `${kubelet.major}.${kubelet.minor}`;
  const a = `${api.major}.${api.minor}`;
  const result = {
    ...base,
    minorsBehind: behind,
    allowedMinorsBehind: allowed,
  };
  if (behind < 0) {
    return {
      ...result,
      status: 'violation',
      reason: `kubelet ${k} is newer than the API server ${a}`,
    };
  }
  if (behind > allowed) {
    return {
      ...result,
      status: 'violation',
      reason: `kubelet ${k} is ${behind} minor versions behind the API server ${a}; at most ${allowed} allowed`,
    };
  }
  if (behind === allowed) {
    return {
      ...result,
      status: 'warn',
      reason: `kubelet ${k} is ${behind} minor versions behind the API server ${a}, the most allowed: upgrade nodes before the control plane`,
    };
  }
  return {
    ...result,
    status: 'ok',
    reason:
      behind === 0
        ? `kubelet ${k} matches the API server`
        : `kubelet ${k} is ${behind} minor version${
            behind === 1 ? '' : 's'
          } behind the API server ${a}`,
  };
}

/**
 * The skew of one node group: the worst over its kubelet versions.
 *
 * @public
 */
export type NodeGroupSkew = {
  nodeGroup: string;
  /** Distinct kubelet minor versions seen (node group `version` and nodes). */
  kubeletVersions: string[];
  nodeCount: number;
  worst: KubeletSkew;
};

const SEVERITY: Record<SkewStatus, number> = {
  violation: 3,
  unknown: 2,
  warn: 1,
  ok: 0,
};

/**
 * Kubelet skew per node group, from EKS managed node groups' `version` (which does not
 * follow the control plane) and from nodes' `status.nodeInfo.kubeletVersion`, grouped
 * by {@link nodeGroupOf}. Sorted worst first.
 *
 * @public
 */
export function nodeGroupSkew(
  apiServerVersion: string,
  input: { nodegroups?: EksNodegroupInfo[]; nodes?: KubeNode[] },
): NodeGroupSkew[] {
  const groups = new Map<string, { versions: Set<string>; nodes: number }>();
  const add = (group: string, version: string | undefined, isNode: boolean) => {
    const entry = groups.get(group) ?? { versions: new Set(), nodes: 0 };
    const minor = minorVersionOf(version) ?? version;
    if (minor) entry.versions.add(minor);
    if (isNode) entry.nodes++;
    groups.set(group, entry);
  };
  for (const ng of input.nodegroups ?? []) {
    if (ng.nodegroupName) add(ng.nodegroupName, ng.version, false);
  }
  for (const node of input.nodes ?? []) {
    add(nodeGroupOf(node).name, node.status?.nodeInfo?.kubeletVersion, true);
  }
  const result: NodeGroupSkew[] = [];
  for (const [nodeGroup, entry] of groups) {
    const versions = [...entry.versions].sort();
    const checks = versions.map(v => kubeletSkew(apiServerVersion, v));
    const worst =
      checks.sort((x, y) => SEVERITY[y.status] - SEVERITY[x.status])[0] ??
      kubeletSkew(apiServerVersion, '');
    result.push({
      nodeGroup,
      kubeletVersions: versions,
      nodeCount: entry.nodes,
      worst,
    });
  }
  return result.sort(
    (a, b) =>
      SEVERITY[b.worst.status] - SEVERITY[a.worst.status] ||
      a.nodeGroup.localeCompare(b.nodeGroup),
  );
}

/**
 * The rule of a node group's kubelet version skew.
 *
 * @public
 */
export const SKEW_RULES = {
  kubeletSkew: {
    formula:
      'minors behind = API server minor - kubelet minor; allowed 0..3 (0..2 for kubelets older than 1.25)',
    source:
      'EKS DescribeNodegroup version and node.status.nodeInfo.kubeletVersion',
  },
} satisfies Record<string, FigureRule>;
