import type {
  EniConfig,
  KubeEvent,
  KubeNode,
  KubePodDisruptionBudget,
} from '@eks-platform/plugin-eks-platform-common';

const NODE_GROUP_LABELS = [
  'eks.amazonaws.com/nodegroup',
  'karpenter.sh/nodepool',
  'alpha.eksctl.io/nodegroup-name',
  'eks.amazonaws.com/compute-type',
];

/** A node without what no calculation reads (images, conditions' messages, ...). */
export function slimNode(node: KubeNode): KubeNode {
  return {
    metadata: {
      name: node.metadata.name,
      labels: node.metadata.labels,
      annotations: node.metadata.annotations?.['k8s.amazonaws.com/eniConfig']
        ? {
            'k8s.amazonaws.com/eniConfig':
              node.metadata.annotations['k8s.amazonaws.com/eniConfig'],
          }
        : undefined,
    },
    spec: {
      unschedulable: node.spec?.unschedulable,
      taints: node.spec?.taints,
      ...(node.spec?.podCIDRs && { podCIDRs: node.spec.podCIDRs }),
      ...(node.spec?.podCIDR && { podCIDR: node.spec.podCIDR }),
    },
    status: {
      allocatable: node.status?.allocatable,
      nodeInfo: { kubeletVersion: node.status?.nodeInfo?.kubeletVersion },
    },
  };
}

/** A node reduced to its name, node-group labels and kubelet version, which the skew checks read. */
export function kubeletNode(node: KubeNode): KubeNode {
  const labels: Record<string, string> = {};
  for (const key of NODE_GROUP_LABELS) {
    const value = node.metadata.labels?.[key];
    if (value !== undefined) labels[key] = value;
  }
  return {
    metadata: { name: node.metadata.name, labels },
    status: {
      nodeInfo: { kubeletVersion: node.status?.nodeInfo?.kubeletVersion },
    },
  };
}

/** A Warning event about a pod, reduced to what IP-failure classification reads. */
export function slimIpEvent(e: KubeEvent): KubeEvent {
  return {
    involvedObject: e.involvedObject,
    type: e.type,
    reason: e.reason,
    message: e.message,
    count: e.count,
    firstTimestamp: e.firstTimestamp,
    lastTimestamp: e.lastTimestamp,
    eventTime: e.eventTime,
    metadata: { namespace: e.metadata?.namespace },
  };
}

export function slimPdb(p: KubePodDisruptionBudget): KubePodDisruptionBudget {
  return {
    metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
    spec: p.spec,
  };
}

export function slimEniConfig(c: EniConfig): EniConfig {
  return { metadata: { name: c.metadata.name }, spec: c.spec };
}
