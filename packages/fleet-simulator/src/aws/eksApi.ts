import { describeAddon, describeAddonVersions, listAddons } from './eks/addons';
import { describeClusterOperation, listClusters } from './eks/clusters';
import { EksCall, EksHandler } from './eks/common';
import { describeInsight, listInsights } from './eks/insights';
import { describeNodegroup, listNodegroups } from './eks/nodegroups';
import { describeUpdate, listUpdates } from './eks/updates';
import { describeClusterVersions } from './eks/versions';
import type { AwsFleetContext, EksRequest, EksRoute } from './fleetContext';

export type { AwsFleetContext, EksRequest, EksRoute } from './fleetContext';

/** A path segment that matches any value (a cluster name, a node group, an id). */
const ANY = '*';

interface EksOperation {
  operation: string;
  method: string;
  /** Literal segments and ANY; a path matches when it has as many segments and the literals agree. */
  path: string[];
  handler: EksHandler;
}

/** An operation from its route written as EKS documents it: `GET /clusters/*` (method, path). */
function op(route: string, operation: string, handler: EksHandler) {
  const [method, path] = route.split(' ');
  return { operation, method, path: path.split('/').slice(1), handler };
}

const OPERATIONS: EksOperation[] = [
  op('GET /clusters', 'ListClusters', listClusters),
  op('GET /clusters/*', 'DescribeCluster', describeClusterOperation),
  op(
    'GET /cluster-versions',
    'DescribeClusterVersions',
    describeClusterVersions,
  ),
  op(
    'GET /addons/supported-versions',
    'DescribeAddonVersions',
    describeAddonVersions,
  ),
  op('GET /clusters/*/node-groups', 'ListNodegroups', listNodegroups),
  op('GET /clusters/*/node-groups/*', 'DescribeNodegroup', describeNodegroup),
  op('POST /clusters/*/insights', 'ListInsights', listInsights),
  op('GET /clusters/*/insights/*', 'DescribeInsight', describeInsight),
  op('GET /clusters/*/addons', 'ListAddons', listAddons),
  op('GET /clusters/*/addons/*', 'DescribeAddon', describeAddon),
  op('GET /clusters/*/updates', 'ListUpdates', listUpdates),
  op('GET /clusters/*/updates/*', 'DescribeUpdate', describeUpdate),
];

function matches(o: EksOperation, method: string, segs: string[]) {
  return (
    o.method === method &&
    o.path.length === segs.length &&
    o.path.every((p, i) => p === ANY || p === segs[i])
  );
}

/** Routes an EKS rest-json request to its operation; undefined when no operation matches. */
export function routeEks(
  ctx: AwsFleetContext,
  req: EksRequest,
): EksRoute | undefined {
  const segs = req.path
    .split('/')
    .filter(s => s !== '')
    .map(decodeURIComponent);
  const call: EksCall = { ctx, req, segs, now: ctx.now() };
  const found = OPERATIONS.find(o => matches(o, req.method, segs));
  if (!found) return undefined;
  return {
    operation: found.operation,
    // Every path under /clusters/<name> is about that cluster.
    ...(found.path[0] === 'clusters' && found.path[1] === ANY
      ? { clusterName: segs[1] }
      : {}),
    run: () => found.handler(call),
  };
}
