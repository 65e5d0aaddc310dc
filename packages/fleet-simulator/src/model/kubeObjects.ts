import { KubeObject } from './ObjectCollection';
import {
  InstanceTypeSpec,
  allocatableMilliCpu,
  memoryKiB,
} from './instanceTypes';
import { hexId, uid } from './determinism';

/** Kubernetes timestamps have whole seconds. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

export type Taint = { key: string; value?: string; effect: string };

export interface NodeInput {
  name: string;
  ip: string;
  zone: string;
  region: string;
  instanceType: InstanceTypeSpec;
  maxPods: number;
  kubeletVersion: string;
  /** Extended resources the node advertises (e.g. `vpc.amazonaws.com/pod-eni`). */
  extendedResources?: Record<string, string>;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  taints: Taint[];
  createdAt: Date;
  instanceId: string;
  osImage: string;
}

/**
 * An EC2 instance's private DNS name, which is also its node name: `ip-10-0-1-2.ec2.internal` in
 * us-east-1, `ip-10-0-1-2.<region>.compute.internal` in every other region.
 */
export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replace(/\./g, '-')}`;
  return region === 'us-east-1'
    ? `${host}.ec2.internal`
    : `${host}.${region}.compute.internal`;
}

export function buildNode(input: NodeInput): KubeObject {
  const { instanceType: type } = input;
  const memory = memoryKiB(type, input.maxPods);
  const arch = type.architecture === 'arm64' ? 'arm64' : 'amd64';
  const created = timestamp(input.createdAt);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: input.name,
      uid: uid(`node:${input.name}`),
      resourceVersion: '900',
      creationTimestamp: created,
      labels: {
        'kubernetes.io/arch': arch,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': input.name,
        'beta.kubernetes.io/arch': arch,
        'beta.kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': type.name,
        'beta.kubernetes.io/instance-type': type.name,
        'topology.kubernetes.io/region': input.region,
        'topology.kubernetes.io/zone': input.zone,
        'topology.k8s.aws/zone-id': zoneId(input.region, input.zone),
        ...input.labels,
      },
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': input.ip,
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        ...input.annotations,
      },
    },
    spec: {
      providerID: `aws:///${input.zone}/${input.instanceId}`,
      ...(input.taints.length > 0 ? { taints: input.taints } : {}),
    },
    status: {
      capacity: {
        cpu: String(type.vcpus),
        'ephemeral-storage': '83873772Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${memory.capacity}Ki`,
        pods: String(input.maxPods),
        ...input.extendedResources,
      },
      allocatable: {
        cpu: `${allocatableMilliCpu(type.vcpus)}m`,
        'ephemeral-storage': '76224326324',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${memory.allocatable}Ki`,
        pods: String(input.maxPods),
        ...input.extendedResources,
      },
      conditions: [
        [
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ],
        [
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
        ],
        [
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ],
        ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
      ].map(([type_, status, reason, message]) => ({
        type: type_,
        status,
        reason,
        message,
        lastHeartbeatTime: timestamp(new Date()),
        lastTransitionTime: created,
      })),
      addresses: [
        { type: 'InternalIP', address: input.ip },
        {
          type: 'InternalDNS',
          address: privateDnsName(input.ip, input.region),
        },
        { type: 'Hostname', address: input.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: arch,
        bootID: uid(`boot:${input.name}`),
        containerRuntimeVersion: 'containerd://1.7.27',
        kernelVersion: '6.1.141-155.222.amzn2023.x86_64'.replace(
          'x86_64',
          type.architecture === 'arm64' ? 'aarch64' : 'x86_64',
        ),
        kubeProxyVersion: input.kubeletVersion,
        kubeletVersion: input.kubeletVersion,
        machineID: hexId(`machine:${input.name}`, 32),
        operatingSystem: 'linux',
        osImage: input.osImage,
        systemUUID: `ec2${hexId(`sys:${input.name}`, 29)}`,
      },
    },
  };
}

/** A plausible AZ id (euw1-az1, use1-az4, ...) for a zone name. */
export function zoneId(region: string, zone: string): string {
  const [geo, dir, num] = region.split('-');
  const letter = zone.slice(-1);
  return `${geo}${dir[0]}${num}-az${letter.charCodeAt(0) - 96}`;
}

export interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

export interface ContainerInput {
  name: string;
  image: string;
  cpu: string;
  memory: string;
  grpcPort?: number;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  /** Extended resources requested (and limited) at the same count, e.g. `vpc.amazonaws.com/pod-eni`. */
  extendedResources?: Record<string, string>;
}

export interface PodInput {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  owner?: OwnerRef;
  nodeName: string;
  hostIp: string;
  podIp?: string;
  hostNetwork?: boolean;
  containers: ContainerInput[];
  initContainers?: ContainerInput[];
  phase: 'Running' | 'Pending';
  /** For Pending pods: why the containers are waiting. */
  waitingReason?: string;
  createdAt: Date;
  serviceAccountName?: string;
  priorityClassName?: string;
  tolerateEverything?: boolean;
  restarts?: number;
}

function containerSpec(c: ContainerInput) {
  return {
    name: c.name,
    image: c.image,
    imagePullPolicy: 'IfNotPresent',
    ...(c.grpcPort
      ? {
          ports: [{ name: 'grpc', containerPort: c.grpcPort, protocol: 'TCP' }],
          readinessProbe: {
            grpc: { port: c.grpcPort, service: '' },
            periodSeconds: 10,
            timeoutSeconds: 1,
            successThreshold: 1,
            failureThreshold: 3,
          },
        }
      : {}),
    ...(c.env ? { env: c.env } : {}),
    resources: {
      requests: { cpu: c.cpu, memory: c.memory, ...c.extendedResources },
      limits: { memory: c.memory, ...c.extendedResources },
    },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

export function buildPod(input: PodInput): KubeObject {
  const running = input.phase === 'Running';
  const created = timestamp(input.createdAt);
  const started = timestamp(new Date(input.createdAt.getTime() + 9000));
  const podIp = input.hostNetwork ? input.hostIp : input.podIp;
  const containerId = (c: ContainerInput) =>
    `containerd://${hexId(`${input.name}/${c.name}`, 64)}`;
  const containerState = (init: boolean, c?: ContainerInput) => {
    if (!running) {
      return {
        waiting: {
          reason: init
            ? 'PodInitializing'
            : input.waitingReason ?? 'ContainerCreating',
        },
      };
    }
    if (init) {
      return {
        terminated: {
          exitCode: 0,
          reason: 'Completed',
          startedAt: created,
          finishedAt: started,
          ...(c ? { containerID: containerId(c) } : {}),
        },
      };
    }
    return { running: { startedAt: started } };
  };
  const containerStatus = (c: ContainerInput, init: boolean) => ({
    name: c.name,
    image: c.image,
    imageID: running
      ? `${c.image.split(':')[0]}@sha256:${hexId(c.image, 64)}`
      : '',
    ready: running && !init,
    started: running && !init,
    restartCount: init ? 0 : input.restarts ?? 0,
    ...(running
      ? { containerID: `containerd://${hexId(`${input.name}/${c.name}`, 64)}` }
      : {}),
    state: containerState(init, c),
    lastState: {},
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      uid: uid(`pod:${input.namespace}/${input.name}`),
      resourceVersion: '950',
      creationTimestamp: created,
      labels: input.labels,
      ...(input.owner
        ? {
            ownerReferences: [
              { ...input.owner, controller: true, blockOwnerDeletion: true },
            ],
          }
        : {}),
    },
    spec: {
      ...(input.initContainers && input.initContainers.length > 0
        ? { initContainers: input.initContainers.map(containerSpec) }
        : {}),
      containers: input.containers.map(containerSpec),
      nodeName: input.nodeName,
      ...(input.hostNetwork ? { hostNetwork: true } : {}),
      restartPolicy: 'Always',
      dnsPolicy: input.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
      schedulerName: 'default-scheduler',
      serviceAccountName: input.serviceAccountName ?? 'default',
      ...(input.priorityClassName
        ? { priorityClassName: input.priorityClassName, priority: 2000001000 }
        : { priority: 0 }),
      terminationGracePeriodSeconds: 30,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: input.tolerateEverything
        ? [{ operator: 'Exists' }]
        : [
            {
              key: 'node.kubernetes.io/not-ready',
              operator: 'Exists',
              effect: 'NoExecute',
              tolerationSeconds: 300,
            },
            {
              key: 'node.kubernetes.io/unreachable',
              operator: 'Exists',
              effect: 'NoExecute',
              tolerationSeconds: 300,
            },
          ],
    },
    status: {
      phase: input.phase,
      conditions: [
        {
          type: 'PodReadyToStartContainers',
          status: running ? 'True' : 'False',
        },
        { type: 'Initialized', status: running ? 'True' : 'False' },
        { type: 'Ready', status: running ? 'True' : 'False' },
        { type: 'ContainersReady', status: running ? 'True' : 'False' },
        { type: 'PodScheduled', status: 'True' },
      ].map(c => ({
        ...c,
        lastProbeTime: null,
        lastTransitionTime: running ? started : created,
      })),
      hostIP: input.hostIp,
      hostIPs: [{ ip: input.hostIp }],
      ...(podIp && (running || input.hostNetwork)
        ? { podIP: podIp, podIPs: [{ ip: podIp }] }
        : {}),
      startTime: created,
      qosClass: 'Burstable',
      ...(input.initContainers && input.initContainers.length > 0
        ? {
            initContainerStatuses: input.initContainers.map(c =>
              containerStatus(c, true),
            ),
          }
        : {}),
      containerStatuses: input.containers.map(c => containerStatus(c, false)),
    },
  };
}

export function ownerRefOf(object: KubeObject): OwnerRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    uid: object.metadata.uid as string,
  };
}

export interface WorkloadInput {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  replicas: number;
  readyReplicas: number;
  container: ContainerInput;
  initContainer?: ContainerInput;
  createdAt: Date;
}

function podTemplate(
  input: WorkloadInput,
  extraLabels: Record<string, string> = {},
) {
  return {
    metadata: { labels: { ...input.labels, ...extraLabels } },
    spec: {
      ...(input.initContainer
        ? { initContainers: [containerSpec(input.initContainer)] }
        : {}),
      containers: [containerSpec(input.container)],
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: input.selector },
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
    },
  };
}

export function buildDeployment(input: WorkloadInput): KubeObject {
  const created = timestamp(input.createdAt);
  const available = input.readyReplicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      uid: uid(`deploy:${input.namespace}/${input.name}`),
      resourceVersion: '940',
      generation: 3,
      creationTimestamp: created,
      labels: input.labels,
      annotations: { 'deployment.kubernetes.io/revision': '3' },
    },
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: input.selector },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: podTemplate(input),
    },
    status: {
      observedGeneration: 3,
      replicas: input.replicas,
      updatedReplicas: input.replicas,
      readyReplicas: available,
      availableReplicas: available,
      ...(input.replicas > available
        ? { unavailableReplicas: input.replicas - available }
        : {}),
      conditions: [
        {
          type: 'Available',
          status:
            available >= Math.ceil(input.replicas * 0.75) ? 'True' : 'False',
          reason:
            available >= Math.ceil(input.replicas * 0.75)
              ? 'MinimumReplicasAvailable'
              : 'MinimumReplicasUnavailable',
          message:
            available >= Math.ceil(input.replicas * 0.75)
              ? 'Deployment has minimum availability.'
              : 'Deployment does not have minimum availability.',
          lastUpdateTime: created,
          lastTransitionTime: created,
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${input.name}" has successfully progressed.`,
          lastUpdateTime: created,
          lastTransitionTime: created,
        },
      ],
    },
  };
}

export function buildReplicaSet(
  input: WorkloadInput,
  deployment: KubeObject,
  templateHash: string,
): KubeObject {
  const name = `${input.name}-${templateHash}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: input.namespace,
      uid: uid(`rs:${input.namespace}/${name}`),
      resourceVersion: '941',
      generation: 1,
      creationTimestamp: timestamp(input.createdAt),
      labels: { ...input.labels, 'pod-template-hash': templateHash },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(input.replicas),
        'deployment.kubernetes.io/max-replicas': String(
          Math.ceil(input.replicas * 1.25),
        ),
        'deployment.kubernetes.io/revision': '3',
      },
      ownerReferences: [
        {
          ...ownerRefOf(deployment),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: input.replicas,
      selector: {
        matchLabels: { ...input.selector, 'pod-template-hash': templateHash },
      },
      template: podTemplate(input, { 'pod-template-hash': templateHash }),
    },
    status: {
      replicas: input.replicas,
      fullyLabeledReplicas: input.replicas,
      readyReplicas: input.readyReplicas,
      availableReplicas: input.readyReplicas,
      observedGeneration: 1,
    },
  };
}

export function buildStatefulSet(input: WorkloadInput): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      uid: uid(`sts:${input.namespace}/${input.name}`),
      resourceVersion: '942',
      generation: 1,
      creationTimestamp: timestamp(input.createdAt),
      labels: input.labels,
    },
    spec: {
      replicas: input.replicas,
      serviceName: `${input.name}-headless`,
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: input.selector },
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { partition: 0 },
      },
      template: podTemplate(input),
    },
    status: {
      observedGeneration: 1,
      replicas: input.replicas,
      readyReplicas: input.readyReplicas,
      availableReplicas: input.readyReplicas,
      currentReplicas: input.replicas,
      updatedReplicas: input.replicas,
      currentRevision: `${input.name}-${hexId(input.name, 10)}`,
      updateRevision: `${input.name}-${hexId(input.name, 10)}`,
      collisionCount: 0,
    },
  };
}

export function buildService(
  input: WorkloadInput,
  clusterIp: string,
  headless: boolean,
): KubeObject {
  const name = headless ? `${input.name}-headless` : input.name;
  const port = input.container.grpcPort ?? 50051;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: input.namespace,
      uid: uid(`svc:${input.namespace}/${name}`),
      resourceVersion: '930',
      creationTimestamp: timestamp(input.createdAt),
      labels: input.labels,
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: headless ? 'None' : clusterIp,
      clusterIPs: [headless ? 'None' : clusterIp],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
      selector: input.selector,
      ports: [
        {
          name: 'grpc',
          port,
          targetPort: 'grpc',
          protocol: 'TCP',
          appProtocol: 'grpc',
        },
        { name: 'http-metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
      ],
    },
    status: { loadBalancer: {} },
  };
}

export function buildHpa(
  input: WorkloadInput,
  kind: string,
  hpa: { min: number; max: number; cpuUtilization: number },
  currentUtilization: number,
): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      uid: uid(`hpa:${input.namespace}/${input.name}`),
      resourceVersion: '943',
      creationTimestamp: timestamp(input.createdAt),
      labels: input.labels,
    },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind, name: input.name },
      minReplicas: hpa.min,
      maxReplicas: hpa.max,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: {
              type: 'Utilization',
              averageUtilization: hpa.cpuUtilization,
            },
          },
        },
      ],
    },
    status: {
      currentReplicas: input.replicas,
      desiredReplicas: input.replicas,
      lastScaleTime: timestamp(input.createdAt),
      currentMetrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            current: {
              averageUtilization: currentUtilization,
              averageValue: '180m',
            },
          },
        },
      ],
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingActive',
          status: 'True',
          reason: 'ValidMetricFound',
          message:
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        },
        {
          type: 'ScalingLimited',
          status: input.replicas >= hpa.max ? 'True' : 'False',
          reason:
            input.replicas >= hpa.max
              ? 'TooManyReplicas'
              : 'DesiredWithinRange',
          message:
            input.replicas >= hpa.max
              ? 'the desired replica count is more than the maximum replica count'
              : 'the desired count is within the acceptable range',
        },
      ].map(c => ({ ...c, lastTransitionTime: timestamp(input.createdAt) })),
    },
  };
}

export function buildPdb(
  input: WorkloadInput,
  pdb: { minAvailable?: number | string; maxUnavailable?: number | string },
): KubeObject {
  const healthy = input.readyReplicas;
  let desired = Math.ceil(input.replicas * 0.5);
  if (typeof pdb.minAvailable === 'number') {
    desired = pdb.minAvailable;
  } else if (typeof pdb.maxUnavailable === 'number') {
    desired = Math.max(0, input.replicas - pdb.maxUnavailable);
  }
  const allowed = Math.max(0, healthy - desired);
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      uid: uid(`pdb:${input.namespace}/${input.name}`),
      resourceVersion: '944',
      generation: 1,
      creationTimestamp: timestamp(input.createdAt),
      labels: input.labels,
    },
    spec: {
      ...(pdb.minAvailable !== undefined
        ? { minAvailable: pdb.minAvailable }
        : {}),
      ...(pdb.maxUnavailable !== undefined
        ? { maxUnavailable: pdb.maxUnavailable }
        : {}),
      selector: { matchLabels: input.selector },
    },
    status: {
      observedGeneration: 1,
      currentHealthy: healthy,
      desiredHealthy: desired,
      disruptionsAllowed: allowed,
      expectedPods: input.replicas,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: allowed > 0 ? 'True' : 'False',
          reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
          message: '',
          observedGeneration: 1,
          lastTransitionTime: timestamp(input.createdAt),
        },
      ],
    },
  };
}

export function buildNamespace(
  name: string,
  createdAt: Date,
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: uid(`ns:${name}`),
      resourceVersion: '900',
      creationTimestamp: timestamp(createdAt),
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export interface DaemonSetInput {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  nodes: number;
  containers: ContainerInput[];
  initContainers?: ContainerInput[];
  hostNetwork: boolean;
  createdAt: Date;
  priorityClassName?: string;
}

export function buildDaemonSet(input: DaemonSetInput): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      uid: uid(`ds:${input.namespace}/${input.name}`),
      resourceVersion: '920',
      generation: 2,
      creationTimestamp: timestamp(input.createdAt),
      labels: input.labels,
      annotations: { 'deprecated.daemonset.template.generation': '2' },
    },
    spec: {
      selector: { matchLabels: { 'k8s-app': input.name } },
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 },
      },
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels: { 'k8s-app': input.name, ...input.labels } },
        spec: {
          ...(input.initContainers
            ? { initContainers: input.initContainers.map(containerSpec) }
            : {}),
          containers: input.containers.map(containerSpec),
          hostNetwork: input.hostNetwork,
          priorityClassName: input.priorityClassName ?? 'system-node-critical',
          serviceAccountName: input.name,
          tolerations: [{ operator: 'Exists' }],
          terminationGracePeriodSeconds: 10,
        },
      },
    },
    status: {
      currentNumberScheduled: input.nodes,
      desiredNumberScheduled: input.nodes,
      numberAvailable: input.nodes,
      numberMisscheduled: 0,
      numberReady: input.nodes,
      observedGeneration: 2,
      updatedNumberScheduled: input.nodes,
    },
  };
}

export function buildEvent(input: {
  namespace: string;
  involved: KubeObject;
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  component: string;
  host?: string;
  count: number;
  first: Date;
  last: Date;
}): KubeObject {
  const name = `${input.involved.metadata.name}.${hexId(
    `${input.involved.metadata.name}/${input.reason}`,
    16,
  )}`;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace: input.namespace,
      uid: uid(`event:${input.namespace}/${name}`),
      resourceVersion: '960',
      creationTimestamp: timestamp(input.first),
    },
    involvedObject: {
      apiVersion: input.involved.apiVersion,
      kind: input.involved.kind,
      name: input.involved.metadata.name,
      namespace: input.involved.metadata.namespace,
      uid: input.involved.metadata.uid,
      resourceVersion: input.involved.metadata.resourceVersion,
    },
    reason: input.reason,
    message: input.message,
    source: {
      component: input.component,
      ...(input.host ? { host: input.host } : {}),
    },
    firstTimestamp: timestamp(input.first),
    lastTimestamp: timestamp(input.last),
    count: input.count,
    type: input.type,
    eventTime: null,
    reportingComponent: input.component,
    reportingInstance: input.host ?? '',
  };
}

export function buildEniConfig(input: {
  name: string;
  subnet: string;
  securityGroups: string[];
  createdAt: Date;
}): KubeObject {
  return {
    apiVersion: 'crd.k8s.amazonaws.com/v1alpha1',
    kind: 'ENIConfig',
    metadata: {
      name: input.name,
      uid: uid(`eniconfig:${input.name}`),
      resourceVersion: '910',
      generation: 1,
      creationTimestamp: timestamp(input.createdAt),
    },
    spec: { subnet: input.subnet, securityGroups: input.securityGroups },
  };
}
