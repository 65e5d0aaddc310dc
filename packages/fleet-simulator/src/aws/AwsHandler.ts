import { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { FaultInjector } from '../server/FaultInjector';
import { Reply, readBody } from '../server/Reply';
import { RequestLog } from '../server/RequestLog';
import { applyFault } from '../server/applyFault';
import { AwsFleetContext, routeEks } from './eksApi';
import { ec2Error, routeEc2 } from './ec2Api';
import { AwsApiError } from './pagination';
import { signedService, verifySigV4 } from './sigv4';

const EKS_CODES: Record<number, string> = {
  400: 'InvalidParameterException',
  401: 'UnrecognizedClientException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  409: 'ResourceInUseException',
  429: 'ThrottlingException',
  500: 'ServerException',
  503: 'ServiceUnavailableException',
};

const EC2_CODES: Record<number, string> = {
  400: 'InvalidParameterValue',
  401: 'AuthFailure',
  403: 'UnauthorizedOperation',
  429: 'RequestLimitExceeded',
  500: 'InternalError',
  503: 'Unavailable',
};

export interface AwsHandlerOptions {
  ctx: AwsFleetContext;
  credentials: { accessKeyId: string; secretAccessKey: string };
  log: RequestLog;
  faults: FaultInjector;
}

/**
 * One endpoint for EKS (rest-json) and EC2 (query protocol, XML). Which one a request is for comes
 * from its SigV4 credential scope (`.../eks/aws4_request`), or for unsigned requests from its shape.
 */
export class AwsHandler {
  constructor(private readonly options: AwsHandlerOptions) {}

  private eksError(
    reply: Reply,
    status: number,
    code: string,
    message: string,
  ) {
    reply.json(
      status,
      { message },
      { 'x-amzn-ErrorType': code, 'x-amzn-RequestId': randomUUID() },
    );
  }

  private ec2Error(
    reply: Reply,
    status: number,
    code: string,
    message: string,
  ) {
    reply.send(
      status,
      { 'Content-Type': 'text/xml;charset=UTF-8' },
      ec2Error(code, message),
    );
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { ctx, log, faults, credentials } = this.options;
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
    const method = req.method ?? 'GET';
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      res.writeHead(413).end();
      return;
    }
    const authorization = req.headers.authorization;
    const contentType = String(req.headers['content-type'] ?? '');
    const service =
      signedService(authorization) ??
      (contentType.includes('x-www-form-urlencoded') ? 'ec2' : 'eks');
    const api = service === 'ec2' ? 'ec2' : 'eks';
    const region =
      authorization?.match(/Credential=[^/]+\/\d{8}\/([^/]+)\//)?.[1] ??
      'us-east-1';
    const plain = new Reply(res, false);

    let route:
      | { operation: string; clusterName?: string; run(): unknown }
      | undefined;
    try {
      if (api === 'ec2') {
        const params = new URLSearchParams(rawQuery);
        for (const [k, v] of new URLSearchParams(body.toString('utf8')))
          params.append(k, v);
        route = routeEc2(ctx, params, region);
      } else {
        const eksRoute = routeEks(ctx, {
          method,
          path: rawPath,
          query: new URLSearchParams(rawQuery),
          body,
          region,
        });
        route = eksRoute && {
          ...eksRoute,
          clusterName:
            ctx.clusters.find(c => c.eks.name === eksRoute.clusterName)?.name ??
            eksRoute.clusterName,
        };
      }
    } catch (e) {
      route = undefined;
    }
    const cluster = route?.clusterName ?? '(none)';
    const path = decodeURIComponent(rawPath);
    log.record({ cluster, api, method, path, operation: route?.operation });

    let truncate = false;
    const fault = faults.pick({
      cluster,
      api,
      path,
      operation: route?.operation,
      isContinue: false,
    });
    if (fault) {
      const outcome = await applyFault(fault, req, res, (status, kind) => {
        if (api === 'eks') {
          if (kind === 'throttle')
            this.eksError(
              plain,
              status,
              'ThrottlingException',
              'Rate exceeded',
            );
          else
            this.eksError(
              plain,
              status,
              EKS_CODES[status] ?? 'ServerException',
              `simulated fault: HTTP ${status}`,
            );
        } else if (kind === 'throttle') {
          this.ec2Error(
            plain,
            status === 429 ? 503 : status,
            'RequestLimitExceeded',
            'Request limit exceeded.',
          );
        } else {
          this.ec2Error(
            plain,
            status,
            EC2_CODES[status] ?? 'InternalError',
            `simulated fault: HTTP ${status}`,
          );
        }
      });
      if (outcome === 'handled') return;
      truncate = outcome === 'truncate';
    }
    const reply = new Reply(res, truncate);

    const auth = verifySigV4(
      { method, rawPath, rawQuery, headers: req.headers, body },
      credentials,
    );
    if (!auth.ok) {
      if (api === 'eks') {
        const codes: Record<string, string> = {
          missing: 'MissingAuthenticationTokenException',
          'unknown-key': 'UnrecognizedClientException',
        };
        const code = codes[auth.reason] ?? 'InvalidSignatureException';
        this.eksError(reply, 403, code, auth.message);
      } else {
        this.ec2Error(reply, 401, 'AuthFailure', auth.message);
      }
      return;
    }

    if (!route) {
      this.eksError(
        reply,
        404,
        'NotFoundException',
        `No operation matches ${method} ${path}`,
      );
      return;
    }
    try {
      const result = route.run();
      if (api === 'ec2') {
        reply.send(
          200,
          { 'Content-Type': 'text/xml;charset=UTF-8' },
          result as string,
        );
      } else {
        reply.json(200, result, { 'x-amzn-RequestId': randomUUID() });
      }
    } catch (e) {
      if (e instanceof AwsApiError) {
        if (api === 'ec2') this.ec2Error(reply, e.status, e.code, e.message);
        else this.eksError(reply, e.status, e.code, e.message);
      } else if (api === 'ec2') {
        this.ec2Error(reply, 500, 'InternalError', (e as Error).message);
      } else {
        this.eksError(reply, 500, 'ServerException', (e as Error).message);
      }
    }
  }
}
