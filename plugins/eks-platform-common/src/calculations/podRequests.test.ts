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

describe('isPodActive', () => {
  it('excludes finished pods only', () => {
    expect(
      ['Pending', 'Running', 'Unknown', 'Succeeded', 'Failed'].map(ph =>
        isPodActive(p({}, ph)),
      ),
    ).toEqual([true, true, true, false, false]);
  });
});
