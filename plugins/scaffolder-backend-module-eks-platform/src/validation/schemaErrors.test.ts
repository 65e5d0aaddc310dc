import { formatFieldPath, parseJsonPointer } from './fieldPath';
import { getSchemaErrors, schemaErrorsToProblems } from './schemaErrors';
import { ModelCatalog } from './modelCatalog';

describe('field paths', () => {
  it('turns an ajv instancePath into a kubectl-style field path', () => {
    const path = parseJsonPointer(
      '/spec/template/spec/containers/0/ports/0/containerPort',
    );
    expect(path).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'ports',
      0,
      'containerPort',
    ]);
    expect(formatFieldPath(path)).toBe(
      'spec.template.spec.containers[0].ports[0].containerPort',
    );
  });

  it('quotes label and annotation keys', () => {
    expect(
      formatFieldPath(
        parseJsonPointer('/metadata/labels/app.kubernetes.io~1name'),
      ),
    ).toBe('metadata.labels["app.kubernetes.io/name"]');
  });

  it('renders the document root as an empty path', () => {
    expect(formatFieldPath(parseJsonPointer(''))).toBe('');
  });
});

describe('schemaErrorsToProblems', () => {
  let catalog: ModelCatalog;
  beforeAll(async () => {
    catalog = await ModelCatalog.load();
  });

  /** The problems a real model reports for a document. */
  function problemsFor(apiVersion: string, kind: string, doc: object) {
    const Model = catalog.get(apiVersion, kind)!;
    try {
      new Model({ apiVersion, kind, ...doc }).validate();
    } catch (error) {
      return schemaErrorsToProblems(getSchemaErrors(error)!).map(p => ({
        field: formatFieldPath(p.path),
        message: p.message,
      }));
    }
    return [];
  }

  it('names a missing required field by its own path', () => {
    expect(
      problemsFor('apps/v1', 'Deployment', {
        metadata: { name: 'payments' },
        spec: { template: { spec: { containers: [{ name: 'payments' }] } } },
      }),
    ).toEqual([{ field: 'spec.selector', message: 'is required' }]);
  });

  it('merges the branches of an int-or-string field into one message', () => {
    expect(
      problemsFor('v1', 'Service', {
        metadata: { name: 'payments' },
        spec: { ports: [{ port: 50051, targetPort: true }] },
      }),
    ).toEqual([
      {
        field: 'spec.ports[0].targetPort',
        message: 'must be integer or string',
      },
    ]);
  });

  it('lists the allowed values of an enum', () => {
    expect(
      problemsFor('networking.istio.io/v1', 'DestinationRule', {
        metadata: { name: 'payments' },
        spec: {
          host: 'payments',
          trafficPolicy: { loadBalancer: { simple: 'LEAST_CONNECTIONS' } },
        },
      }),
    ).toEqual([
      {
        field: 'spec.trafficPolicy.loadBalancer.simple',
        message:
          'must be one of: UNSPECIFIED, LEAST_CONN, RANDOM, PASSTHROUGH, ROUND_ROBIN, LEAST_REQUEST',
      },
    ]);
  });

  it('reports each duplicate ajv error once', () => {
    expect(
      problemsFor('gateway.networking.k8s.io/v1', 'GRPCRoute', {
        metadata: { name: 'payments' },
        spec: {
          rules: [{ backendRefs: [{ name: 'payments', port: 'grpc' }] }],
        },
      }),
    ).toEqual([
      {
        field: 'spec.rules[0].backendRefs[0].port',
        message: 'must be integer',
      },
    ]);
  });

  it('keeps ajv messages for other keywords', () => {
    expect(
      schemaErrorsToProblems([
        {
          instancePath: '/spec/minReplicas',
          keyword: 'minimum',
          params: { comparison: '>=', limit: 1 },
          message: 'must be >= 1',
        },
      ]),
    ).toEqual([{ path: ['spec', 'minReplicas'], message: 'must be >= 1' }]);
  });

  it('ignores errors that are not schema errors', () => {
    expect(getSchemaErrors(new Error('boom'))).toBeUndefined();
  });
});
