import { IncomingMessage, ServerResponse } from 'node:http';
import { FaultInjector, faultRuleSchema } from './FaultInjector';
import { Reply, readBody } from './Reply';
import { RequestLog } from './RequestLog';
import { SimulatedApi, SimulatedClusterInfo } from '../types';

/**
 * The admin API (HTTP, loopback): health, request counts, fault switches. Never returns tokens.
 */
export class AdminHandler {
  constructor(
    private readonly options: {
      log: RequestLog;
      faults: FaultInjector;
      clusters: () => SimulatedClusterInfo[];
      startedAt: number;
      clusterNames: () => string[];
    },
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = new Reply(res, false);
    const url = new URL(req.url ?? '/', 'http://admin.local');
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const { log, faults } = this.options;
    const error = (status: number, name: string, message: string) =>
      reply.json(status, { error: { name, message } });

    try {
      if (method === 'GET' && path === '/admin/health') {
        reply.json(200, {
          status: 'ok',
          uptimeSeconds: Math.round(
            (Date.now() - this.options.startedAt) / 1000,
          ),
          clusters: this.options.clusterNames().length,
        });
        return;
      }
      if (method === 'GET' && path === '/admin/fleet') {
        reply.json(200, {
          clusters: this.options
            .clusters()
            .map(({ token: _token, ...rest }) => rest),
        });
        return;
      }
      if (method === 'GET' && path === '/admin/requests') {
        const snapshot = log.snapshot();
        const cluster = url.searchParams.get('cluster') ?? undefined;
        const api = (url.searchParams.get('api') ?? undefined) as
          | SimulatedApi
          | undefined;
        const requests = snapshot.requests.filter(
          r => (!cluster || r.cluster === cluster) && (!api || r.api === api),
        );
        reply.json(200, {
          total:
            cluster || api
              ? requests.reduce((n, r) => n + r.count, 0)
              : snapshot.total,
          requests,
        });
        return;
      }
      if (method === 'POST' && path === '/admin/requests/reset') {
        log.reset();
        reply.send(204, {}, '');
        return;
      }
      if (method === 'GET' && path === '/admin/faults') {
        reply.json(200, { faults: faults.list() });
        return;
      }
      if ((method === 'PUT' || method === 'POST') && path === '/admin/faults') {
        let body: unknown;
        try {
          body = JSON.parse((await readBody(req)).toString('utf8'));
        } catch {
          error(400, 'InputError', 'The body must be JSON');
          return;
        }
        const inputs = Array.isArray(body) ? body : [body];
        const parsed = inputs.map(i => faultRuleSchema.safeParse(i));
        const bad = parsed.find(p => !p.success);
        if (bad && !bad.success) {
          error(
            400,
            'InputError',
            bad.error.issues
              .map(i => `${i.path.join('.')}: ${i.message}`)
              .join('; '),
          );
          return;
        }
        const names = this.options.clusterNames();
        for (const p of parsed) {
          const cluster = p.success ? p.data.cluster : undefined;
          if (cluster && !names.includes(cluster)) {
            error(
              400,
              'InputError',
              `Unknown cluster '${cluster}'; the fleet has ${names.join(', ')}`,
            );
            return;
          }
        }
        const rules = parsed.map(p =>
          faults.add(p.success ? p.data : (undefined as never)),
        );
        reply.json(201, Array.isArray(body) ? { faults: rules } : rules[0]);
        return;
      }
      if (method === 'DELETE' && path === '/admin/faults') {
        faults.clear();
        reply.send(204, {}, '');
        return;
      }
      const one = path.match(/^\/admin\/faults\/([\w-]+)$/);
      if (method === 'DELETE' && one) {
        if (faults.remove(one[1])) reply.send(204, {}, '');
        else error(404, 'NotFoundError', `No fault ${one[1]}`);
        return;
      }
      error(404, 'NotFoundError', `No admin route for ${method} ${path}`);
    } catch (e) {
      error(500, 'Error', (e as Error).message);
    }
  }
}
