import {
  addonCompatibility,
  type EksAddonInfo,
} from '@eks-platform/plugin-eks-platform-common';

/** An add-on version as DescribeAddonVersions lists it, with the cluster versions it supports. */
const release = (
  addonVersion: string,
  clusterVersions: string[],
  defaultFor?: string,
) => ({
  addonVersion,
  compatibilities: clusterVersions.map(clusterVersion => ({
    clusterVersion,
    defaultVersion: clusterVersion === defaultFor,
  })),
});

const addonVersions: EksAddonInfo[] = [
  {
    addonName: 'kube-proxy',
    addonVersions: [
      release('v1.32.6-eksbuild.8', ['1.32'], '1.32'),
      release('v1.32.0-eksbuild.2', ['1.32']),
      release('v1.28.15-eksbuild.30', ['1.28', '1.29', '1.30', '1.31']),
    ],
  },
  {
    addonName: 'vpc-cni',
    addonVersions: [
      release('v1.20.4-eksbuild.1', ['1.32', '1.33']),
      release('v1.19.2-eksbuild.1', ['1.31', '1.32'], '1.32'),
    ],
  },
];

/**
 * The legacy cluster's add-ons checked against 1.32, its next version, by the common rule:
 * kube-proxy is still on the 1.28 line and blocks the upgrade, vpc-cni is ready.
 */
export const legacyAddons = addonCompatibility(
  [
    { addonName: 'kube-proxy', addonVersion: 'v1.28.15-eksbuild.30' },
    { addonName: 'vpc-cni', addonVersion: 'v1.19.2-eksbuild.1' },
  ],
  addonVersions,
  '1.32',
);
