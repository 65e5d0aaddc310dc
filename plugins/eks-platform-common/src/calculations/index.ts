/*
 * Pure, browser-safe EKS calculations. One concept per file:
 * - maxPods.ts: kubelet max pods per EC2 instance type (VPC CNI rules)
 * - quantities.ts: Kubernetes quantities (`100m`, `512Mi`, `2e3`)
 * - awsNodeSettings.ts: aws-node env, warm-pool address footprint of a node
 * - ipHeadroom.ts: subnet, node, zone and node-group IP headroom; pods that still fit
 * - prefixBlocks.ts: free aligned /28 blocks of a subnet from its ENIs (prefix delegation, Auto Mode)
 * - autoModeIp.ts: EKS Auto Mode detection and its pod addresses (/28 prefixes, single-address fallback)
 * - securityGroupsForPods.ts: trunk and branch ENIs (ENABLE_POD_ENI)
 * - subnetDiscovery.ts: which subnets hold pod ENIs (kubernetes.io/role/cni tags)
 * - ipv4Cidr.ts: IPv4 addresses and CIDR blocks as numbers
 * - remotePodNetworks.ts: EKS Hybrid Nodes' remote pod networks, node blocks and nodes that still fit
 * - ipAssignmentFailures.ts: pods failing to get an address
 * - exhaustionForecast.ts: days until a subnet runs out of addresses
 * - capacityType.ts: spot/on-demand/Fargate from node labels; node group, zone
 * - podRequests.ts: a pod's effective requests as kubectl counts them
 * - interruptionTaints.ts: nodes about to be interrupted
 * - spotCapacity.ts: allocatable vs requested by capacity type, group and zone
 * - labelSelector.ts, workloads.ts, spotRisk.ts: spot risk per workload
 * - kubernetesVersion.ts, versionStatus.ts, eksVersionCalendar.ts: support phase and deadlines
 * - kubeletSkew.ts, upgradeInsights.ts, addonCompatibility.ts: upgrade readiness
 * - rollbackWindow.ts: whether and until when the control plane can be rolled back
 * - podAggregation.ts: pods reduced page by page to classes, and stand-ins for the above
 * - rolloutFit.ts: rollout surge, on-demand pod fit, its limit and unrequested CPU (preflight)
 * - figure.ts: a figure with its formula and source; figureRules.ts: every figure's standing rule
 * - ipHeadroomRules.ts: the IP figures' rules and the cluster's pods that still fit
 * - requestedShare.ts, supportDays.ts: the fleet page's CPU requested share and support days left
 * Input shapes (AWS and Kubernetes JSON) are in types.ts.
 */
export * from './types';
export * from './quantities';
export * from './maxPods';
export * from './capacityType';
export * from './podRequests';
export * from './interruptionTaints';
export * from './spotCapacity';
export * from './labelSelector';
export * from './workloads';
export * from './spotRisk';
export * from './awsNodeSettings';
export * from './ipHeadroom';
export * from './prefixBlocks';
export * from './autoModeIp';
export * from './securityGroupsForPods';
export * from './subnetDiscovery';
export * from './ipv4Cidr';
export * from './remotePodNetworks';
export * from './ipAssignmentFailures';
export * from './exhaustionForecast';
export * from './kubernetesVersion';
export * from './kubeletSkew';
export * from './eksVersionCalendar';
export * from './versionStatus';
export * from './upgradeInsights';
export * from './rollbackWindow';
export * from './addonCompatibility';
export * from './podAggregation';
export * from './figure';
export * from './rolloutFit';
export * from './requestedShare';
export * from './supportDays';
export * from './ipHeadroomRules';
export * from './figureRules';
