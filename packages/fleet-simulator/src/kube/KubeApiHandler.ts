import { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { ClusterModel, resourceKey } from '../model/ClusterModel';
import { KubeObject, ObjectCollection } from '../model/ObjectCollection';
import { timestamp } from '../model/kubeObjects';
import { FaultInjector } from '../server/FaultInjector';
import { Reply, readBody } from '../server/Reply';
import { RequestLog } from '../server/RequestLog';
import { applyFault } from '../server/applyFault';
import { isEksToken, verifyEksToken } from './eksToken';
import {
  API_RESOURCES,
  ApiResource,
  findResource,
  groupVersions,
} from './resources';
import {
  Requirement,
  SelectorError,
  matchesFields,
  matchesLabels,
  nodeNameOf,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';
import {
  InvalidContinueError,
  decodeContinue,
  encodeContinue,
  queryFingerprint,
} from './continueToken';
import { renderTable, wantsTable } from './table';

const STATUS_REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'AlreadyExists',
  415: 'UnsupportedMediaType',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

const EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export interface KubeApiOptions {
  model: ClusterModel;
  log: RequestLog;
  faults: FaultInjector;
  continueTokenTtlMs: number;
  kubeletVersion: string;
  /**
   * The scenario's AWS credentials: an EKS bearer token signed with them for
   * this cluster's EKS name is accepted besides the static token.
   */
  awsCredentials?: { accessKeyId: string; secretAccessKey: string };
  /** `now` for token expiry (tests may move time). */
  clock?: () => number;
}

type ParsedPath =
  | { type: 'discovery'; body: () => unknown }
  | {
      type: 'resource';
      resource: ApiResource;
      namespace?: string;
      name?: string;
      subresource?: string;
    }
  | { type: 'notfound' };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Serves one simulated cluster's Kubernetes API over the real wire format (JSON, Status errors, chunked lists). */
export class KubeApiHandler {
  private readonly clock: () => number;

  constructor(private readonly options: KubeApiOptions) {
    this.clock = options.clock ?? Date.now;
  }

  private status(
    reply: Reply,
    code: number,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    const headers: Record<string, string> = {};
    if (code === 429) headers['Retry-After'] = '1';
    reply.json(
      code,
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason:
          STATUS_REASONS[code] ??
          (code >= 500 ? 'InternalError' : 'BadRequest'),
        ...extra,
        code,
      },
      headers,
    );
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { model, log, faults } = this.options;
    const url = new URL(req.url ?? '/', 'https://simulator.local');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    log.record({ cluster: model.name, api: 'kubernetes', method, path });

    let truncate = false;
    const fault = faults.pick({
      cluster: model.name,
      api: 'kubernetes',
      path,
      isContinue: url.searchParams.has('continue'),
    });
    if (fault) {
      const outcome = await applyFault(fault, req, res, (code, kind) => {
        const plain = new Reply(res, false);
        if (kind === 'gone') this.status(plain, 410, EXPIRED_MESSAGE);
        else if (kind === 'throttle')
          this.status(
            plain,
            code,
            'Too many requests, please try again later.',
            { details: { retryAfterSeconds: 1 } },
          );
        else this.status(plain, code, `simulated fault: HTTP ${code}`);
      });
      if (outcome === 'handled') return;
      truncate = outcome === 'truncate';
    }
    const reply = new Reply(res, truncate);

    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      reply.send(200, { 'Content-Type': 'text/plain; charset=utf-8' }, 'ok');
      return;
    }
    if (!this.authorized(req)) {
      this.status(reply, 401, 'Unauthorized');
      return;
    }

    try {
      if (path === '/version') {
        reply.json(200, this.versionInfo());
        return;
      }
      const parsed = this.parsePath(path);
      if (parsed.type === 'notfound') {
        throw new HttpError(
          404,
          'the server could not find the requested resource',
        );
      }
      if (parsed.type === 'discovery') {
        if (method !== 'GET')
          throw new HttpError(405, `method ${method} not allowed`);
        reply.json(200, parsed.body());
        return;
      }
      if (method === 'POST' && !parsed.name) {
        await this.create(req, reply, parsed.resource);
        return;
      }
      if (method !== 'GET') {
        throw new HttpError(
          405,
          `the fleet simulator does not support ${method} on ${parsed.resource.plural}`,
        );
      }
      if (
        url.searchParams.get('watch') === 'true' ||
        url.searchParams.get('watch') === '1'
      ) {
        throw new HttpError(
          405,
          'watch is not supported by the fleet simulator',
        );
      }
      if (parsed.name) {
        this.getOne(reply, req, parsed.resource, parsed.namespace, parsed.name);
        return;
      }
      await this.list(reply, req, url, parsed.resource, parsed.namespace);
    } catch (e) {
      if (e instanceof HttpError) {
        this.status(reply, e.status, e.message, e.details ?? {});
      } else if (
        e instanceof SelectorError ||
        e instanceof InvalidContinueError
      ) {
        this.status(reply, 400, e.message);
      } else {
        this.status(reply, 500, `internal error: ${(e as Error).message}`);
      }
    }
  }

  private authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const match = header.match(/^Bearer\s+(.+)$/i);
    if (!match) return false;
    const token = match[1].trim();
    const { awsCredentials } = this.options;
    if (awsCredentials && isEksToken(token)) {
      return verifyEksToken(token, {
        clusterName: this.options.model.eks.name,
        credentials: awsCredentials,
        now: this.clock(),
      }).ok;
    }
    const given = Buffer.from(token);
    const expected = Buffer.from(this.options.model.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private versionInfo() {
    const { model, kubeletVersion } = this.options;
    const [major, minor] = model.eks.version.split('.');
    return {
      major,
      minor: `${minor}+`,
      emulationMajor: major,
      emulationMinor: minor,
      gitVersion: kubeletVersion,
      gitCommit: kubeletVersion.split('-').pop()?.padEnd(40, '0'),
      gitTreeState: 'clean',
      buildDate: timestamp(model.createdAt),
      goVersion: 'go1.24.6',
      compiler: 'gc',
      platform: 'linux/amd64',
    };
  }

  private parsePath(path: string): ParsedPath {
    const segs = path.split('/').filter(s => s !== '');
    if (segs[0] === 'api') {
      if (segs.length === 1) {
        return {
          type: 'discovery',
          body: () => ({
            kind: 'APIVersions',
            versions: ['v1'],
            serverAddressByClientCIDRs: [
              { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:443' },
            ],
          }),
        };
      }
      return this.parseResourcePath('', segs[1], segs.slice(2));
    }
    if (segs[0] === 'apis') {
      if (segs.length === 1) {
        return { type: 'discovery', body: () => this.groupList() };
      }
      if (segs.length === 2) {
        const group = this.groupList().groups.find(g => g.name === segs[1]);
        return group
          ? {
              type: 'discovery',
              body: () => ({ kind: 'APIGroup', apiVersion: 'v1', ...group }),
            }
          : { type: 'notfound' };
      }
      return this.parseResourcePath(segs[1], segs[2], segs.slice(3));
    }
    return { type: 'notfound' };
  }

  private parseResourcePath(
    group: string,
    version: string,
    rest: string[],
  ): ParsedPath {
    if (
      !groupVersions().some(gv => gv.group === group && gv.version === version)
    ) {
      return { type: 'notfound' };
    }
    if (rest.length === 0) {
      return {
        type: 'discovery',
        body: () => ({
          kind: 'APIResourceList',
          apiVersion: 'v1',
          groupVersion: group ? `${group}/${version}` : version,
          resources: API_RESOURCES.filter(
            x => x.group === group && x.version === version,
          ).map(x => ({
            name: x.plural,
            singularName: x.singular,
            namespaced: x.namespaced,
            kind: x.kind,
            verbs: x.creatable ? ['create', 'get', 'list'] : ['get', 'list'],
            ...(x.shortNames ? { shortNames: x.shortNames } : {}),
          })),
        }),
      };
    }
    let namespace: string | undefined;
    let tail = rest;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      tail = rest.slice(2);
    }
    const resource = findResource(group, version, tail[0]);
    if (!resource) return { type: 'notfound' };
    if (namespace !== undefined && !resource.namespaced)
      return { type: 'notfound' };
    if (tail.length > 3) return { type: 'notfound' };
    return {
      type: 'resource',
      resource,
      namespace,
      name: tail[1],
      subresource: tail[2],
    };
  }

  private groupList() {
    const groups = new Map<string, string[]>();
    for (const gv of groupVersions()) {
      if (!gv.group) continue;
      groups.set(gv.group, [...(groups.get(gv.group) ?? []), gv.version]);
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups.entries()].map(([name, versions]) => ({
        name,
        versions: versions.map(v => ({
          groupVersion: `${name}/${v}`,
          version: v,
        })),
        preferredVersion: {
          groupVersion: `${name}/${versions[0]}`,
          version: versions[0],
        },
      })),
    };
  }

  private collectionOf(resource: ApiResource): ObjectCollection | undefined {
    return this.options.model.collection(
      resourceKey(resource.group, resource.version, resource.plural),
    );
  }

  private getOne(
    reply: Reply,
    req: IncomingMessage,
    resource: ApiResource,
    namespace: string | undefined,
    name: string,
  ) {
    const collection = this.collectionOf(resource);
    if (collection) {
      const [start, end] = resource.namespaced
        ? collection.namespaceRange(namespace ?? '')
        : [0, collection.size()];
      for (let i = start; i < end; i++) {
        const item = collection.get(i);
        if (item.metadata.name === name) {
          if (wantsTable(req.headers.accept)) {
            reply.json(
              200,
              renderTable(
                resource,
                [item],
                { resourceVersion: this.options.model.resourceVersion },
                'Metadata',
              ),
            );
          } else {
            reply.json(200, item);
          }
          return;
        }
      }
    }
    const groupPrefix = resource.group
      ? `${resource.plural}.${resource.group}`
      : resource.plural;
    throw new HttpError(404, `${groupPrefix} "${name}" not found`, {
      details: {
        name,
        group: resource.group || undefined,
        kind: resource.plural,
      },
    });
  }

  private async create(
    req: IncomingMessage,
    reply: Reply,
    resource: ApiResource,
  ) {
    if (!resource.creatable) {
      throw new HttpError(
        405,
        `the fleet simulator does not support creating ${resource.plural}`,
      );
    }
    // kubectl sends built-in kinds as protobuf; like an API server that does not speak it, answer
    // 415 so the client falls back to JSON.
    const contentType = (req.headers['content-type'] ?? 'application/json')
      .split(';')[0]
      .trim();
    if (contentType !== 'application/json') {
      await readBody(req);
      throw new HttpError(
        415,
        `the fleet simulator only accepts application/json, not ${contentType}`,
      );
    }
    let body: KubeObject;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8'));
    } catch {
      throw new HttpError(400, 'the request body is not valid JSON');
    }
    const name = body?.metadata?.name;
    if (
      typeof name !== 'string' ||
      !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) ||
      name.length > 63
    ) {
      throw new HttpError(
        422,
        `Namespace "${name ?? ''}" is invalid: metadata.name: Invalid value: "${
          name ?? ''
        }": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`,
      );
    }
    const key = resourceKey(resource.group, resource.version, resource.plural);
    const existing = this.options.model.collection(key);
    if (existing) {
      for (let i = 0; i < existing.size(); i++) {
        if (existing.get(i).metadata.name === name) {
          throw new HttpError(409, `namespaces "${name}" already exists`, {
            details: { name, kind: 'namespaces' },
          });
        }
      }
    }
    const created = this.options.model.create(key, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        ...body.metadata,
        name,
        uid: `${Date.now().toString(16)}-sim-${name}`,
        labels: {
          ...(body.metadata.labels ?? {}),
          'kubernetes.io/metadata.name': name,
        },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    reply.json(201, created);
  }

  private *candidates(
    collection: ObjectCollection,
    namespace: string | undefined,
    nodeName: string | undefined,
    from: number,
  ): Generator<number> {
    const [start, end] =
      namespace !== undefined
        ? collection.namespaceRange(namespace)
        : [0, collection.size()];
    if (nodeName && collection.indicesOnNode) {
      for (const i of collection.indicesOnNode(
        nodeName,
        Math.max(from, start),
      )) {
        if (i >= start && i < end) yield i;
      }
      return;
    }
    for (let i = Math.max(from, start); i < end; i++) yield i;
  }

  private async list(
    reply: Reply,
    req: IncomingMessage,
    url: URL,
    resource: ApiResource,
    namespace: string | undefined,
  ) {
    const { model } = this.options;
    const labelText = url.searchParams.get('labelSelector') ?? '';
    const fieldText = url.searchParams.get('fieldSelector') ?? '';
    const labels: Requirement[] = labelText
      ? parseLabelSelector(labelText)
      : [];
    const fields: Requirement[] = fieldText
      ? parseFieldSelector(fieldText)
      : [];
    const limitText = url.searchParams.get('limit');
    const limit = limitText ? Number(limitText) : 0;
    if (!Number.isInteger(limit) || limit < 0)
      throw new HttpError(400, `invalid limit: ${limitText}`);
    const fingerprint = queryFingerprint([
      resource.group,
      resource.version,
      resource.plural,
      namespace,
      labelText,
      fieldText,
    ]);

    let from = 0;
    let resourceVersion = model.resourceVersion;
    const continueToken = url.searchParams.get('continue');
    if (continueToken) {
      const state = decodeContinue(continueToken);
      if (state.query !== fingerprint) {
        throw new HttpError(
          400,
          'continue key is not valid: it was issued for a different list request',
        );
      }
      if (this.clock() - state.issuedAt > this.options.continueTokenTtlMs) {
        throw new HttpError(410, EXPIRED_MESSAGE);
      }
      from = state.start;
      resourceVersion = state.resourceVersion;
    }

    const collection = this.collectionOf(resource);
    const listKind = `${resource.kind}List`;
    const apiVersion = resource.group
      ? `${resource.group}/${resource.version}`
      : resource.version;
    const nodeName = nodeNameOf(fields);
    const matches = (o: KubeObject) =>
      (labels.length === 0 || matchesLabels(o, labels)) &&
      (fields.length === 0 || matchesFields(o, fields));
    const table = wantsTable(req.headers.accept);
    const includeObject = url.searchParams.get('includeObject') ?? 'Metadata';

    if (limit > 0) {
      const items: KubeObject[] = [];
      let next: number | undefined;
      if (collection) {
        const it = this.candidates(collection, namespace, nodeName, from);
        for (let step = it.next(); !step.done; step = it.next()) {
          if (items.length === limit) {
            next = step.value;
            break;
          }
          const item = collection.get(step.value);
          if (matches(item)) items.push(item);
        }
      }
      const metadata: Record<string, unknown> = { resourceVersion };
      if (next !== undefined) {
        metadata.continue = encodeContinue({
          resourceVersion,
          start: next,
          query: fingerprint,
          issuedAt: continueToken
            ? decodeContinue(continueToken).issuedAt
            : this.clock(),
        });
        if (labels.length === 0 && fields.length === 0 && collection) {
          const [, end] =
            namespace !== undefined
              ? collection.namespaceRange(namespace)
              : [0, collection.size()];
          metadata.remainingItemCount = end - next;
        }
      }
      if (table) {
        reply.json(200, renderTable(resource, items, metadata, includeObject));
      } else {
        reply.json(200, { kind: listKind, apiVersion, metadata, items });
      }
      return;
    }

    // No limit: stream every match without building the list in memory.
    const candidates = this.candidates.bind(this);
    function* pieces(): Generator<string> {
      if (table) {
        const head = renderTable(
          resource,
          [],
          { resourceVersion },
          includeObject,
        );
        const { rows: _rows, ...rest } = head as { rows: unknown[] };
        yield `${JSON.stringify(rest).slice(0, -1)},"rows":[`;
      } else {
        yield `{"kind":${JSON.stringify(
          listKind,
        )},"apiVersion":${JSON.stringify(
          apiVersion,
        )},"metadata":${JSON.stringify({ resourceVersion })},"items":[`;
      }
      let first = true;
      if (collection) {
        for (const i of candidates(collection, namespace, nodeName, 0)) {
          const item = collection.get(i);
          if (!matches(item)) continue;
          const text = table
            ? JSON.stringify(
                (
                  renderTable(resource, [item], {}, includeObject) as {
                    rows: unknown[];
                  }
                ).rows[0],
              )
            : JSON.stringify(item);
          yield first ? text : `,${text}`;
          first = false;
        }
      }
      yield ']}';
    }
    await reply.stream(200, { 'Content-Type': 'application/json' }, pieces());
  }
}
