import { minorVersionOf } from './kubernetesVersion';
import type { EksAddonInfo, EksInstalledAddon } from './types';
import type { FigureRule } from './figure';

/**
 * Whether an installed add-on version works on a target cluster version.
 *
 * @public
 */
export type AddonCompatibility = {
  addonName: string;
  installedVersion?: string;
  targetClusterVersion: string;
  /** `undefined` when the installed version is not in the DescribeAddonVersions data. */
  compatible?: boolean;
  /** Versions of the add-on that support the target, newest first. */
  compatibleVersions: string[];
  /** The version EKS marks default for the target, if any. */
  defaultVersionForTarget?: string;
  reason: string;
};

function versionKey(version: string): number[] {
  return (version.match(/\d+/g) ?? []).map(Number);
}

/** Compares add-on versions such as `v1.19.2-eksbuild.1` numerically. */
function compareAddonVersions(a: string, b: string): number {
  const x = versionKey(a);
  const y = versionKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * For each installed add-on, whether its version lists `targetClusterVersion` among
 * its `compatibilities[].clusterVersion` in `DescribeAddonVersions` data, with the
 * versions that do (newest first) and the target's default version.
 *
 * Source: EKS API `DescribeAddonVersions` (`addons[].addonVersions[].compatibilities[]`).
 *
 * @public
 */
export function addonCompatibility(
  installed: EksInstalledAddon[],
  addonVersions: EksAddonInfo[],
  targetClusterVersion: string,
): AddonCompatibility[] {
  const target = minorVersionOf(targetClusterVersion) ?? targetClusterVersion;
  return installed
    .filter(a => a.addonName)
    .map(addon => {
      const name = addon.addonName as string;
      const versions =
        addonVersions.find(a => a.addonName === name)?.addonVersions ?? [];
      const supporting = versions.filter(v =>
        (v.compatibilities ?? []).some(c => c.clusterVersion === target),
      );
      const compatibleVersions = supporting
        .map(v => v.addonVersion)
        .filter((v): v is string => !!v)
        .sort(compareAddonVersions)
        .reverse();
      const defaultVersionForTarget = supporting.find(v =>
        (v.compatibilities ?? []).some(
          c => c.clusterVersion === target && c.defaultVersion,
        ),
      )?.addonVersion;
      const own = versions.find(v => v.addonVersion === addon.addonVersion);
      const base = {
        addonName: name,
        installedVersion: addon.addonVersion,
        targetClusterVersion: target,
        compatibleVersions,
        defaultVersionForTarget,
      };
      if (!own) {
        return {
          ...base,
          reason: `${name} ${
            addon.addonVersion ?? '(no version)'
          } is not in the add-on version list`,
        };
      }
      const compatible = supporting.includes(own);
      return {
        ...base,
        compatible,
        reason: compatible
          ? `${name} ${addon.addonVersion} supports ${target}`
          : `${name} ${addon.addonVersion} does not support ${target}; ${
              compatibleVersions.length > 0
                ? `upgrade to ${
                    defaultVersionForTarget ?? compatibleVersions[0]
                  }`
                : 'no version supports it yet'
            }`,
      };
    });
}

/**
 * The installed add-ons that are not compatible with `targetClusterVersion` (see
 * {@link addonCompatibility}); add-ons of unknown compatibility are left out.
 *
 * @public
 */
export function incompatibleAddons(
  installed: EksInstalledAddon[],
  addonVersions: EksAddonInfo[],
  targetClusterVersion: string,
): AddonCompatibility[] {
  return addonCompatibility(
    installed,
    addonVersions,
    targetClusterVersion,
  ).filter(a => a.compatible === false);
}

/**
 * The rule of the add-ons that block the next upgrade.
 *
 * @public
 */
export const ADDON_RULES = {
  addons: {
    formula:
      'installed add-on versions whose compatibilities do not list the next Kubernetes version',
    source: 'EKS DescribeAddon and DescribeAddonVersions',
  },
} satisfies Record<string, FigureRule>;
