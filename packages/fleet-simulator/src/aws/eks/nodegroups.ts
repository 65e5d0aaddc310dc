import type { ClusterModel, NodeGroupFacts } from '../../model/ClusterModel';
import { hexId, uid } from '../../model/determinism';
import { AwsApiError } from '../pagination';
import { EksCall, clusterNamesPage, epoch, findCluster } from './common';

/** ListNodegroups: `GET /clusters/<name>/node-groups` (managed node groups only). */
export function listNodegroups(call: EksCall) {
  return clusterNamesPage(
    call,
    'ListNodegroups',
    'nodegroups',
    c => c.nodeGroups,
  );
}

/** DescribeNodegroup: `GET /clusters/<name>/node-groups/<group>`. */
export function describeNodegroup(call: EksCall) {
  const cluster = findCluster(call, call.segs[1]);
  const group = cluster.nodeGroups.find(g => g.name === call.segs[3]);
  if (!group)
    throw new AwsApiError(
      404,
      'ResourceNotFoundException',
      `No node group found for name: ${call.segs[3]}.`,
    );
  return { nodegroup: nodegroupBody(cluster, group, call.now) };
}

/** Kubernetes taint effects (`NoSchedule`) as EKS spells them (`NO_SCHEDULE`). */
function eksTaints(group: NodeGroupFacts) {
  return group.taints.map(t => ({
    key: t.key,
    value: t.value,
    effect: t.effect.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
  }));
}

function nodegroupBody(
  cluster: ClusterModel,
  group: NodeGroupFacts,
  now: Date,
) {
  const { eks } = cluster;
  const arnBase = `arn:aws:eks:${eks.region}:${eks.accountId}`;
  const id = `${cluster.name}/${group.name}`;
  return {
    nodegroupName: group.name,
    nodegroupArn: `${arnBase}:nodegroup/${eks.name}/${group.name}/${uid(
      `ng:${id}`,
    )}`,
    clusterName: eks.name,
    version: group.version,
    releaseVersion: group.releaseVersion,
    createdAt: epoch(group.createdAt),
    modifiedAt: epoch(now),
    status: group.status,
    capacityType: group.capacityType,
    scalingConfig: {
      minSize: Math.max(0, group.desiredSize - 2),
      maxSize: group.desiredSize * 2,
      desiredSize: group.desiredSize,
    },
    instanceTypes: group.instanceTypes,
    subnets: group.subnets,
    amiType: group.amiType,
    labels: group.labels,
    taints: eksTaints(group),
    resources: {
      autoScalingGroups: [
        { name: `eks-${group.name}-${hexId(`asg:${id}`, 8)}` },
      ],
    },
    diskSize: 20,
    health: {
      issues: group.health.map(h => ({
        code: h.code,
        message: h.message,
        resourceIds: [],
      })),
    },
    updateConfig: { maxUnavailable: 1 },
    tags: {},
  };
}
