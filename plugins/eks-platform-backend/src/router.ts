import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  eksPlatformClusterReadPermission,
  eksPlatformClusterRefreshPermission,
} from '@eks-platform/plugin-eks-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import type { ClusterViewService } from './views/ClusterViewService';
import type { CollectionService } from './collector/CollectionService';
import type { NamespaceCheckService } from './collector/NamespaceCheckService';
import type { JsonBody } from './views/ViewBodyCache';
import type { AnswerOf } from './schema/contract';
import { CLUSTER_NAME_RULE } from './config/clusterNames';
import {
  callerKey,
  clusterNameSchema,
  entityQuerySchema,
  firstIssue,
  historyQuerySchema,
  namespaceSchema,
} from './routeInputs';
import { DEFAULT_REFRESHES_PER_USER_PER_MINUTE } from './config/readRequestLimits';
import { UserRateLimit } from './limits/UserRateLimit';
import { allowOnly, errorsForCallers } from './routeErrors';

/** The longest history range one request may ask for. */
export const MAX_HISTORY_DAYS = 400;
const DAY_MS = 86_400_000;
const DEFAULT_HISTORY_DAYS = 7;

/**
 * Sends a view serialized once for many callers, gzip-encoded when the caller
 * accepts it (as browsers do; Backstage's compression middleware leaves an
 * encoded answer alone instead of compressing it again per request), with the
 * representation's ETag (a matching If-None-Match gets 304 from express).
 */
function sendJson(req: express.Request, res: express.Response, body: JsonBody) {
  res.vary('Accept-Encoding');
  res.type('application/json');
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    const gzip = body.gzip();
    res.set('Content-Encoding', 'gzip');
    res.set('ETag', gzip.etag);
    res.send(gzip.bytes);
    return;
  }
  res.set('ETag', body.etag);
  res.send(body.bytes);
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  views: Pick<
    ClusterViewService,
    'listOverviewsBody' | 'getDetailBody' | 'getHistory' | 'getEntityViewBody'
  >;
  collection: Pick<CollectionService, 'trigger'>;
  namespaces: Pick<NamespaceCheckService, 'check'>;
  logger: LoggerService;
  /** Manual refreshes each user may ask for per minute. */
  refreshesPerUserPerMinute?: number;
  now?: () => Date;
}): Promise<express.Router> {
  const { httpAuth, permissions, views, collection, namespaces } = options;
  const now = options.now ?? (() => new Date());
  const refreshLimit = new UserRateLimit({
    perMinute:
      options.refreshesPerUserPerMinute ??
      DEFAULT_REFRESHES_PER_USER_PER_MINUTE,
    what: 'refreshes',
    now: () => now().getTime(),
  });
  const router = Router();

  async function authorize(req: express.Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        permission === eksPlatformClusterRefreshPermission
          ? 'Not allowed to refresh eks-platform clusters'
          : 'Not allowed to read eks-platform clusters',
      );
    }
    return credentials;
  }

  function clusterName(req: express.Request): string {
    const parsed = clusterNameSchema.safeParse(req.params.name);
    if (!parsed.success) {
      // The rejected value is not echoed back.
      throw new InputError(
        `Invalid cluster name: it must be ${CLUSTER_NAME_RULE}`,
      );
    }
    return parsed.data;
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' } satisfies AnswerOf<'GetHealth'>);
  });

  router.get('/clusters', async (req, res) => {
    await authorize(req, eksPlatformClusterReadPermission);
    sendJson(req, res, await views.listOverviewsBody());
  });

  router.get('/clusters/:name', async (req, res) => {
    await authorize(req, eksPlatformClusterReadPermission);
    sendJson(req, res, await views.getDetailBody(clusterName(req)));
  });

  router.get('/clusters/:name/namespaces/:namespace', async (req, res) => {
    const credentials = await authorize(req, eksPlatformClusterReadPermission);
    const name = clusterName(req);
    const namespace = namespaceSchema.safeParse(req.params.namespace);
    if (!namespace.success) {
      throw new InputError(
        'Invalid namespace name: it must be a lowercase RFC 1123 label (a-z, 0-9 and "-", at most 63 characters)',
      );
    }
    const answer: AnswerOf<'CheckNamespace'> = await namespaces.check(
      name,
      namespace.data,
      callerKey(credentials),
    );
    res.json(answer);
  });

  router.get('/clusters/:name/history', async (req, res) => {
    await authorize(req, eksPlatformClusterReadPermission);
    const name = clusterName(req);
    const parsed = historyQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(
        `Invalid history query: ${firstIssue(parsed.error)}`,
      );
    }
    const to = parsed.data.to ? new Date(parsed.data.to) : now();
    const from = parsed.data.from
      ? new Date(parsed.data.from)
      : new Date(to.getTime() - DEFAULT_HISTORY_DAYS * DAY_MS);
    if (from.getTime() >= to.getTime()) {
      throw new InputError('Invalid history query: from must be before to');
    }
    if (to.getTime() - from.getTime() > MAX_HISTORY_DAYS * DAY_MS) {
      throw new InputError(
        `Invalid history query: the range may span at most ${MAX_HISTORY_DAYS} days`,
      );
    }
    const history: AnswerOf<'GetHistory'> = await views.getHistory({
      cluster: name,
      metric: parsed.data.metric,
      from,
      to,
    });
    res.json(history);
  });

  router.get('/entity', async (req, res) => {
    const credentials = await authorize(req, eksPlatformClusterReadPermission);
    const parsed = entityQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(`Invalid entity query: ${firstIssue(parsed.error)}`);
    }
    sendJson(
      req,
      res,
      await views.getEntityViewBody(parsed.data.entityRef, credentials),
    );
  });

  router.post('/clusters/:name/refresh', async (req, res) => {
    const credentials = await authorize(
      req,
      eksPlatformClusterRefreshPermission,
    );
    const name = clusterName(req);
    refreshLimit.take(callerKey(credentials));
    const status = await collection.trigger(name);
    const body: AnswerOf<'RefreshCluster', 202> = {
      cluster: name,
      status,
      message:
        status === 'joined'
          ? `A collection of ${name} is already under way; this refresh joined it`
          : `A collection of ${name} was scheduled`,
    };
    res.status(202).json(body);
  });

  allowOnly(router, {
    '/health': 'GET, HEAD',
    '/clusters': 'GET, HEAD',
    '/clusters/:name': 'GET, HEAD',
    '/clusters/:name/namespaces/:namespace': 'GET, HEAD',
    '/clusters/:name/history': 'GET, HEAD',
    '/entity': 'GET, HEAD',
    '/clusters/:name/refresh': 'POST',
  });
  router.use(errorsForCallers(options.logger));
  return router;
}
