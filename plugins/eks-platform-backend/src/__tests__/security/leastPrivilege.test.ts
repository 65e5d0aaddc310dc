import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ClusterOverviewResponse } from '@eks-platform/plugin-eks-platform-common';
import { loadAllYaml } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  demoFleetConfig,
  demoServices,
  startDemoFleet,
} from '../../__testUtils__/demoFleet';
import { eksPlatformPlugin } from '../../plugin';
import { NamespaceCheckService } from '../../collector/NamespaceCheckService';

jest.setTimeout(90_000);

// The access an operator grants the collector, as shipped in deploy/.
// Test-only: read from the source tree.
// eslint-disable-next-line no-restricted-syntax
const DEPLOY_DIR = path.resolve(__dirname, '../../../../../deploy');
const POLICY_FILE = path.join(
  DEPLOY_DIR,
  'iam/eks-platform-collector-policy.json',
);
const DISCOVERY_POLICY_FILE = path.join(
  DEPLOY_DIR,
  'iam/eks-platform-discovery-policy.json',
);
const RBAC_FILE = path.join(DEPLOY_DIR, 'kubernetes/eks-platform-reader.yaml');
const READER_GROUP = 'eks-platform-readers';
/** The account id the policy uses as a placeholder for "your account". */
const POLICY_ACCOUNT = '111122223333';

type PolicyStatement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
};

type RbacRule = {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
};

/** One Kubernetes request as RBAC sees it. */
type KubeAccess =
  | { kind: 'url'; url: string; verb: string }
  | {
      kind: 'resource';
      group: string;
      resource: string;
      verb: 'get' | 'list';
      namespace?: string;
      name?: string;
    };

/** One AWS request as IAM sees it. */
type AwsAccess = { action: string; resource: string };

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * What RBAC authorizes for a GET on an API server path: `/version` is a
 * non-resource URL; a collection path is `list`, an item path is `get`.
 */
function kubeAccessOf(method: string, urlPath: string): KubeAccess {
  if (method !== 'GET') {
    throw new Error(`The collector made a ${method} request to ${urlPath}`);
  }
  const segments = urlPath.split('/').filter(Boolean);
  let group: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1];
    rest = segments.slice(3);
  } else {
    return { kind: 'url', url: urlPath, verb: 'get' };
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  if (subresource) {
    throw new Error(`Unexpected subresource request ${urlPath}`);
  }
  return {
    kind: 'resource',
    group,
    resource,
    verb: name ? 'get' : 'list',
    ...(namespace && { namespace }),
    ...(name && { name }),
  };
}

/** The IAM action and resource ARN of one request to the simulated EKS/EC2 endpoint. */
function awsAccessOf(
  entry: { api: string; cluster: string; path: string; operation?: string },
  clusters: Map<string, { region: string; accountId: string }>,
): AwsAccess {
  if (!entry.operation) {
    throw new Error(`No operation logged for ${entry.api} ${entry.path}`);
  }
  const action = `${entry.api}:${entry.operation}`;
  const cluster = clusters.get(entry.cluster);
  const segments = entry.path.split('/').filter(Boolean);
  if (entry.api === 'eks' && cluster && segments[0] === 'clusters') {
    const prefix = `arn:aws:eks:${cluster.region}:${cluster.accountId}`;
    const [, name, sub, item] = segments;
    if (sub === 'node-groups' && item) {
      return { action, resource: `${prefix}:nodegroup/${name}/${item}/uuid` };
    }
    if (sub === 'addons' && item) {
      return { action, resource: `${prefix}:addon/${name}/${item}/uuid` };
    }
    return { action, resource: `${prefix}:cluster/${name}` };
  }
  return { action, resource: '*' };
}

function distinct<T>(items: T[]): T[] {
  return [...new Map(items.map(i => [JSON.stringify(i), i])).values()];
}

/** IAM's wildcard match (`*` any run of characters, `?` one). */
function arnMatches(pattern: string, arn: string): boolean {
  const wildcards: Record<string, string> = { '*': '.*', '?': '.' };
  const regex = pattern
    .split('')
    .map(c => wildcards[c] ?? c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`^${regex}$`).test(arn);
}

function ruleGrants(rule: RbacRule, access: KubeAccess): boolean {
  if (!rule.verbs.includes(access.verb)) return false;
  if (access.kind === 'url') {
    return asArray(rule.nonResourceURLs).includes(access.url);
  }
  return (
    asArray(rule.apiGroups).includes(access.group) &&
    asArray(rule.resources).includes(access.resource) &&
    (rule.resourceNames === undefined ||
      (access.name !== undefined && rule.resourceNames.includes(access.name)))
  );
}

const policy = JSON.parse(fs.readFileSync(POLICY_FILE, 'utf8')) as {
  Version: string;
  Statement: PolicyStatement[];
};
const rbac = loadAllYaml(fs.readFileSync(RBAC_FILE, 'utf8')) as Array<{
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: RbacRule[];
  roleRef?: { kind: string; name: string };
  subjects?: Array<{ kind: string; name: string }>;
}>;

/** The rules bound to the reader group, with the namespace they apply in (undefined = cluster-wide). */
const boundRules = rbac
  .filter(
    doc =>
      (doc.kind === 'ClusterRoleBinding' || doc.kind === 'RoleBinding') &&
      doc.subjects?.some(s => s.kind === 'Group' && s.name === READER_GROUP),
  )
  .flatMap(binding => {
    const role = rbac.find(
      doc =>
        doc.kind === binding.roleRef?.kind &&
        doc.metadata.name === binding.roleRef?.name &&
        (doc.kind === 'ClusterRole' ||
          doc.metadata.namespace === binding.metadata.namespace),
    );
    if (!role) {
      throw new Error(
        `${binding.kind} ${binding.metadata.name} refers to a missing role`,
      );
    }
    return (role.rules ?? []).map(rule => ({
      rule,
      namespace:
        binding.kind === 'RoleBinding' ? binding.metadata.namespace : undefined,
      role: `${role.kind} ${role.metadata.name}`,
    }));
  });

const grantedFor = (access: KubeAccess) =>
  boundRules.filter(
    ({ rule, namespace }) =>
      (namespace === undefined ||
        (access.kind === 'resource' && access.namespace === namespace)) &&
      ruleGrants(rule, access),
  );

describe('least privilege: deploy/ grants exactly what a collection of the demo fleet and the preflight namespace check use', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let fleet: Awaited<ReturnType<typeof startDemoFleet>>;
  let awsCalls: AwsAccess[] = [];
  let kubeCalls: KubeAccess[] = [];

  beforeAll(async () => {
    fleet = await startDemoFleet();
    const { registry, collector, store, collection } = await demoServices({
      sim: fleet.sim,
      knex: await databases.init('SQLITE_3'),
    });
    fleet.sim.requestLog.reset();
    for (const cluster of fleet.sim.clusters()) {
      const { ok } = await collection.collect(cluster.name);
      if (!ok) throw new Error(`Collecting ${cluster.name} failed`);
      const { snapshot } = await store.getState(cluster.name);
      if (!snapshot || snapshot.partial.length > 0) {
        throw new Error(
          `Collecting ${cluster.name} was partial (${snapshot?.partial}): the log would miss calls`,
        );
      }
    }
    // The scaffolder's preflight asks each cluster whether a new service's namespace exists yet.
    const namespaces = new NamespaceCheckService({ registry, collector });
    for (const cluster of fleet.sim.clusters()) {
      await namespaces.check(
        cluster.name,
        'checkout-api-dev',
        'user:default/test',
      );
    }
    const clusters = new Map(
      fleet.sim.clusters().map(c => [c.eksName, c] as const),
    );
    for (const c of fleet.sim.clusters()) clusters.set(c.name, c);
    const { requests } = fleet.sim.requestLog.snapshot();
    awsCalls = distinct(
      requests
        .filter(r => r.api === 'eks' || r.api === 'ec2')
        .map(r => awsAccessOf(r, clusters)),
    );
    kubeCalls = distinct(
      requests
        .filter(r => r.api === 'kubernetes')
        .map(r => kubeAccessOf(r.method, r.path)),
    );
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it('collected every demo cluster through EKS, EC2 and Kubernetes', () => {
    expect(new Set(awsCalls.map(c => c.action.split(':')[0]))).toEqual(
      new Set(['eks', 'ec2']),
    );
    expect(kubeCalls).toContainEqual({
      kind: 'resource',
      group: '',
      resource: 'pods',
      verb: 'list',
    });
  });

  it('the IAM policy allows exactly the AWS actions the collector calls', () => {
    expect(policy.Version).toBe('2012-10-17'); // date-literal: the IAM policy language version
    expect(policy.Statement.every(s => s.Effect === 'Allow')).toBe(true);
    const granted = [
      ...new Set(policy.Statement.flatMap(s => asArray(s.Action))),
    ].sort();
    const called = [...new Set(awsCalls.map(c => c.action))].sort();
    expect(granted).toEqual(called);
    // ListClusters is only needed by the optional EKS discovery: it is in the
    // discovery policy (tested below), not in every collector's.
    expect(granted).not.toContain('eks:ListClusters');
  });

  it('grants "*" only for actions that have no resource-level permissions', () => {
    const scoped = new Set(
      awsCalls.filter(c => c.resource !== '*').map(c => c.action),
    );
    const onStar = policy.Statement.filter(s =>
      asArray(s.Resource).includes('*'),
    ).flatMap(s => asArray(s.Action));
    expect(onStar.filter(action => scoped.has(action))).toEqual([]);
  });

  it('scopes every EKS action to the resources it is called on, in the policy account', () => {
    for (const call of awsCalls) {
      const statements = policy.Statement.filter(s =>
        asArray(s.Action).includes(call.action),
      );
      const resources = statements.flatMap(s => asArray(s.Resource));
      const accountId = /^arn:aws:eks:[^:]+:(\d{12}):/.exec(call.resource)?.[1];
      // The policy is written for one account (a placeholder): check the call
      // as if its cluster lived there.
      const asInPolicyAccount = accountId
        ? call.resource.replace(`:${accountId}:`, `:${POLICY_ACCOUNT}:`)
        : call.resource;
      expect({
        call: call.action,
        allowed: resources.some(r => arnMatches(r, asInPolicyAccount)),
      }).toEqual({ call: call.action, allowed: true });
    }
  });

  it('the Kubernetes RBAC allows every request the collector makes', () => {
    const denied = kubeCalls.filter(call => grantedFor(call).length === 0);
    expect(denied).toEqual([]);
  });

  it('the Kubernetes RBAC grants nothing the collector does not use', () => {
    // Every rule, split into single (group, resource, verb, name) grants, must
    // have been needed by at least one request.
    const unused: string[] = [];
    for (const { rule, namespace, role } of boundRules) {
      for (const verb of rule.verbs) {
        for (const url of asArray(rule.nonResourceURLs)) {
          if (
            !kubeCalls.some(
              c => c.kind === 'url' && c.url === url && c.verb === verb,
            )
          ) {
            unused.push(`${role}: ${verb} ${url}`);
          }
        }
        for (const group of asArray(rule.apiGroups)) {
          for (const resource of asArray(rule.resources)) {
            const names = rule.resourceNames ?? [undefined];
            for (const name of names) {
              const used = kubeCalls.some(
                c =>
                  c.kind === 'resource' &&
                  c.group === group &&
                  c.resource === resource &&
                  c.verb === verb &&
                  (namespace === undefined || c.namespace === namespace) &&
                  (name === undefined || c.name === name),
              );
              if (!used) {
                unused.push(
                  `${role}: ${verb} ${group || 'core'}/${resource}${
                    name ? `/${name}` : ''
                  }`,
                );
              }
            }
          }
        }
      }
    }
    expect(unused).toEqual([]);
    // No wildcards, and nothing that writes.
    const everything = boundRules.flatMap(({ rule }) => [
      ...rule.verbs,
      ...asArray(rule.apiGroups),
      ...asArray(rule.resources),
    ]);
    expect(everything).not.toContain('*');
    expect(
      boundRules
        .flatMap(({ rule }) => rule.verbs)
        .filter(v => v !== 'get' && v !== 'list'),
    ).toEqual([]);
  });

  it('reads the aws-node DaemonSet through a kube-system Role limited to that name', () => {
    const daemonSetCalls = kubeCalls.filter(
      c => c.kind === 'resource' && c.resource === 'daemonsets',
    );
    expect(daemonSetCalls).toEqual([
      {
        kind: 'resource',
        group: 'apps',
        resource: 'daemonsets',
        verb: 'get',
        namespace: 'kube-system',
        name: 'aws-node',
      },
    ]);
    expect(
      grantedFor({
        kind: 'resource',
        group: 'apps',
        resource: 'daemonsets',
        verb: 'get',
        namespace: 'kube-system',
        name: 'kube-proxy',
      }),
    ).toEqual([]);
    expect(
      grantedFor({
        kind: 'resource',
        group: 'apps',
        resource: 'daemonsets',
        verb: 'get',
        namespace: 'default',
        name: 'aws-node',
      }),
    ).toEqual([]);
  });
});

describe('least privilege with EKS discovery: the discovery policy adds exactly what discovery uses', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let fleet: Awaited<ReturnType<typeof startDemoFleet>>;
  let awsCalls: AwsAccess[] = [];
  let kubeCalls: KubeAccess[] = [];
  let collected: string[] = [];

  const discoveryPolicy = JSON.parse(
    fs.readFileSync(DISCOVERY_POLICY_FILE, 'utf8'),
  ) as { Version: string; Statement: PolicyStatement[] };

  beforeAll(async () => {
    fleet = await startDemoFleet();
    const clusters = fleet.sim.clusters();
    // Every account and region of the demo fleet, and no configured cluster:
    // each cluster is discovered, then collected with an EKS token.
    const regionsByAccount = new Map<string, Set<string>>();
    for (const c of clusters) {
      const regions = regionsByAccount.get(c.accountId) ?? new Set<string>();
      regions.add(c.region);
      regionsByAccount.set(c.accountId, regions);
    }
    const demo = demoFleetConfig(fleet.sim) as {
      aws: { accounts: object[] };
    };
    const knex = await databases.init('SQLITE_3');
    fleet.sim.requestLog.reset();
    const { server } = await startTestBackend({
      features: [
        eksPlatformPlugin,
        mockServices.rootConfig.factory({
          data: {
            aws: demo.aws,
            eksPlatform: {
              aws: { endpoint: fleet.sim.awsEndpoint },
              collection: { requestTimeoutMs: 5000, maxRetries: 1 },
              schedule: {
                frequency: { minutes: 30 },
                timeout: { minutes: 1 },
                initialDelay: { seconds: 0 },
              },
              discovery: {
                accounts: [...regionsByAccount].map(([accountId, regions]) => ({
                  accountId,
                  regions: [...regions].sort(),
                })),
              },
            },
          },
        }),
        mockServices.database.factory({ knex }),
        schedulerServiceFactory,
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const deadline = Date.now() + 60_000;
    let items: ClusterOverviewResponse['items'] = [];
    while (Date.now() < deadline) {
      const response = await request(server).get('/api/eks-platform/clusters');
      items = (response.body as ClusterOverviewResponse).items ?? [];
      if (
        items.length === clusters.length &&
        items.every(c => c.collectedAt && c.partial.length === 0)
      ) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    collected = items
      .filter(c => c.collectedAt && c.partial.length === 0)
      .map(c => c.name)
      .sort();
    const byName = new Map(clusters.map(c => [c.eksName, c] as const));
    const { requests } = fleet.sim.requestLog.snapshot();
    awsCalls = distinct(
      requests
        .filter(r => r.api === 'eks' || r.api === 'ec2')
        .map(r => awsAccessOf(r, byName)),
    );
    kubeCalls = distinct(
      requests
        .filter(r => r.api === 'kubernetes')
        .map(r => kubeAccessOf(r.method, r.path)),
    );
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it('discovered and collected every demo cluster completely', () => {
    expect(collected).toEqual(
      fleet.sim
        .clusters()
        .map(c => c.name)
        .sort(),
    );
  });

  it('needs the collector policy plus exactly the discovery policy', () => {
    const collectorActions = new Set(
      policy.Statement.flatMap(s => asArray(s.Action)),
    );
    const discoveryActions = [
      ...new Set(discoveryPolicy.Statement.flatMap(s => asArray(s.Action))),
    ].sort();
    const calledBeyondCollector = [...new Set(awsCalls.map(c => c.action))]
      .filter(action => !collectorActions.has(action))
      .sort();
    expect(discoveryActions).toEqual(calledBeyondCollector);
    expect(discoveryActions).toEqual(['eks:ListClusters']);
    // ListClusters has no resource-level permissions.
    expect(discoveryPolicy.Statement.flatMap(s => asArray(s.Resource))).toEqual(
      ['*'],
    );
  });

  it('collects discovered clusters within the same Kubernetes RBAC', () => {
    expect(kubeCalls.filter(call => grantedFor(call).length === 0)).toEqual([]);
  });
});
