import type { ClusterModel } from '../../model/ClusterModel';
import type { AwsFleetContext, EksRequest } from '../fleetContext';
import { AwsApiError, paginate } from '../pagination';

/**
 * One routed EKS request as its operation handler sees it. The clock is read once when the request
 * is routed, so every date in one response comes from the same instant.
 */
export interface EksCall {
  ctx: AwsFleetContext;
  req: EksRequest;
  /** The path's decoded segments: `clusters/<name>/<resource>/<id>`. */
  segs: string[];
  now: Date;
}

/** A handler of one EKS operation: its response body, or an AwsApiError. */
export type EksHandler = (call: EksCall) => unknown;

/** EKS rest-json sends timestamps as epoch seconds. */
export const epoch = (date: Date) => date.getTime() / 1000;

function intParam(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) {
    throw new AwsApiError(
      400,
      'InvalidParameterException',
      `${name} must be an integer.`,
    );
  }
  return value;
}

/** The cluster a request names, in the request's region; a 404 as EKS words it otherwise. */
export function findCluster(call: EksCall, name: string): ClusterModel {
  const cluster = call.ctx.clusters.find(
    c => c.eks.name === name && c.eks.region === call.req.region,
  );
  if (!cluster) {
    throw new AwsApiError(
      404,
      'ResourceNotFoundException',
      `No cluster found for name: ${name}.`,
    );
  }
  return cluster;
}

/** A page as EKS lists answer it: the items under `key`, then `nextToken` only when there is more. */
export function pageBody<T>(
  key: string,
  result: { page: T[]; nextToken?: string },
) {
  const { page, nextToken } = result;
  return { [key]: page, ...(nextToken ? { nextToken } : {}) };
}

/**
 * Pages a list by the query's `maxResults` and `nextToken`, the way EKS GET lists take them. Most
 * lists allow 100 per page by default; DescribeAddonVersions passes its own limits.
 */
export function queryPage<T>(
  call: EksCall,
  items: T[],
  operation: string,
  key: string,
  limits = { default: 100, max: 100 },
) {
  const { query } = call.req;
  return pageBody(
    key,
    paginate(
      items,
      operation,
      intParam(query, 'maxResults'),
      query.get('nextToken') ?? undefined,
      limits,
    ),
  );
}

/** A list of the named things of the request's cluster (`/clusters/<name>/...`), sorted by name. */
export function clusterNamesPage(
  call: EksCall,
  operation: string,
  key: string,
  itemsOf: (cluster: ClusterModel) => { name: string }[],
) {
  const names = itemsOf(findCluster(call, call.segs[1]))
    .map(item => item.name)
    .sort();
  return queryPage(call, names, operation, key);
}
