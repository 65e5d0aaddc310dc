import type { KubeEvent, KubePod } from './types';
import type { FigureRule } from './figure';

/**
 * Which kind of address shortage a message points to.
 * - `subnet-exhausted`: EC2 `InsufficientFreeAddressesInSubnet`
 * - `no-contiguous-prefix`: EC2 `InsufficientCidrBlocks` (prefix delegation: no free /28)
 * - `ip-assignment-failed`: the CNI could not give the pod an address (cause not named)
 *
 * @public
 */
export type IpFailureKind =
  | 'subnet-exhausted'
  | 'no-contiguous-prefix'
  | 'ip-assignment-failed';

/**
 * A pod failing to get a VPC address.
 *
 * @public
 */
export type IpAssignmentFailure = {
  namespace: string;
  podName: string;
  nodeName?: string;
  kind: IpFailureKind;
  /** Where it was seen: an event reason, or `pod-status`. */
  source: string;
  message: string;
  /** How many times the event fired (1 for a status message). */
  count: number;
  lastSeen?: string;
};

const PATTERNS: Array<[IpFailureKind, RegExp]> = [
  ['no-contiguous-prefix', /InsufficientCidrBlocks/i],
  ['subnet-exhausted', /InsufficientFreeAddressesInSubnet/i],
  [
    'ip-assignment-failed',
    /failed to assign an? ip address|no available ip\/prefix addresses|assign(ing)? (an )?ip.*fail|add cmd:.*(ip|ipam)|ipamd.*(no|out of) (free )?(ip|address)/i,
  ],
];

/**
 * Classifies a message as an IP-assignment failure, or `undefined`. Matching is
 * deliberately loose (case-insensitive patterns, not exact texts), because the exact
 * kubelet event wording is UNVERIFIED and differs between CNI versions.
 *
 * Sources: domain notes "Symptoms of exhaustion"
 * (`failed to assign an IP address to container`,
 * `InsufficientFreeAddressesInSubnet`, `InsufficientCidrBlocks`).
 *
 * @public
 */
export function classifyIpFailure(
  message: string | undefined,
): IpFailureKind | undefined {
  if (!message) {
    return undefined;
  }
  return PATTERNS.find(([, pattern]) => pattern.test(message))?.[0];
}

function eventTime(event: KubeEvent): string | undefined {
  return event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp;
}

/**
 * Pods failing IP assignment, from Warning events on pods (typically
 * `FailedCreatePodSandBox`) and from pod status (waiting container messages, pod
 * condition messages), one entry per pod with the most specific kind and the latest
 * message. Finished pods are ignored; sorted by namespace and name.
 *
 * Sources: as {@link classifyIpFailure}.
 *
 * @public
 */
export function ipAssignmentFailures(
  events: KubeEvent[],
  pods: KubePod[],
): IpAssignmentFailure[] {
  const rank: Record<IpFailureKind, number> = {
    'no-contiguous-prefix': 0,
    'subnet-exhausted': 1,
    'ip-assignment-failed': 2,
  };
  const podsByKey = new Map(
    pods.map(p => [`${p.metadata.namespace}/${p.metadata.name}`, p]),
  );
  const found = new Map<string, IpAssignmentFailure>();
  const record = (key: string, failure: IpAssignmentFailure) => {
    const previous = found.get(key);
    if (!previous) {
      found.set(key, failure);
      return;
    }
    const newer = (failure.lastSeen ?? '') > (previous.lastSeen ?? '');
    found.set(key, {
      ...previous,
      kind:
        rank[failure.kind] < rank[previous.kind] ? failure.kind : previous.kind,
      count: previous.count + failure.count,
      message: newer ? failure.message : previous.message,
      source: newer ? failure.source : previous.source,
      lastSeen: newer ? failure.lastSeen : previous.lastSeen,
      nodeName: previous.nodeName ?? failure.nodeName,
    });
  };

  for (const event of events) {
    const involved = event.involvedObject;
    if (involved?.kind !== 'Pod' || !involved.name) continue;
    const kind = classifyIpFailure(event.message);
    if (!kind) continue;
    const namespace =
      involved.namespace ?? event.metadata?.namespace ?? 'default';
    const key = `${namespace}/${involved.name}`;
    const pod = podsByKey.get(key);
    const phase = pod?.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    record(key, {
      namespace,
      podName: involved.name,
      nodeName: pod?.spec?.nodeName,
      kind,
      source: event.reason ?? 'event',
      message: event.message ?? '',
      count: event.count ?? 1,
      lastSeen: eventTime(event),
    });
  }

  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const messages = [
      ...(pod.status?.containerStatuses ?? []).map(
        s => s.state?.waiting?.message,
      ),
      ...(pod.status?.conditions ?? []).map(c => c.message),
    ];
    for (const message of messages) {
      const kind = classifyIpFailure(message);
      if (!kind || !message) continue;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (found.has(key)) continue;
      record(key, {
        namespace: pod.metadata.namespace ?? 'default',
        podName: pod.metadata.name ?? '',
        nodeName: pod.spec?.nodeName,
        kind,
        source: 'pod-status',
        message,
        count: 1,
      });
    }
  }
  return [...found.values()].sort(
    (a, b) =>
      a.namespace.localeCompare(b.namespace) ||
      a.podName.localeCompare(b.podName),
  );
}

/**
 * The rule of the count of pods that could not get an IP address.
 *
 * @public
 */
export const IP_FAILURE_RULES = {
  ipFailures: {
    formula:
      'pods with Warning events or waiting messages matching "failed to assign an IP address", InsufficientFreeAddressesInSubnet or InsufficientCidrBlocks',
    source: 'Kubernetes API: events (FailedCreatePodSandBox) and pod status',
  },
} satisfies Record<string, FigureRule>;
