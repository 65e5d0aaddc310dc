import { ContainerInput } from './kubeObjects';

export interface CniSettings {
  version: string;
  prefixDelegation: boolean;
  customNetworking: boolean;
  env: Record<string, string>;
  /** An IPv6 cluster: the CNI gives pods IPv6 addresses from a /80 prefix per node. */
  ipv6?: boolean;
}

/** The aws-node container env as the EKS vpc-cni add-on sets it, with the scenario's overrides. */
export function awsNodeEnv(cni: CniSettings): ContainerInput['env'] {
  const base: Record<string, string> = {
    ADDITIONAL_ENI_TAGS: '{}',
    AWS_VPC_CNI_NODE_PORT_SUPPORT: 'true',
    AWS_VPC_ENI_MTU: '9001',
    AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: String(cni.customNetworking),
    AWS_VPC_K8S_CNI_EXTERNALSNAT: 'false',
    AWS_VPC_K8S_CNI_LOGLEVEL: 'DEBUG',
    AWS_VPC_K8S_CNI_RANDOMIZESNAT: 'prng',
    AWS_VPC_K8S_CNI_VETHPREFIX: 'eni',
    DISABLE_INTROSPECTION: 'false',
    DISABLE_METRICS: 'false',
    ENABLE_IPv4: String(!cni.ipv6),
    ENABLE_IPv6: String(!!cni.ipv6),
    ENABLE_POD_ENI: 'false',
    ENABLE_PREFIX_DELEGATION: String(cni.prefixDelegation || !!cni.ipv6),
    NETWORK_POLICY_ENFORCING_MODE: 'standard',
    WARM_ENI_TARGET: '1',
    WARM_PREFIX_TARGET: '1',
    ...(cni.customNetworking
      ? { ENI_CONFIG_LABEL_DEF: 'topology.kubernetes.io/zone' }
      : {}),
    ...cni.env,
  };
  return [
    ...Object.keys(base)
      .sort()
      .map(name => ({ name, value: base[name] })),
    {
      name: 'MY_NODE_NAME',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
    },
  ];
}

function ecrImage(region: string, repo: string, tag: string) {
  return `602401143452.dkr.ecr.${region}.amazonaws.com/${repo}:${tag}`;
}

export function awsNodeContainers(region: string, cni: CniSettings) {
  const containers: ContainerInput[] = [
    {
      name: 'aws-node',
      image: ecrImage(region, 'amazon-k8s-cni', cni.version),
      cpu: '25m',
      memory: '64Mi',
      env: awsNodeEnv(cni),
    },
    {
      name: 'aws-eks-nodeagent',
      image: ecrImage(
        region,
        'amazon/aws-network-policy-agent',
        'v1.2.0-eksbuild.1',
      ),
      cpu: '25m',
      memory: '64Mi',
    },
  ];
  const initContainers: ContainerInput[] = [
    {
      name: 'aws-vpc-cni-init',
      image: ecrImage(region, 'amazon-k8s-cni-init', cni.version),
      cpu: '25m',
      memory: '32Mi',
    },
  ];
  return { containers, initContainers };
}

export function kubeProxyContainers(region: string, kubernetesVersion: string) {
  return [
    {
      name: 'kube-proxy',
      image: ecrImage(
        region,
        'eks/kube-proxy',
        `v${kubernetesVersion}.0-minimal-eksbuild.2`,
      ),
      cpu: '100m',
      memory: '64Mi',
    },
  ];
}

export function corednsContainer(region: string): ContainerInput {
  return {
    name: 'coredns',
    image: ecrImage(region, 'eks/coredns', 'v1.11.4-eksbuild.2'),
    cpu: '100m',
    memory: '70Mi',
  };
}
