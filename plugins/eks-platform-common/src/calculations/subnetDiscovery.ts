import type { AwsNodeSettings } from './awsNodeSettings';
import type { Ec2Subnet } from './types';

/**
 * The subnet tag of enhanced subnet discovery: `1` opts a subnet in for pod ENIs, `0` excludes it.
 *
 * @public
 */
export const CNI_ROLE_TAG = 'kubernetes.io/role/cni';

/**
 * Prefix of the tags that limit a `kubernetes.io/role/cni=1` subnet to the clusters they name
 * (`cni.networking.k8s.aws/cluster/<cluster name>`). The older `kubernetes.io/cluster/<name>`
 * tag does not limit it.
 *
 * @public
 */
export const CNI_CLUSTER_TAG_PREFIX = 'cni.networking.k8s.aws/cluster/';

/**
 * What a subnet is to a cluster's pods:
 * - `cluster`: one of the cluster's own subnets (a node's primary subnet is always used);
 * - `eni-config`: named by an ENIConfig (custom networking, which takes precedence);
 * - `discovered`: tagged `kubernetes.io/role/cni=1` in the cluster's VPC and open to this cluster;
 * - `excluded`: tagged `kubernetes.io/role/cni=0` (no new ENIs, and no pod addresses from its ENIs);
 * - `other-cluster`: tagged `=1` but limited to other clusters;
 * - `discovery-off`: tagged `=1`, but discovery is off (`ENABLE_SUBNET_DISCOVERY=false` or a CNI before 1.18);
 * - `other-vpc`, `untagged`: not used for pod ENIs.
 *
 * @public
 */
export type PodSubnetRole =
  | 'cluster'
  | 'eni-config'
  | 'discovered'
  | 'excluded'
  | 'other-cluster'
  | 'discovery-off'
  | 'other-vpc'
  | 'untagged';

/**
 * The cluster facts {@link podSubnetRole} decides with.
 *
 * @public
 */
export type PodSubnetSelection = {
  /** The EKS cluster's name, matched against `cni.networking.k8s.aws/cluster/<name>` tags. */
  clusterName?: string;
  /** The cluster's VPC; discovered subnets must be in it. */
  vpcId?: string;
  /** `resourcesVpcConfig.subnetIds` of DescribeCluster. */
  clusterSubnetIds: string[];
  /** ENIConfig subnets, when custom networking is on. */
  eniConfigSubnetIds?: string[];
  /** Whether enhanced subnet discovery is on ({@link subnetDiscoveryEnabled}). */
  discovery: boolean;
};

function tagsOf(subnet: Ec2Subnet): Map<string, string> {
  return new Map(
    (subnet.Tags ?? [])
      .filter(t => t.Key !== undefined)
      .map(t => [t.Key!, t.Value ?? '']),
  );
}

/**
 * Whether the VPC CNI may take pod ENIs from a subnet in the node's zone. With discovery on,
 * `kubernetes.io/role/cni=0` excludes any subnet (the cluster's own too); `=1` adds subnets
 * of the VPC, unless `cni.networking.k8s.aws/cluster/*` tags name only other clusters; the
 * cluster's own subnets count untagged. With discovery off only the cluster's subnets count.
 * ENIConfig subnets (custom networking) take precedence over discovery.
 *
 * Source: EKS user guide "Configure subnet selection for Pod IP addresses"
 * (cni-subnet-selection: tag values, primary subnet, cluster-scoped subnet filtering);
 * aws/amazon-vpc-cni-k8s integration tests (the old cluster tag prefix is ignored).
 *
 * @public
 */
export function podSubnetRole(
  subnet: Ec2Subnet,
  selection: PodSubnetSelection,
): PodSubnetRole {
  const id = subnet.SubnetId ?? '';
  if (selection.eniConfigSubnetIds?.includes(id)) return 'eni-config';
  const tags = tagsOf(subnet);
  const cni = tags.get(CNI_ROLE_TAG)?.trim();
  if (selection.discovery && cni === '0') return 'excluded';
  if (selection.clusterSubnetIds.includes(id)) return 'cluster';
  if (cni !== '1') return 'untagged';
  if (!selection.discovery) return 'discovery-off';
  if (selection.vpcId && subnet.VpcId && subnet.VpcId !== selection.vpcId) {
    return 'other-vpc';
  }
  const clusters = [...tags.keys()]
    .filter(k => k.startsWith(CNI_CLUSTER_TAG_PREFIX))
    .map(k => k.slice(CNI_CLUSTER_TAG_PREFIX.length));
  if (clusters.length === 0) return 'discovered';
  return selection.clusterName && clusters.includes(selection.clusterName)
    ? 'discovered'
    : 'other-cluster';
}

/**
 * Whether a subnet of this role holds pod addresses.
 *
 * @public
 */
export function holdsPodAddresses(role: PodSubnetRole): boolean {
  return role === 'cluster' || role === 'eni-config' || role === 'discovered';
}

/**
 * Whether enhanced subnet discovery is on: `ENABLE_SUBNET_DISCOVERY` when the aws-node env
 * sets it, else on for VPC CNI 1.18.0 and later (read from the aws-node image tag, e.g.
 * `.../amazon-k8s-cni:v1.19.2-eksbuild.1`). `known` is false when neither tells.
 *
 * Source: EKS user guide "Configure subnet selection for Pod IP addresses" (on by default
 * from VPC CNI 1.18.0); aws/amazon-vpc-cni-k8s v1.18.0 release notes.
 *
 * @public
 */
export function subnetDiscoveryEnabled(
  settings: Pick<AwsNodeSettings, 'subnetDiscovery'>,
  awsNodeImage?: string,
): { enabled: boolean; known: boolean } {
  if (settings.subnetDiscovery !== undefined) {
    return { enabled: settings.subnetDiscovery, known: true };
  }
  const m = /:v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+@].*)?$/.exec(awsNodeImage ?? '');
  if (!m) return { enabled: true, known: false };
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return { enabled: major > 1 || (major === 1 && minor >= 18), known: true };
}

const ROLE_NOTES: Partial<Record<PodSubnetRole, string>> = {
  discovered:
    'tagged kubernetes.io/role/cni=1 in the nodes’ zones: their free addresses count for pods (enhanced subnet discovery)',
  excluded:
    'tagged kubernetes.io/role/cni=0: excluded from pod addresses, not counted',
  'other-cluster':
    'tagged kubernetes.io/role/cni=1 but limited by cni.networking.k8s.aws/cluster/ tags to other clusters: not counted',
  'discovery-off':
    'tagged kubernetes.io/role/cni=1 but enhanced subnet discovery is off here: not counted',
};

/**
 * Notes on the subnets that discovery adds or leaves out, one per role.
 *
 * @public
 */
export function podSubnetRoleNotes(
  subnets: Array<{ subnetId?: string; podSubnetRole?: PodSubnetRole }>,
): string[] {
  return Object.entries(ROLE_NOTES).flatMap(([role, text]) => {
    const ids = subnets
      .filter(s => s.podSubnetRole === role)
      .map(s => s.subnetId ?? '(unnamed)');
    return ids.length > 0
      ? [`${ids.length} subnet(s) ${text}: ${ids.join(', ')}`]
      : [];
  });
}
