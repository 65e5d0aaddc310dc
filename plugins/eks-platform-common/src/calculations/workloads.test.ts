import { isPodReady, workloadKey, workloadOf } from './workloads';
import { PODS, REPLICA_SET_OWNERS, pod } from './__fixtures__/cluster';

describe('workloadOf', () => {
  it('attributes ReplicaSet pods to the Deployment from the map', () => {
    expect(workloadOf(PODS[0], REPLICA_SET_OWNERS)).toEqual({
      namespace: 'shop-prod',
      kind: 'Deployment',
      name: 'checkout',
    });
  });

  it('accepts a map keyed by ReplicaSet name alone', () => {
    const p = pod({
      name: 'api-6b8c9d-q1w2e',
      namespace: 'shop-prod',
      owner: { kind: 'ReplicaSet', name: 'api-6b8c9d' },
    });
    expect(workloadOf(p, { 'api-6b8c9d': 'api-v2' }).name).toBe('api-v2');
  });

  it('falls back to the pod-template-hash naming when the map lacks the ReplicaSet', () => {
    expect(workloadOf(PODS[0])).toEqual({
      namespace: 'shop-prod',
      kind: 'Deployment',
      name: 'checkout',
    });
  });

  it('keeps a bare ReplicaSet as the workload', () => {
    const p = pod({
      name: 'legacy-rs-x1y2z',
      namespace: 'shop-prod',
      owner: { kind: 'ReplicaSet', name: 'legacy-rs' },
    });
    expect(workloadKey(workloadOf(p))).toBe('shop-prod/ReplicaSet/legacy-rs');
  });

  it('uses StatefulSets, DaemonSets and Jobs directly and a bare pod as itself', () => {
    const kinds = PODS.map(p => workloadOf(p, REPLICA_SET_OWNERS).kind);
    expect(new Set(kinds)).toEqual(
      new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']),
    );
    const bare = pod({
      name: 'debug-shell',
      namespace: 'shop-prod',
      node: 'n1',
    });
    expect(workloadOf(bare)).toEqual({
      namespace: 'shop-prod',
      kind: 'Pod',
      name: 'debug-shell',
    });
  });
});

describe('isPodReady', () => {
  it('reads the Ready condition and ignores finished pods', () => {
    expect(isPodReady(PODS[0])).toBe(true);
    expect(
      isPodReady(pod({ name: 'a', namespace: 'x', node: 'n', ready: false })),
    ).toBe(false);
    expect(
      isPodReady(
        pod({
          name: 'b',
          namespace: 'x',
          node: 'n',
          phase: 'Succeeded',
          ready: true,
        }),
      ),
    ).toBe(false);
  });
});
