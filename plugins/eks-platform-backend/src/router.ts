import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  type ClustersResponse,
  eksPlatformClusterReadPermission,
} from '@eks-platform/plugin-eks-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ClusterRegistry } from './services/ClusterRegistry';
import {
  CLUSTER_NAME_PATTERN,
  CLUSTER_NAME_RULE,
} from './services/clusterNames';

const clusterNameSchema = z.string().regex(CLUSTER_NAME_PATTERN);

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  clusterRegistry: Pick<ClusterRegistry, 'listClusters' | 'getCluster'>;
}): Promise<express.Router> {
  const { httpAuth, permissions, clusterRegistry } = options;
  const router = Router();

  async function authorizeClusterRead(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: eksPlatformClusterReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to read eks-platform clusters');
    }
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    await authorizeClusterRead(req);
    const body: ClustersResponse = {
      items: await clusterRegistry.listClusters(),
    };
    res.json(body);
  });

  router.get('/clusters/:name', async (req, res) => {
    await authorizeClusterRead(req);
    const parsed = clusterNameSchema.safeParse(req.params.name);
    if (!parsed.success) {
      // The rejected value is not echoed back.
      throw new InputError(
        `Invalid cluster name: it must be ${CLUSTER_NAME_RULE}`,
      );
    }
    const cluster = await clusterRegistry.getCluster(parsed.data);
    if (!cluster) {
      throw new NotFoundError(`No cluster named '${parsed.data}'`);
    }
    res.json(cluster);
  });

  return router;
}
