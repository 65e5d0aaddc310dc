import {
  classifyIpFailure,
  ipAssignmentFailures,
} from './ipAssignmentFailures';
import { SPOT_B, pod } from './__fixtures__/cluster';
import type { KubeEvent } from './types';
import { END_OF_EXTENDED_1_31, isoFrom } from './__fixtures__/clock';

const SANDBOX_FAILURE =
  'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5f2c9d1e": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container';

function event(
  name: string,
  message: string,
  extra: Partial<KubeEvent> = {},
): KubeEvent {
  return {
    metadata: { name: `${name}.1879a2b3c4d5e6f7`, namespace: 'shop-prod' },
    involvedObject: { kind: 'Pod', name, namespace: 'shop-prod' },
    type: 'Warning',
    reason: 'FailedCreatePodSandBox',
    message,
    count: 3,
    lastTimestamp: isoFrom(END_OF_EXTENDED_1_31, -5, '10:02:11'),
    ...extra,
  };
}

const stuck = pod({
  name: 'search-6f7a8b9c0d-v2b3n',
  namespace: 'shop-prod',
  node: SPOT_B,
  phase: 'Pending',
  ready: false,
});

describe('classifyIpFailure', () => {
  it.each([
    [SANDBOX_FAILURE, 'ip-assignment-failed'],
    [
      'AssignPodIPAddress: no available IP/Prefix addresses',
      'ip-assignment-failed',
    ],
    [
      'InsufficientFreeAddressesInSubnet: The specified subnet does not have enough free addresses to satisfy the request.',
      'subnet-exhausted',
    ],
    [
      'InsufficientCidrBlocks: The specified subnet does not have enough free cidr blocks to satisfy the request',
      'no-contiguous-prefix',
    ],
    ['Back-off pulling image "nginx:1.27"', undefined],
    [undefined, undefined],
  ])('classifies %s', (message, kind) => {
    expect(classifyIpFailure(message)).toBe(kind);
  });
});

describe('ipAssignmentFailures', () => {
  it('lists pods from sandbox events, one entry per pod with the most specific cause', () => {
    const failures = ipAssignmentFailures(
      [
        event(stuck.metadata.name!, SANDBOX_FAILURE),
        event(
          stuck.metadata.name!,
          'failed to allocate ENI: InsufficientFreeAddressesInSubnet',
          {
            count: 1,
            lastTimestamp: isoFrom(END_OF_EXTENDED_1_31, -5, '10:04:40'),
          },
        ),
        event('checkout-7d9f8b6c5d-lq2xv', 'Started container checkout', {
          type: 'Normal',
          reason: 'Started',
        }),
      ],
      [stuck],
    );
    expect(failures).toEqual([
      {
        namespace: 'shop-prod',
        podName: 'search-6f7a8b9c0d-v2b3n',
        nodeName: SPOT_B,
        kind: 'subnet-exhausted',
        source: 'FailedCreatePodSandBox',
        message: 'failed to allocate ENI: InsufficientFreeAddressesInSubnet',
        count: 4,
        lastSeen: isoFrom(END_OF_EXTENDED_1_31, -5, '10:04:40'),
      },
    ]);
  });

  it('also reads pod status messages', () => {
    const waiting = {
      ...stuck,
      status: {
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'search',
            ready: false,
            state: {
              waiting: {
                reason: 'ContainerCreating',
                message: SANDBOX_FAILURE,
              },
            },
          },
        ],
      },
    };
    const [failure] = ipAssignmentFailures([], [waiting]);
    expect(failure).toMatchObject({
      kind: 'ip-assignment-failed',
      source: 'pod-status',
      count: 1,
    });
  });

  it('ignores finished pods and events about other objects', () => {
    const done = { ...stuck, status: { phase: 'Failed' } };
    const nodeEvent: KubeEvent = {
      involvedObject: { kind: 'Node', name: SPOT_B },
      message: SANDBOX_FAILURE,
    };
    expect(
      ipAssignmentFailures(
        [event(stuck.metadata.name!, SANDBOX_FAILURE), nodeEvent],
        [done],
      ),
    ).toEqual([]);
  });
});
