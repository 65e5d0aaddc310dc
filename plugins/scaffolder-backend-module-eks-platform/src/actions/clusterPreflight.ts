import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type {
  ClusterDetail,
  ClusterOverview,
  NamespaceCheckResponse,
} from '@eks-platform/plugin-eks-platform-common';
import { ClusterDataSource } from '../clusters/ClusterDataSource';
import {
  type ClusterClaim,
  checkEnvironment,
  podsNeeded,
} from '../preflight/checkEnvironment';
import { grpcPortProblem, serviceNameProblem } from '../preflight/serviceName';
import { PreflightCheck, PreflightTarget } from '../preflight/types';
import { examples } from './clusterPreflight.examples';

/**
 * The id of the action created by {@link createClusterPreflightAction}.
 *
 * @public
 */
export const CLUSTER_PREFLIGHT_ACTION_ID = 'eks-platform:cluster:preflight';

const ENVIRONMENT = /^[a-z][a-z0-9]{0,9}$/;

function describe(check: PreflightCheck) {
  return `[${check.env}] ${check.check}: ${check.message}`;
}

/**
 * Creates `eks-platform:cluster:preflight`: before anything is rendered or committed, checks the
 * service name and port, and per environment that its cluster is known and on a supported Kubernetes
 * version, that the namespace does not exist yet (asked of the cluster at run time through the
 * eks-platform backend; when that fails, the namespace list of its last collection), and that the pod subnets and node slots hold the replicas plus the rollout surge,
 * environments on the same cluster counted together. Reads the eks-platform backend only, so dry
 * runs check too.
 *
 * @public
 */
export function createClusterPreflightAction(options: {
  clusters: ClusterDataSource;
}) {
  return createTemplateAction({
    id: CLUSTER_PREFLIGHT_ACTION_ID,
    description:
      'Checks per environment that the EKS cluster is known and supported, the namespace does not exist yet (asked of the cluster through the eks-platform backend, else from its last collection) and the subnets and node slots hold the replicas plus rollout surge, adding up environments that share a cluster',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'Service name; the namespaces are <name>-<env>. kube-*, default, argocd and other system namespaces are refused.',
          }),
        port: z =>
          z
            .number({ description: 'gRPC port, checked to be 1024-65535' })
            .optional(),
        environments: z =>
          z
            .array(z.string(), {
              description: 'The environments to check, e.g. [dev, prod]',
            })
            .min(1),
        targets: z =>
          z.record(
            z.string(),
            z
              .object({
                cluster: z.string({ description: 'Cluster name' }),
                replicas: z.number({ description: 'Replicas' }).int().min(1),
                cpuMillicores: z.number().int().positive().optional(),
                memoryMebibytes: z.number().int().positive().optional(),
              })
              .optional(),
            {
              description:
                'Per environment: cluster, replicas and requests. Entries of environments not listed are ignored.',
            },
          ),
        spotPolicy: z =>
          z
            .enum(['spot-allowed', 'on-demand-only'], {
              description:
                'on-demand-only counts only on-demand nodes; default spot-allowed',
            })
            .optional(),
        maxSurgePercent: z =>
          z
            .number({
              description:
                "The Deployment's rollingUpdate.maxSurge in percent; default 25",
            })
            .min(0)
            .max(100)
            .optional(),
      },
      output: {
        checks: z =>
          z.array(
            z.object({
              env: z.string(),
              cluster: z.string(),
              namespace: z.string(),
              check: z.string(),
              status: z.string(),
              message: z.string(),
            }),
            { description: 'Every check with its status' },
          ),
        clusters: z =>
          z.array(z.string(), {
            description:
              'The distinct clusters, in environment order (for the eks-platform.io/clusters annotation)',
          }),
        namespaces: z => z.array(z.string()),
        notChecked: z =>
          z.array(z.string(), {
            description:
              'What could not be checked because the backend does not report it',
          }),
        summary: z => z.string(),
      },
    },
    async handler(ctx) {
      const { name, environments, targets } = ctx.input;
      const problems = [
        serviceNameProblem(name),
        ctx.input.port !== undefined
          ? grpcPortProblem(ctx.input.port)
          : undefined,
      ].filter((p): p is string => !!p);
      const seen = new Set<string>();
      const wanted: PreflightTarget[] = [];
      for (const env of environments) {
        if (!ENVIRONMENT.test(env)) {
          problems.push(`Environment "${env}" is not a valid environment name`);
          continue;
        }
        if (seen.has(env)) continue;
        seen.add(env);
        const target = targets[env];
        if (!target?.cluster) {
          problems.push(`No cluster chosen for environment ${env}`);
          continue;
        }
        wanted.push({ env, ...target });
      }
      if (problems.length > 0) {
        throw new InputError(problems.join('; '));
      }

      const placement = {
        maxSurgePercent: ctx.input.maxSurgePercent ?? 25,
        spotPolicy: ctx.input.spotPolicy ?? ('spot-allowed' as const),
      };
      ctx.logger.info(
        `Checking ${wanted.map(t => `${t.env} on ${t.cluster}`).join(', ')}`,
      );
      const overviews = await options.clusters.listClusters();
      const byName = new Map<string, ClusterOverview>(
        overviews.map(o => [o.name, o]),
      );
      const clusterNames = [...new Set(wanted.map(t => t.cluster))];
      const details = new Map<string, ClusterDetail | undefined>();
      await Promise.all(
        clusterNames
          .filter(c => byName.has(c))
          .map(async c => details.set(c, await options.clusters.getCluster(c))),
      );

      // Whether each namespace exists, asked of its cluster now (a snapshot may be minutes old).
      const live = new Map<
        string,
        NamespaceCheckResponse | { error: string }
      >();
      await Promise.all(
        wanted
          .filter(t => byName.has(t.cluster))
          .map(async t => {
            const namespace = `${name}-${t.env}`;
            try {
              live.set(
                t.env,
                await options.clusters.checkNamespace(t.cluster, namespace),
              );
            } catch (error) {
              live.set(t.env, { error: (error as Error).message });
            }
          }),
      );

      // Environments sharing a cluster are checked against what is left after the earlier ones.
      const claims = new Map<string, ClusterClaim>();
      const checks = wanted.flatMap(target => {
        const claimed = claims.get(target.cluster);
        const result = checkEnvironment({
          name,
          target,
          overview: byName.get(target.cluster),
          detail: details.get(target.cluster),
          knownClusters: overviews.map(o => o.name),
          placement,
          claimed,
          live: live.get(target.env),
        });
        const pods = podsNeeded(target, placement);
        claims.set(target.cluster, {
          envs: [...(claimed?.envs ?? []), target.env],
          pods: (claimed?.pods ?? 0) + pods,
          cpuMillicores:
            (claimed?.cpuMillicores ?? 0) + pods * (target.cpuMillicores ?? 0),
        });
        return result;
      });
      for (const check of checks) {
        const line = `${check.status.toUpperCase()} ${describe(check)}`;
        if (check.status === 'failed' || check.status === 'warning') {
          ctx.logger.warn(line);
        } else {
          ctx.logger.info(line);
        }
      }
      const failed = checks.filter(c => c.status === 'failed');
      const notChecked = checks
        .filter(c => c.status === 'not-checked')
        .map(describe);
      const warnings = checks.filter(c => c.status === 'warning').length;
      const summary =
        failed.length > 0
          ? `Preflight failed: ${failed.map(describe).join('; ')}`
          : `Preflight passed for ${wanted
              .map(t => `${t.env} (${t.cluster})`)
              .join(', ')}: ${
              checks.filter(c => c.status === 'passed').length
            } passed, ${warnings} warnings, ${notChecked.length} not checked`;
      ctx.logger.info(summary);

      ctx.output('checks', checks);
      ctx.output('clusters', clusterNames);
      ctx.output(
        'namespaces',
        wanted.map(t => `${name}-${t.env}`),
      );
      ctx.output('notChecked', notChecked);
      ctx.output('summary', summary);
      if (failed.length > 0) {
        throw new InputError(summary);
      }
    },
  });
}
