import type {
  EksAddonInfo,
  EksClusterVersionInfo,
  EksInsightSummary,
  EksInstalledAddon,
} from '../types';
import { END_OF_EXTENDED_1_31, isoFrom } from './clock';

/*
 * EKS API responses as a collector would store them, trimmed to the fields read.
 * DescribeClusterVersions mixes wire-format epoch seconds (REST JSON) and ISO text
 * (already normalised), and one entry carries only the deprecated `status`.
 */
const epoch = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

export const CLUSTER_VERSIONS: EksClusterVersionInfo[] = [
  {
    clusterVersion: '1.31',
    clusterType: 'eks',
    defaultPlatformVersion: 'eks.44',
    defaultVersion: false,
    releaseDate: epoch('2024-09-26'),
    endOfStandardSupportDate: epoch('2025-11-26'),
    endOfExtendedSupportDate: epoch('2026-11-26'),
    status: 'EXTENDED_SUPPORT',
    versionStatus: 'EXTENDED_SUPPORT',
    kubernetesPatchVersion: '1.31.13',
  },
  {
    clusterVersion: '1.32',
    clusterType: 'eks',
    defaultPlatformVersion: 'eks.28',
    defaultVersion: false,
    releaseDate: '2025-01-23T00:00:00.000Z',
    endOfStandardSupportDate: '2026-03-23T00:00:00.000Z',
    endOfExtendedSupportDate: '2027-03-23T00:00:00.000Z',
    status: 'EXTENDED_SUPPORT',
    kubernetesPatchVersion: '1.32.9',
  },
  {
    clusterVersion: '1.33',
    clusterType: 'eks',
    defaultVersion: false,
    releaseDate: epoch('2025-05-29'),
    endOfStandardSupportDate: epoch('2026-07-29'),
    endOfExtendedSupportDate: epoch('2027-07-29'),
    versionStatus: 'EXTENDED_SUPPORT',
    kubernetesPatchVersion: '1.33.5',
  },
  {
    clusterVersion: '1.34',
    clusterType: 'eks',
    defaultVersion: true,
    releaseDate: epoch('2025-10-02'),
    endOfStandardSupportDate: epoch('2026-12-02'),
    endOfExtendedSupportDate: epoch('2027-12-02'),
    versionStatus: 'STANDARD_SUPPORT',
    kubernetesPatchVersion: '1.34.1',
  },
  {
    clusterVersion: '1.35',
    clusterType: 'eks',
    defaultVersion: false,
    releaseDate: epoch('2026-01-27'),
    endOfStandardSupportDate: epoch('2027-03-27'),
    endOfExtendedSupportDate: epoch('2028-03-27'),
    versionStatus: 'STANDARD_SUPPORT',
    kubernetesPatchVersion: '1.35.0',
  },
];

export const INSIGHTS: EksInsightSummary[] = [
  {
    id: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
    name: 'Deprecated APIs removed in Kubernetes v1.32',
    category: 'UPGRADE_READINESS',
    kubernetesVersion: '1.32',
    lastRefreshTime: isoFrom(END_OF_EXTENDED_1_31, -5, '06:12:44'),
    description:
      'Checks for usage of deprecated APIs that are scheduled for removal in Kubernetes v1.32.',
    insightStatus: {
      status: 'ERROR',
      reason: 'Deprecated API usage detected within last 30 days.',
    },
  },
  {
    id: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b',
    name: 'Kubelet version skew',
    category: 'UPGRADE_READINESS',
    kubernetesVersion: '1.32',
    insightStatus: {
      status: 'WARNING',
      reason: 'Node kubelet versions are at the allowed skew limit.',
    },
  },
  {
    id: 'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b',
    name: 'EKS add-on version compatibility',
    category: 'UPGRADE_READINESS',
    kubernetesVersion: '1.32',
    insightStatus: { status: 'PASSING', reason: 'All add-ons are compatible.' },
  },
  {
    id: 'a1b2c3d4-0004-4e5f-8a9b-0c1d2e3f4a5b',
    name: 'Cluster health issues',
    category: 'UPGRADE_READINESS',
    kubernetesVersion: '1.32',
    insightStatus: {
      status: 'PASSING',
      reason: 'No cluster health issues detected.',
    },
  },
  {
    id: 'a1b2c3d4-0005-4e5f-8a9b-0c1d2e3f4a5b',
    name: 'kube-proxy version skew',
    category: 'UPGRADE_READINESS',
    kubernetesVersion: '1.32',
    insightStatus: {
      status: 'UNKNOWN',
      reason: 'Unable to determine kube-proxy version.',
    },
  },
  {
    id: 'a1b2c3d4-0006-4e5f-8a9b-0c1d2e3f4a5b',
    name: 'Amazon Linux 2 compatibility',
    category: 'MISCONFIGURATION',
    kubernetesVersion: '1.32',
    insightStatus: {
      status: 'WARNING',
      reason: 'Managed node group legacy-al2 uses AL2.',
    },
  },
];

export const INSTALLED_ADDONS: EksInstalledAddon[] = [
  {
    addonName: 'vpc-cni',
    addonVersion: 'v1.19.2-eksbuild.1',
    status: 'ACTIVE',
  },
  {
    addonName: 'coredns',
    addonVersion: 'v1.11.4-eksbuild.2',
    status: 'ACTIVE',
  },
  {
    addonName: 'kube-proxy',
    addonVersion: 'v1.31.3-eksbuild.2',
    status: 'ACTIVE',
  },
  {
    addonName: 'aws-ebs-csi-driver',
    addonVersion: 'v1.37.0-eksbuild.1',
    status: 'ACTIVE',
  },
];

const compat = (versions: string[], defaults: string[] = []) =>
  versions.map(v => ({
    clusterVersion: v,
    platformVersions: ['*'],
    defaultVersion: defaults.includes(v),
  }));

export const ADDON_VERSIONS: EksAddonInfo[] = [
  {
    addonName: 'vpc-cni',
    type: 'networking',
    addonVersions: [
      {
        addonVersion: 'v1.20.4-eksbuild.2',
        architecture: ['amd64', 'arm64'],
        compatibilities: compat(
          ['1.34', '1.33', '1.32', '1.31', '1.30'],
          ['1.34', '1.33', '1.32'],
        ),
      },
      {
        addonVersion: 'v1.19.2-eksbuild.1',
        architecture: ['amd64', 'arm64'],
        compatibilities: compat(['1.32', '1.31', '1.30', '1.29'], ['1.31']),
      },
    ],
  },
  {
    addonName: 'coredns',
    type: 'networking',
    addonVersions: [
      {
        addonVersion: 'v1.11.4-eksbuild.24',
        compatibilities: compat(['1.32', '1.33', '1.34'], ['1.32']),
      },
      {
        addonVersion: 'v1.11.4-eksbuild.2',
        compatibilities: compat(['1.31', '1.32'], ['1.31']),
      },
      {
        addonVersion: 'v1.11.4-eksbuild.10',
        compatibilities: compat(['1.31', '1.32']),
      },
    ],
  },
  {
    addonName: 'kube-proxy',
    type: 'networking',
    addonVersions: [
      {
        addonVersion: 'v1.32.6-eksbuild.12',
        compatibilities: compat(['1.32'], ['1.32']),
      },
      { addonVersion: 'v1.32.0-eksbuild.2', compatibilities: compat(['1.32']) },
      {
        addonVersion: 'v1.31.3-eksbuild.2',
        compatibilities: compat(['1.31'], ['1.31']),
      },
    ],
  },
];
