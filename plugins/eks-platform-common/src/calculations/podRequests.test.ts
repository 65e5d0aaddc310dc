import { isPodActive, podRequests } from './podRequests';
import type { KubeContainer, KubePod } from './types';

const MI = 1024 * 1024;

function c(
  name: string,
  cpu?: string,
  memory?: string,
  restartPolicy?: string,
): KubeContainer {
  const requests: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  return { name, resources: { requests }, restartPolicy };
}

function p(spec: KubePod['spec'], phase = 'Running'): KubePod {
  return {
    metadata: { name: 'api-0', namespace: 'shop-prod' },
    spec,
    status: { phase },
  };
}

describe('podRequests', () => {
  it('sums the app containers', () => {
    expect(
      podRequests(
        p({
          containers: [c('api', '500m', '512Mi'), c('envoy', '100m', '128Mi')],
        }),
      ),
    ).toEqual({ cpuMillis: 600, memoryBytes: 640 * MI });
  });

  it('takes the largest init container when it exceeds the app containers', () => {
    expect(
      podRequests(
        p({
          initContainers: [
            c('migrate', '2', '256Mi'),
            c('warm-cache', '100m', '1Gi'),
          ],
          containers: [c('api', '500m', '512Mi')],
        }),
      ),
    ).toEqual({ cpuMillis: 2000, memoryBytes: 1024 * MI });
  });

  it('adds RuntimeClass overhead', () => {
    expect(
      podRequests(
        p({
          containers: [c('api', '500m', '512Mi')],
          overhead: { cpu: '250m', memory: '120Mi' },
        }),
      ),
    ).toEqual({ cpuMillis: 750, memoryBytes: 632 * MI });
  });

  it('counts a missing request as zero', () => {
    expect(
      podRequests(p({ containers: [c('api'), c('envoy', '100m')] })),
    ).toEqual({
      cpuMillis: 100,
      memoryBytes: 0,
    });
    expect(podRequests(p(undefined))).toEqual({ cpuMillis: 0, memoryBytes: 0 });
  });

  it('adds sidecars (restartPolicy Always) to the app containers and later init containers', () => {
    const pod = p({
      initContainers: [
        c('istio-proxy', '100m', '128Mi', 'Always'),
        c('migrate', '1', '256Mi'),
      ],
      containers: [c('api', '500m', '512Mi')],
    });
    // app + sidecar = 600m / 640Mi; migrate runs beside the sidecar = 1100m / 384Mi
    expect(podRequests(pod)).toEqual({
      cpuMillis: 1100,
      memoryBytes: 640 * MI,
    });
  });

  it('uses pod-level requests when the pod sets them', () => {
    const pod = p({
      resources: { requests: { cpu: '1', memory: '1Gi' } },
      containers: [c('api', '500m', '512Mi')],
    });
    expect(podRequests(pod)).toEqual({
      cpuMillis: 1000,
      memoryBytes: 1024 * MI,
    });
  });
});

describe('podRequests for the cluster version', () => {
  const podLevel = p({
    containers: [c('app', '200m', '128Mi'), c('proxy', '100m', '64Mi')],
    resources: { requests: { cpu: '1', memory: '1Gi' } },
  });

  it('counts pod-level requests from 1.34, where PodLevelResources is on by default', () => {
    expect(
      podRequests(podLevel, { kubernetesVersion: 'v1.34.1-eks-2f3a1b' }),
    ).toEqual({
      cpuMillis: 1000,
      memoryBytes: 1024 * MI,
    });
    // 1.32 and 1.33 have the feature in alpha (off): the scheduler adds up the containers.
    expect(podRequests(podLevel, { kubernetesVersion: '1.33' })).toEqual({
      cpuMillis: 300,
      memoryBytes: 192 * MI,
    });
  });

  it('rounds once per pod, after adding the containers exactly', () => {
    // 0.5m + 0.5m: the scheduler's MilliValue() of the pod's 1m total, not 1m + 1m.
    const pod = p({ containers: [c('a', '500u'), c('b', '500u')] });
    expect(podRequests(pod).cpuMillis).toBe(1);
  });

  function resizing(
    spec: string,
    allocated: string,
    running: string,
    reason?: string,
  ): KubePod {
    return {
      metadata: { name: 'api-0', namespace: 'shop-prod' },
      spec: { containers: [c('app', spec)] },
      status: {
        phase: 'Running',
        ...(reason && {
          conditions: [{ type: 'PodResizePending', status: 'True', reason }],
        }),
        containerStatuses: [
          {
            name: 'app',
            allocatedResources: { cpu: allocated },
            resources: { requests: { cpu: running } },
          },
        ],
      },
    };
  }

  it('counts the larger of spec, allocation and running resources during an in-place resize (1.33+)', () => {
    // Growing: the spec asks for more than the container has yet.
    expect(podRequests(resizing('500m', '300m', '300m')).cpuMillis).toBe(500);
    // Shrinking: the container still runs with more than the new spec.
    expect(podRequests(resizing('200m', '400m', '400m')).cpuMillis).toBe(400);
    // An infeasible resize's spec is not counted.
    expect(
      podRequests(resizing('64', '500m', '500m', 'Infeasible')).cpuMillis,
    ).toBe(500);
    // Before 1.33 the kubelet reports no resize: only the spec counts.
    expect(
      podRequests(resizing('200m', '400m', '400m'), {
        kubernetesVersion: '1.32',
      }).cpuMillis,
    ).toBe(200);
  });
});

describe('isPodActive', () => {
  it('excludes finished pods only', () => {
    expect(
      ['Pending', 'Running', 'Unknown', 'Succeeded', 'Failed'].map(ph =>
        isPodActive(p({}, ph)),
      ),
    ).toEqual([true, true, true, false, false]);
  });
});
