import { uid } from '../../model/determinism';
import { EksCatalog } from '../../scenario/schema';
import { AwsApiError } from '../pagination';
import {
  EksCall,
  clusterNamesPage,
  epoch,
  findCluster,
  queryPage,
} from './common';

type CatalogAddon = EksCatalog['addons'][number];

/** One catalog add-on's versions, only those (and only the compatibilities) for `k8s` when given. */
function addonVersions(a: CatalogAddon, k8s: string | undefined) {
  return a.versions
    .filter(v => !k8s || v.clusterVersions.includes(k8s))
    .map(v => ({
      addonVersion: v.version,
      architecture: ['amd64', 'arm64'],
      computeTypes: ['ec2', 'hybrid'],
      compatibilities: v.clusterVersions
        .filter(cv => !k8s || cv === k8s)
        .map(cv => ({
          clusterVersion: cv,
          platformVersions: ['*'],
          defaultVersion: v.defaultFor.includes(cv),
        })),
      requiresConfiguration: false,
      requiresIamPermissions:
        a.name === 'vpc-cni' || a.name === 'aws-ebs-csi-driver',
    }));
}

/** DescribeAddonVersions: `GET /addons/supported-versions`; a named add-on with no match is a 404. */
export function describeAddonVersions(call: EksCall) {
  const { query } = call.req;
  const k8s = query.get('kubernetesVersion') ?? undefined;
  const name = query.get('addonName') ?? undefined;
  const types = query.getAll('types');
  const owners = query.getAll('owners');
  const addons = call.ctx.catalog.addons
    .filter(a => !name || a.name === name)
    .filter(a => types.length === 0 || types.includes(a.type))
    .filter(a => owners.length === 0 || owners.includes(a.owner))
    .map(a => ({
      addonName: a.name,
      type: a.type,
      owner: a.owner,
      publisher: 'eks',
      addonVersions: addonVersions(a, k8s),
    }))
    .filter(a => a.addonVersions.length > 0);
  if (name && addons.length === 0) {
    throw new AwsApiError(
      404,
      'ResourceNotFoundException',
      `Addon ${name} not found.`,
    );
  }
  return queryPage(call, addons, 'DescribeAddonVersions', 'addons', {
    default: 10,
    max: 100,
  });
}

/** ListAddons: `GET /clusters/<name>/addons`. */
export function listAddons(call: EksCall) {
  return clusterNamesPage(call, 'ListAddons', 'addons', c => c.addons);
}

/** DescribeAddon: `GET /clusters/<name>/addons/<addon>`. */
export function describeAddon(call: EksCall) {
  const [, clusterName, , addonName] = call.segs;
  const cluster = findCluster(call, clusterName);
  const addon = cluster.addons.find(a => a.name === addonName);
  if (!addon)
    throw new AwsApiError(
      404,
      'ResourceNotFoundException',
      `No addon: ${addonName} found in cluster: ${clusterName}`,
    );
  const { eks } = cluster;
  return {
    addon: {
      addonName: addon.name,
      clusterName: eks.name,
      status: addon.status,
      addonVersion: addon.version,
      health: { issues: [] },
      addonArn: `arn:aws:eks:${eks.region}:${eks.accountId}:addon/${eks.name}/${
        addon.name
      }/${uid(`addon:${cluster.name}/${addon.name}`)}`,
      createdAt: epoch(eks.createdAt),
      modifiedAt: epoch(new Date(call.now.getTime() - 20 * 24 * 3600 * 1000)),
      tags: {},
    },
  };
}
