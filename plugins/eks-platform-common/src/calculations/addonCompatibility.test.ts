import { addonCompatibility, incompatibleAddons } from './addonCompatibility';
import { ADDON_VERSIONS, INSTALLED_ADDONS } from './__fixtures__/eks';

describe('addonCompatibility', () => {
  it('checks each installed add-on against the next cluster version', () => {
    const result = addonCompatibility(INSTALLED_ADDONS, ADDON_VERSIONS, '1.32');
    expect(result.map(r => [r.addonName, r.compatible])).toEqual([
      ['vpc-cni', true],
      ['coredns', true],
      ['kube-proxy', false],
      ['aws-ebs-csi-driver', undefined],
    ]);
  });

  it('names the versions to move to, newest first, and the default', () => {
    const [kubeProxy] = incompatibleAddons(
      INSTALLED_ADDONS,
      ADDON_VERSIONS,
      '1.32',
    );
    expect(kubeProxy).toMatchObject({
      addonName: 'kube-proxy',
      installedVersion: 'v1.31.3-eksbuild.2',
      targetClusterVersion: '1.32',
      compatibleVersions: ['v1.32.6-eksbuild.12', 'v1.32.0-eksbuild.2'],
      defaultVersionForTarget: 'v1.32.6-eksbuild.12',
      reason:
        'kube-proxy v1.31.3-eksbuild.2 does not support 1.32; upgrade to v1.32.6-eksbuild.12',
    });
  });

  it('sorts build numbers numerically', () => {
    const coredns = addonCompatibility(
      INSTALLED_ADDONS,
      ADDON_VERSIONS,
      '1.32',
    ).find(r => r.addonName === 'coredns');
    expect(coredns?.compatibleVersions).toEqual([
      'v1.11.4-eksbuild.24',
      'v1.11.4-eksbuild.10',
      'v1.11.4-eksbuild.2',
    ]);
  });

  it('says when no version supports the target yet', () => {
    const incompatible = incompatibleAddons(
      INSTALLED_ADDONS,
      ADDON_VERSIONS,
      '1.35',
    );
    expect(incompatible.map(a => a.addonName)).toEqual([
      'vpc-cni',
      'coredns',
      'kube-proxy',
    ]);
    expect(incompatible[0].reason).toBe(
      'vpc-cni v1.19.2-eksbuild.1 does not support 1.35; no version supports it yet',
    );
  });

  it('reports an add-on missing from the version data as unknown, not incompatible', () => {
    const ebs = addonCompatibility(
      INSTALLED_ADDONS,
      ADDON_VERSIONS,
      '1.33',
    ).find(r => r.addonName === 'aws-ebs-csi-driver');
    expect(ebs?.reason).toBe(
      'aws-ebs-csi-driver v1.37.0-eksbuild.1 is not in the add-on version list',
    );
  });
});
