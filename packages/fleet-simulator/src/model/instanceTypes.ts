/**
 * EC2 instance types the simulator knows, with their network limits as EC2 DescribeInstanceTypes reports
 * them (default network card's MaximumNetworkInterfaces, Ipv4AddressesPerInterface). The ENI/IP numbers
 * agree with aws/amazon-vpc-cni-k8s `misc/eni-max-pods.txt` (max pods = ENIs x (IPs - 1) + 2).
 */
export interface InstanceTypeSpec {
  name: string;
  vcpus: number;
  memoryMiB: number;
  architecture: 'x86_64' | 'arm64';
  maxEnis: number;
  ipv4PerEni: number;
  ipv6PerEni: number;
  networkPerformance: string;
  burstable: boolean;
  /**
   * Branch ENIs for security groups for pods, when the type supports trunking
   * (aws/amazon-vpc-resource-controller-k8s `pkg/aws/vpc/limits.go` `BranchInterface`).
   */
  branchEnis?: number;
}

const GiB = 1024;

/** Branch ENIs of the trunking types the simulator knows (limits.go `BranchInterface`). */
const BRANCH_ENIS: Record<string, number> = {
  'm5.large': 9,
  'c5.large': 9,
  'c5.xlarge': 18,
  'c5.2xlarge': 38,
};

function spec(
  name: string,
  vcpus: number,
  memoryGiB: number,
  maxEnis: number,
  ipv4PerEni: number,
  networkPerformance: string,
  architecture: 'x86_64' | 'arm64' = 'x86_64',
): InstanceTypeSpec {
  return {
    name,
    vcpus,
    memoryMiB: memoryGiB * GiB,
    architecture,
    maxEnis,
    ipv4PerEni,
    ipv6PerEni: ipv4PerEni,
    networkPerformance,
    burstable: name.startsWith('t'),
    ...(BRANCH_ENIS[name] !== undefined && { branchEnis: BRANCH_ENIS[name] }),
  };
}

const CATALOG: InstanceTypeSpec[] = [
  spec('t3.micro', 2, 1, 2, 2, 'Up to 5 Gigabit'),
  spec('t3.medium', 2, 4, 3, 6, 'Up to 5 Gigabit'),
  spec('t3.large', 2, 8, 3, 12, 'Up to 5 Gigabit'),
  spec('m5.large', 2, 8, 3, 10, 'Up to 10 Gigabit'),
  spec('m5.xlarge', 4, 16, 4, 15, 'Up to 10 Gigabit'),
  spec('m5.2xlarge', 8, 32, 4, 15, 'Up to 10 Gigabit'),
  spec('m5.4xlarge', 16, 64, 8, 30, 'Up to 10 Gigabit'),
  spec('m5.24xlarge', 96, 384, 15, 50, '25 Gigabit'),
  spec('m6i.large', 2, 8, 3, 10, 'Up to 12.5 Gigabit'),
  spec('m6i.xlarge', 4, 16, 4, 15, 'Up to 12.5 Gigabit'),
  spec('m6i.2xlarge', 8, 32, 4, 15, 'Up to 12.5 Gigabit'),
  spec('c5.large', 2, 4, 3, 10, 'Up to 10 Gigabit'),
  spec('c5.xlarge', 4, 8, 4, 15, 'Up to 10 Gigabit'),
  spec('c5.2xlarge', 8, 16, 4, 15, 'Up to 10 Gigabit'),
  spec('r5.large', 2, 16, 3, 10, 'Up to 10 Gigabit'),
  spec('r5.xlarge', 4, 32, 4, 15, 'Up to 10 Gigabit'),
  spec('c6g.medium', 1, 2, 2, 4, 'Up to 10 Gigabit', 'arm64'),
  spec('m6g.large', 2, 8, 3, 10, 'Up to 10 Gigabit', 'arm64'),
  spec('m6g.xlarge', 4, 16, 4, 15, 'Up to 10 Gigabit', 'arm64'),
];

const BY_NAME = new Map(CATALOG.map(t => [t.name, t]));

/** Every instance type the simulator knows, in catalog order. */
export function listInstanceTypes(): InstanceTypeSpec[] {
  return CATALOG;
}

/** One instance type, or an error naming the known ones. */
export function getInstanceType(name: string): InstanceTypeSpec {
  const found = BY_NAME.get(name);
  if (!found) {
    throw new Error(
      `Unknown instance type '${name}'; the simulator knows ${CATALOG.map(
        t => t.name,
      ).join(', ')}`,
    );
  }
  return found;
}

/** How the VPC CNI hands out pod addresses on a node. */
export interface CniMode {
  prefixDelegation: boolean;
  customNetworking: boolean;
}

/**
 * Max pods the node advertises (status.capacity.pods), the way the EKS AMI's max-pods calculator
 * derives it: secondary IPs `ENIs x (IPs - 1) + 2`; custom networking uses one ENI less; prefix
 * delegation puts a /28 (16 addresses) in each slot and caps at 110 (<= 30 vCPUs) or 250.
 */
export function maxPodsFor(type: InstanceTypeSpec, mode: CniMode): number {
  const enis = mode.customNetworking ? type.maxEnis - 1 : type.maxEnis;
  if (mode.prefixDelegation) {
    const raw = enis * ((type.ipv4PerEni - 1) * 16) + 2;
    return Math.min(raw, type.vcpus > 30 ? 250 : 110);
  }
  return enis * (type.ipv4PerEni - 1) + 2;
}

/**
 * Allocatable CPU in millicores after kube-reserved, using the EKS AMI's reservation steps
 * (6% of the first core, 1% of the second, 0.5% of cores 3-4, 0.25% above).
 */
export function allocatableMilliCpu(vcpus: number): number {
  const total = vcpus * 1000;
  let reserved = 60;
  if (vcpus > 1) reserved += 10;
  if (vcpus > 2) reserved += Math.min(vcpus - 2, 2) * 5;
  if (vcpus > 4) reserved += (vcpus - 4) * 2.5;
  return Math.floor(total - reserved);
}

/**
 * Allocatable memory in KiB: capacity minus kube-reserved (255 MiB + 11 MiB per pod, the EKS AMI
 * formula) minus the 100 MiB hard eviction threshold. Capacity is what the kernel reports, a little
 * under the nominal size.
 */
export function memoryKiB(
  type: InstanceTypeSpec,
  maxPods: number,
): {
  capacity: number;
  allocatable: number;
} {
  const capacity = Math.floor(type.memoryMiB * 1024 * 0.965);
  const reserved = (255 + 11 * maxPods + 100) * 1024;
  return { capacity, allocatable: capacity - reserved };
}
