import { AwsApiError } from '../pagination';
import { EksCall, epoch, findCluster, queryPage } from './common';

/**
 * ListUpdates: `GET /clusters/<name>/updates`, paged by `maxResults` (1-100, default 100) and
 * `nextToken`. EKS lists update ids in no particular order (containers-roadmap#1439); the
 * simulator sorts them by id, which is not by time either. The simulated node groups and
 * add-ons have no updates of their own.
 */
export function listUpdates(call: EksCall) {
  const cluster = findCluster(call, call.segs[1]);
  const { query } = call.req;
  const ownUpdates = !query.get('nodegroupName') && !query.get('addonName');
  const ids = ownUpdates ? cluster.eks.updates.map(u => u.id).sort() : [];
  return queryPage(call, ids, 'ListUpdates', 'updateIds');
}

/** DescribeUpdate: `GET /clusters/<name>/updates/<updateId>`. */
export function describeUpdate(call: EksCall) {
  const id = call.segs[3];
  const update = findCluster(call, call.segs[1]).eks.updates.find(
    u => u.id === id,
  );
  if (!update) {
    throw new AwsApiError(
      404,
      'ResourceNotFoundException',
      `No update found for id: ${id}.`,
    );
  }
  return {
    update: {
      id: update.id,
      status: update.status,
      type: update.type,
      params: update.params,
      createdAt: epoch(update.createdAt),
      errors: update.errors,
    },
  };
}
