import { checkApiServerRules } from './apiServerRules';
import { formatFieldPath } from './fieldPath';

function check(doc: Record<string, unknown>, partial = false) {
  return checkApiServerRules(doc, { partial }).map(p => ({
    field: formatFieldPath(p.path),
    message: p.message,
  }));
}

const deployment = (podSpec: object, labels: object = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'payments', namespace: 'payments-prod', labels },
  spec: { template: { metadata: { labels }, spec: podSpec } },
});

describe('checkApiServerRules', () => {
  it('accepts a well-formed gRPC Deployment', () => {
    expect(
      check(
        deployment(
          {
            containers: [
              {
                name: 'payments',
                ports: [{ name: 'grpc', containerPort: 50051 }],
                readinessProbe: { grpc: { port: 50051 } },
                livenessProbe: { tcpSocket: { port: 'grpc' } },
              },
            ],
          },
          {
            'app.kubernetes.io/name': 'payments',
            'app.kubernetes.io/version': '1.4.2',
          },
        ),
      ),
    ).toEqual([]);
  });

  it('rejects container, probe and host ports outside 1-65535', () => {
    expect(
      check(
        deployment({
          containers: [
            {
              name: 'payments',
              ports: [{ containerPort: 0, hostPort: 70000 }],
              readinessProbe: { grpc: { port: 500051 } },
            },
          ],
        }),
      ),
    ).toEqual([
      {
        field: 'spec.template.spec.containers[0].ports[0].containerPort',
        message: 'must be between 1 and 65535, inclusive (is 0)',
      },
      {
        field: 'spec.template.spec.containers[0].ports[0].hostPort',
        message: 'must be between 1 and 65535, inclusive (is 70000)',
      },
      {
        field: 'spec.template.spec.containers[0].readinessProbe.grpc.port',
        message: 'must be between 1 and 65535, inclusive (is 500051)',
      },
    ]);
  });

  it('rejects a container port name longer than 15 characters', () => {
    expect(
      check(
        deployment({
          containers: [
            {
              name: 'payments',
              ports: [{ name: 'grpc-payments-api', containerPort: 50051 }],
            },
          ],
        }),
      ),
    ).toEqual([
      {
        field: 'spec.template.spec.containers[0].ports[0].name',
        message: 'must be no more than 15 characters (is 17)',
      },
    ]);
  });

  it('finds the pod spec of a CronJob', () => {
    expect(
      check({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'payments-reconcile' },
        spec: {
          jobTemplate: {
            spec: {
              template: {
                spec: {
                  initContainers: [
                    { name: 'wait', ports: [{ containerPort: 65536 }] },
                  ],
                },
              },
            },
          },
        },
      }),
    ).toEqual([
      {
        field:
          'spec.jobTemplate.spec.template.spec.initContainers[0].ports[0].containerPort',
        message: 'must be between 1 and 65535, inclusive (is 65536)',
      },
    ]);
  });

  it('requires names on the ports of a multi-port Service, except in patches', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'payments' },
      spec: {
        ports: [
          { name: 'grpc', port: 50051 },
          { port: 9090, targetPort: 'metrics_port' },
        ],
      },
    };
    expect(check(service)).toEqual([
      {
        field: 'spec.ports[1].targetPort',
        message:
          'must be a port number or a port name; a name must contain only lowercase letters, digits and "-"',
      },
      {
        field: 'spec.ports[1].name',
        message: 'is required when a Service has more than one port',
      },
    ]);
    expect(check(service, true)).toHaveLength(1);
  });

  it('checks Service and Namespace names as DNS labels and other names as DNS subdomains', () => {
    expect(
      check({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: '9payments' },
      }),
    ).toEqual([
      {
        field: 'metadata.name',
        message:
          'must be a lowercase DNS-1035 label: letters, digits and "-", starting with a letter',
      },
    ]);
    expect(
      check({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'payments.prod' },
      }),
    ).toHaveLength(1);
    expect(
      check({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'payments.config' },
      }),
    ).toEqual([]);
    expect(
      check({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'Payments_API' },
      }),
    ).toEqual([
      {
        field: 'metadata.name',
        message:
          'must be a lowercase DNS subdomain: letters, digits, "-" and "."',
      },
    ]);
  });

  it('allows colons in RBAC names', () => {
    expect(
      check({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'eks-platform:payments-reader' },
      }),
    ).toEqual([]);
  });

  it('rejects label values kubectl would refuse', () => {
    expect(
      check(
        deployment(
          { containers: [] },
          { 'app.kubernetes.io/version': '1.4.2+build.7' },
        ),
      ),
    ).toEqual([
      {
        field: 'metadata.labels["app.kubernetes.io/version"]',
        message:
          'must be empty or start and end with a letter or digit, and contain only letters, digits, "-", "_" and "."',
      },
      {
        field: 'spec.template.metadata.labels["app.kubernetes.io/version"]',
        message:
          'must be empty or start and end with a letter or digit, and contain only letters, digits, "-", "_" and "."',
      },
    ]);
  });

  it('checks NetworkPolicy port ranges', () => {
    expect(
      check({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'allow-grpc' },
        spec: { ingress: [{ ports: [{ port: 50051, endPort: 50000 }] }] },
      }),
    ).toEqual([
      {
        field: 'spec.ingress[0].ports[0].endPort',
        message: 'must be greater than or equal to port (50051)',
      },
    ]);
  });
});
