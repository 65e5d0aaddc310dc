import {
  type ClusterDetail,
  type ClusterVersionStatus,
  type EksInsightSummary,
  kubeletSkew,
  type NodeGroupSkew,
  summariseInsights,
} from '@eks-platform/plugin-eks-platform-common';
import { legacyAddons } from './legacyAddons';
import {
  fleetOverviews,
  legacyEuWest1,
  prodEuCapacity,
  prodEuWest1,
} from './overviews';
import { greenInsights, greenRollback } from './rollback';
import { version131, version132, version133, version134 } from './versions';

type VersionDetail = NonNullable<ClusterDetail['version']>;

/** An EKS upgrade-readiness insight as ListInsights returns it. */
const insight = (
  name: string,
  kubernetesVersion: string,
  status: 'PASSING' | 'WARNING' | 'ERROR',
  reason?: string,
): EksInsightSummary => ({
  name,
  category: 'UPGRADE_READINESS',
  kubernetesVersion,
  insightStatus: { status, reason },
});

/** A node group's kubelet skew, judged against the API server by the common rule. */
function skew(
  nodeGroup: string,
  apiServer: string,
  kubelet: string,
  nodeCount: number,
): NodeGroupSkew {
  const worst = kubeletSkew(apiServer, kubelet);
  return { nodeGroup, kubeletVersions: [kubelet], nodeCount, worst };
}

/**
 * A cluster's version view: its status, the upgrade policy it was evaluated with and the
 * summarised insights. Counts come from summariseInsights so they match the list.
 */
export function versionDetail(
  status: ClusterVersionStatus,
  facts: {
    insights?: EksInsightSummary[];
    skew?: NodeGroupSkew[];
    addons?: VersionDetail['addons'];
  } = {},
): VersionDetail {
  return {
    status,
    upgradePolicy: status.supportType,
    skew: facts.skew ?? [],
    insights: summariseInsights(facts.insights ?? []),
    addons: facts.addons ?? [],
  };
}

/** A 1.33 cluster whose two upgrade insights pass (prod-eu-west-1, staging-eu-west-1). */
export const passing133 = versionDetail(version133, {
  insights: [
    insight('Deprecated APIs removed in Kubernetes v1.34', '1.34', 'PASSING'),
    insight('Kubelet version skew', '1.34', 'PASSING'),
  ],
});

/**
 * `GET /clusters/legacy-eu-west-1`: 1.31 with an AL2 node group three minors behind and
 * a kube-proxy that blocks the upgrade.
 *
 * @public
 */
export const legacyDetail: ClusterDetail = {
  overview: legacyEuWest1,
  version: versionDetail(version131, {
    skew: [
      skew('legacy-al2', '1.31', '1.28', 3),
      skew('core-131', '1.31', '1.31', 3),
    ],
    insights: [
      insight('Amazon EKS add-on version compatibility', '1.32', 'PASSING'),
      insight(
        'Deprecated APIs removed in Kubernetes v1.32',
        '1.32',
        'ERROR',
        'Deprecated API usage detected within last 30 days.',
      ),
      insight(
        'kube-proxy version skew',
        '1.32',
        'ERROR',
        'kube-proxy v1.28.15-eksbuild.30 is more than 3 minor versions behind 1.32.',
      ),
      insight(
        'Kubelet version skew',
        '1.32',
        'ERROR',
        'Node group legacy-al2 runs kubelet 1.28; after an upgrade to 1.32 it would be 4 minor versions behind the control plane.',
      ),
      insight(
        'Amazon Linux 2 compatibility',
        '1.33',
        'WARNING',
        'Node group legacy-al2 uses an Amazon Linux 2 AMI; EKS publishes no AL2 AMIs for Kubernetes 1.33 and later.',
      ),
    ],
    addons: legacyAddons,
  }),
};

/** `GET /clusters/prod-eu-west-1`: its capacity by type and a passing version check. @public */
export const prodEuDetail: ClusterDetail = {
  overview: prodEuWest1,
  spot: { capacity: prodEuCapacity, workloads: [] },
  version: passing133,
};

const versionByCluster: Record<string, ClusterVersionStatus> = {
  'prod-ap-south-1': version132,
  'staging-eu-west-1': version133,
  'checkout-blue': version132,
  'checkout-green': version134,
};

/** `GET /clusters/:name` for every fixture cluster (prod-us-east-1 was never collected). @public */
export function fleetDetail(name: string): ClusterDetail | undefined {
  if (name === legacyDetail.overview.name) return legacyDetail;
  if (name === prodEuDetail.overview.name) return prodEuDetail;
  const overview = fleetOverviews.find(c => c.name === name);
  if (!overview) return undefined;
  const status = versionByCluster[name];
  if (name === 'checkout-green') {
    const version = versionDetail(status, { insights: greenInsights });
    return { overview, version: { ...version, rollback: greenRollback } };
  }
  return { overview, version: status ? versionDetail(status) : undefined };
}
