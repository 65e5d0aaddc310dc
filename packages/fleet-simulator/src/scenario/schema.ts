import { z } from 'zod';

const taintSchema = z.object({
  key: z.string(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

const subnetSchema = z.object({
  id: z.string().regex(/^subnet-[0-9a-z]+$/),
  zone: z.string(),
  cidr: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/),
  /** What the subnet is for: node ENIs (and pods, unless custom networking), or pods only (custom networking). */
  purpose: z.enum(['nodes', 'pods']).default('nodes'),
  /**
   * AvailableIpAddressCount as EC2 would report it. Omitted: CIDR size - 5 reserved - addresses the
   * simulated nodes and pods use in it.
   */
  availableIps: z.number().int().nonnegative().optional(),
  /**
   * Addresses other services' ENIs (Lambda, endpoints, other teams) hold, one in each of the last
   * N /28 blocks: the addresses around them stay free, but those blocks can no longer be prefixes.
   */
  scatteredAddresses: z.number().int().nonnegative().optional(),
  /** Subnet CIDR reservations (GetSubnetCidrReservations). */
  cidrReservations: z
    .array(
      z.object({
        cidr: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/),
        type: z.enum(['explicit', 'prefix']),
      }),
    )
    .default([]),
  name: z.string().optional(),
  /**
   * Extra EC2 tags, e.g. `kubernetes.io/role/cni: '1'` (enhanced subnet discovery: a `pods`
   * subnet of the VPC that may hold pod ENIs) or `'0'` (excluded).
   */
  tags: z.record(z.string(), z.string()).default({}),
});

const cidrSchema = z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/);

const nodeGroupSchema = z.object({
  name: z.string(),
  /**
   * Who made the nodes: decides the capacity labels and whether EKS lists it as a managed node group.
   * `hybrid`: EKS Hybrid Nodes on premises (label `eks.amazonaws.com/compute-type: hybrid`, no
   * aws-node, addresses from the cluster's `eks.remoteNetwork`); their `instanceTypes` only size
   * the machines (CPU, memory) and set no instance-type label.
   */
  provisioner: z.enum([
    'managed',
    'karpenter',
    'ocean',
    'self-managed',
    'hybrid',
  ]),
  capacityType: z.enum(['on-demand', 'spot']),
  /** Karpenter NodePool name (karpenter only). */
  nodePool: z.string().optional(),
  instanceTypes: z.array(z.string()).min(1),
  nodes: z.number().int().nonnegative(),
  /** Kubelet version, e.g. `1.33` (a patch is added) or `v1.33.5-eks-3025e55`. Default: the control plane's. */
  kubeletVersion: z.string().optional(),
  amiType: z.string().optional(),
  releaseVersion: z.string().optional(),
  zones: z.array(z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  taints: z.array(taintSchema).optional(),
  /** How many of its nodes carry Karpenter's `karpenter.sh/disrupted:NoSchedule` taint. */
  disrupted: z.number().int().nonnegative().optional(),
  /** How many of its nodes carry `aws-node-termination-handler/spot-itn` (spot interruption notice). */
  interrupted: z.number().int().nonnegative().optional(),
  /** Kubelet max pods of hybrid nodes (default 110, the kubelet's). */
  maxPods: z.number().int().positive().optional(),
  /** Whether hybrid nodes report their pod block in `spec.podCIDRs` (default true; Cilium's cluster pool keeps it in CiliumNode only). */
  reportPodCidrs: z.boolean().optional(),
  /** EKS DescribeNodegroup status (managed only). */
  status: z.string().optional(),
  health: z
    .array(z.object({ code: z.string(), message: z.string() }))
    .optional(),
});

const workloadSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  kind: z.enum(['Deployment', 'StatefulSet']).default('Deployment'),
  replicas: z.number().int().nonnegative(),
  image: z.string(),
  grpcPort: z.number().int().positive().default(50051),
  cpu: z.string().default('250m'),
  memory: z.string().default('256Mi'),
  /** Node groups the replicas are spread over (round robin). Default: every node group. */
  nodeGroups: z.array(z.string()).optional(),
  /** Give the pods an init container (migrations, config fetch). */
  initContainer: z.boolean().optional(),
  /** Extra replicas stuck Pending on a node because the CNI could not assign them an IP address. */
  pendingNoIp: z.number().int().nonnegative().optional(),
  hpa: z
    .object({
      min: z.number().int().positive(),
      max: z.number().int().positive(),
      cpuUtilization: z.number().int().positive().default(70),
    })
    .optional(),
  pdb: z
    .object({
      minAvailable: z.union([z.number().int(), z.string()]).optional(),
      maxUnavailable: z.union([z.number().int(), z.string()]).optional(),
    })
    .optional(),
  /** Value of the `backstage.io/kubernetes-id` label. Default: the workload name. */
  backstageId: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  /**
   * Security groups for pods: each replica requests one `vpc.amazonaws.com/pod-eni` (a branch
   * ENI), as the VPC resource controller's webhook sets for pods a SecurityGroupPolicy selects.
   */
  podEni: z.boolean().optional(),
});

const insightSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  /**
   * `UPGRADE_READINESS`, `MISCONFIGURATION`, `ROLLBACK_READINESS`, or any other: EKS adds
   * categories, so the simulator serves whatever the scenario names.
   */
  category: z.string().regex(/^[A-Z][A-Z_]*$/),
  kubernetesVersion: z.string().optional(),
  status: z.enum(['PASSING', 'WARNING', 'ERROR', 'UNKNOWN']),
  reason: z.string(),
  description: z.string(),
  recommendation: z.string().optional(),
  resources: z
    .array(
      z.object({
        status: z.enum(['PASSING', 'WARNING', 'ERROR', 'UNKNOWN']),
        reason: z.string().optional(),
        kubernetesResourceUri: z.string().optional(),
        arn: z.string().optional(),
      }),
    )
    .optional(),
  deprecations: z
    .array(
      z.object({
        usage: z.string(),
        replacedWith: z.string().optional(),
        stopServingVersion: z.string(),
        startServingReplacementVersion: z.string().optional(),
        clients: z
          .array(
            z.object({
              userAgent: z.string(),
              requestsLast30Days: z.number().int(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

const updateSchema = z.object({
  /** `VersionUpdate`, `VersionRollback`, `LoggingUpdate`, ... (EKS UpdateType). */
  type: z.string().regex(/^[A-Za-z]+$/),
  status: z.enum(['InProgress', 'Failed', 'Cancelled', 'Successful']),
  at: z.coerce.date(),
  /** The `Version` param (version changes). */
  version: z
    .string()
    .regex(/^\d+\.\d+$/)
    .optional(),
});

const clusterSchema = z
  .object({
    /** Kubernetes context name (and default EKS cluster name). */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** Bearer token the cluster's API accepts. Default: derived from the cluster name. */
    token: z.string().min(16).optional(),
    /**
     * Port of the cluster's Kubernetes API, so a cluster keeps its port whatever its place in the
     * file. Default: the base port + its index. Ignored when the simulator listens on port 0 (tests).
     */
    kubePort: z.number().int().min(1).max(65535).optional(),
    eks: z.object({
      name: z.string().optional(),
      accountId: z.string().regex(/^\d{12}$/),
      region: z.string(),
      /** `1.33`, or a place in the EKS calendar such as `{oldest-extended}` (resolveVersions.ts). */
      version: z.string().regex(/^\d+\.\d+$/),
      /** Default: the catalog's platform version for `version`. */
      platformVersion: z.string().optional(),
      status: z.string().default('ACTIVE'),
      createdAt: z.coerce.date(),
      /**
       * The minor the cluster was upgraded in place from (`{cp-1}`): EKS lists a successful
       * `VersionUpdate` to `version` at `upgradedAt` (ListUpdates / DescribeUpdate).
       */
      upgradedFrom: z
        .string()
        .regex(/^\d+\.\d+$/)
        .optional(),
      /** When that upgrade was requested, e.g. `3 days ago`. */
      upgradedAt: z.coerce.date().optional(),
      /** More updates EKS lists for the cluster (failed upgrades, rollbacks, logging changes). */
      updates: z.array(updateSchema).default([]),
      supportType: z.enum(['STANDARD', 'EXTENDED']).default('EXTENDED'),
      vpcId: z.string(),
      serviceIpv4Cidr: z.string().default('172.20.0.0/16'),
      /**
       * `remoteNetworkConfig` (EKS Hybrid Nodes): the on-premises node and pod CIDRs, and the prefix
       * length of the block the CNI gives each hybrid node out of the pod CIDRs (Cilium's
       * `clusterPoolIPv4MaskSize`, 24 by default).
       */
      remoteNetwork: z
        .object({
          nodeCidrs: z.array(cidrSchema).min(1),
          podCidrs: z.array(cidrSchema).min(1),
          podBlockPrefixLength: z.number().int().min(16).max(30).default(24),
        })
        .optional(),
      /** `kubernetesNetworkConfig.ipFamily`; an `ipv6` cluster gives pods IPv6 addresses (prefix mode). */
      ipFamily: z.enum(['ipv4', 'ipv6']).default('ipv4'),
      securityGroupIds: z.array(z.string()).default([]),
      tags: z.record(z.string(), z.string()).default({}),
    }),
    cni: z
      .object({
        version: z.string().default('v1.19.2-eksbuild.1'),
        prefixDelegation: z.boolean().default(false),
        customNetworking: z.boolean().default(false),
        /** Extra aws-node container env (WARM_IP_TARGET, MINIMUM_IP_TARGET, ...). */
        env: z.record(z.string(), z.string()).default({}),
      })
      .prefault({}),
    /**
     * EKS Auto Mode (DescribeCluster `computeConfig`): its nodes are labelled compute-type `auto` with
     * Karpenter's labels (node groups must be `karpenter`), no aws-node or kube-proxy DaemonSet runs,
     * and pods get addresses from /28 prefixes, single addresses once no /28 block is free.
     */
    autoMode: z
      .object({
        nodePools: z.array(z.string()).default(['general-purpose', 'system']),
        nodeRoleArn: z.string().optional(),
      })
      .optional(),
    subnets: z.array(subnetSchema).min(1),
    eniConfigs: z
      .array(
        z.object({
          name: z.string(),
          subnet: z.string(),
          securityGroups: z.array(z.string()).default([]),
        }),
      )
      .default([]),
    nodeGroups: z.array(nodeGroupSchema).min(1),
    workloads: z.array(workloadSchema).default([]),
    addons: z
      .array(
        z.object({
          name: z.string(),
          version: z.string(),
          status: z.string().default('ACTIVE'),
        }),
      )
      .default([]),
    insights: z.array(insightSchema).default([]),
  })
  .superRefine((cluster, ctx) => {
    const hybrid = cluster.nodeGroups.find(g => g.provisioner === 'hybrid');
    if (hybrid && !cluster.eks.remoteNetwork) {
      ctx.addIssue({
        code: 'custom',
        path: ['eks', 'remoteNetwork'],
        message: `Cluster ${cluster.name} has hybrid node group ${hybrid.name} but no eks.remoteNetwork (nodeCidrs, podCidrs)`,
      });
    }
  });

const versionSchema = z.object({
  version: z.string(),
  releaseDate: z.coerce.date(),
  endOfStandardSupport: z.coerce.date(),
  endOfExtendedSupport: z.coerce.date(),
  patch: z.string(),
  platformVersion: z.string(),
  default: z.boolean().default(false),
  /** Not an AWS fact: projected past the published calendar (see calendar.ts). */
  projected: z.boolean().optional(),
});

const addonCatalogSchema = z.object({
  name: z.string(),
  type: z.string(),
  owner: z.string().default('aws'),
  /** One build per cluster version (kube-proxy): versions without a row get a generated one. */
  perClusterVersion: z.boolean().default(false),
  versions: z.array(
    z.object({
      version: z.string(),
      /** Cluster versions this add-on version supports. */
      clusterVersions: z.array(z.string()),
      /** Cluster versions for which it is the default. */
      defaultFor: z.array(z.string()).default([]),
    }),
  ),
});

/** The EKS catalog: the version calendar and add-on versions. */
export const catalogSchema = z.object({
  versions: z.array(versionSchema).min(1),
  addons: z.array(addonCatalogSchema).default([]),
});

/** A scenario file. */
export const scenarioSchema = z.object({
  description: z.string().optional(),
  aws: z
    .object({
      accessKeyId: z.string().default('AKIDFLEETSIMULATOR'),
      secretAccessKey: z.string().default('fleet-simulator-secret'),
    })
    .prefault({}),
  kubernetes: z
    .object({
      /** Continue tokens older than this get 410 Gone, like a compacted etcd revision. */
      continueTokenTtlSeconds: z.number().int().positive().default(300),
    })
    .prefault({}),
  /** Path of the EKS catalog YAML, relative to the scenario file. Default: the package's `scenarios/eks-catalog.yaml`. */
  catalog: z.string().optional(),
  clusters: z.array(clusterSchema).min(1),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioCluster = Scenario['clusters'][number];
export type ScenarioNodeGroup = ScenarioCluster['nodeGroups'][number];
export type ScenarioWorkload = ScenarioCluster['workloads'][number];
export type ScenarioSubnet = ScenarioCluster['subnets'][number];
export type ScenarioInsight = ScenarioCluster['insights'][number];
export type ScenarioUpdate = z.output<typeof updateSchema>;
export type EksCatalog = z.output<typeof catalogSchema>;
export type EksVersionInfo = EksCatalog['versions'][number];
