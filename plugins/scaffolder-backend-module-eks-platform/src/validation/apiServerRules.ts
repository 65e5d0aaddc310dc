import { FieldProblem } from './types';

/*
 * Rules the Kubernetes API server enforces that the OpenAPI schemas (and so
 * the kubernetes-models validators) do not express: name formats, label
 * syntax and port ranges. The regular expressions and limits are the ones in
 * k8s.io/apimachinery/pkg/util/validation.
 */

type Path = Array<string | number>;
type Obj = Record<string, unknown>;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Where the pod spec lives, by kind, for the built-in workload APIs. */
const POD_SPEC_PATHS: Record<string, Path> = {
  'v1 Pod': ['spec'],
  'v1 PodTemplate': ['template', 'spec'],
  'v1 ReplicationController': ['spec', 'template', 'spec'],
  'apps/v1 Deployment': ['spec', 'template', 'spec'],
  'apps/v1 StatefulSet': ['spec', 'template', 'spec'],
  'apps/v1 DaemonSet': ['spec', 'template', 'spec'],
  'apps/v1 ReplicaSet': ['spec', 'template', 'spec'],
  'batch/v1 Job': ['spec', 'template', 'spec'],
  'batch/v1 CronJob': ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function get(root: unknown, path: Path): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      current = Array.isArray(current) ? current[segment] : undefined;
    } else {
      current = isObj(current) ? current[segment] : undefined;
    }
  }
  return current;
}

function eachItem(
  root: unknown,
  path: Path,
  fn: (item: Obj, itemPath: Path) => void,
) {
  const list = get(root, path);
  if (Array.isArray(list)) {
    list.forEach((item, i) => {
      if (isObj(item)) {
        fn(item, [...path, i]);
      }
    });
  }
}

/** The Kubernetes `IsValidPortName` (IANA_SVC_NAME) rule, as a message or undefined. */
function portNameProblem(name: string): string | undefined {
  if (name.length > 15) {
    return `must be no more than 15 characters (is ${name.length})`;
  }
  if (!/^[-a-z0-9]+$/.test(name)) {
    return 'must contain only lowercase letters, digits and "-"';
  }
  if (!/[a-z]/.test(name)) {
    return 'must contain at least one letter';
  }
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--')) {
    return 'must not begin or end with "-" or contain "--"';
  }
  return undefined;
}

class RuleChecker {
  readonly problems: FieldProblem[] = [];

  add(path: Path, message: string) {
    this.problems.push({ path, message });
  }

  portNumber(value: unknown, path: Path) {
    if (typeof value === 'number' && (value < 1 || value > 65535)) {
      this.add(path, `must be between 1 and 65535, inclusive (is ${value})`);
    }
  }

  portNumberOrName(value: unknown, path: Path) {
    if (typeof value === 'string') {
      const problem = portNameProblem(value);
      if (problem) {
        this.add(
          path,
          `must be a port number or a port name; a name ${problem}`,
        );
      }
    } else {
      this.portNumber(value, path);
    }
  }

  portName(value: unknown, path: Path) {
    if (typeof value === 'string') {
      const problem = portNameProblem(value);
      if (problem) {
        this.add(path, problem);
      }
    }
  }

  format(
    value: unknown,
    path: Path,
    pattern: RegExp,
    maxLength: number,
    description: string,
  ) {
    if (typeof value !== 'string') {
      return;
    }
    if (value.length > maxLength) {
      this.add(
        path,
        `must be no more than ${maxLength} characters (is ${value.length})`,
      );
    } else if (!pattern.test(value)) {
      this.add(path, `must be ${description}`);
    }
  }

  qualifiedName(key: string, path: Path) {
    const slash = key.indexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if (prefix !== undefined) {
      this.format(
        prefix,
        path,
        DNS1123_SUBDOMAIN,
        253,
        'a key whose prefix (before "/") is a lowercase DNS subdomain',
      );
    }
    this.format(
      name,
      path,
      QUALIFIED_NAME_PART,
      63,
      'a key whose name part starts and ends with a letter or digit and contains only letters, digits, "-", "_" and "."',
    );
  }

  metadata(metadata: unknown, path: Path) {
    const labels = get(metadata, ['labels']);
    if (isObj(labels)) {
      for (const [key, value] of Object.entries(labels)) {
        const labelPath = [...path, 'labels', key];
        this.qualifiedName(key, labelPath);
        this.format(
          value,
          labelPath,
          LABEL_VALUE,
          63,
          'empty or start and end with a letter or digit, and contain only letters, digits, "-", "_" and "."',
        );
      }
    }
    const annotations = get(metadata, ['annotations']);
    if (isObj(annotations)) {
      for (const key of Object.keys(annotations)) {
        this.qualifiedName(key, [...path, 'annotations', key]);
      }
    }
  }

  podSpec(podSpec: unknown, path: Path) {
    for (const list of ['initContainers', 'containers']) {
      eachItem(podSpec, [list], (container, containerPath) => {
        const at = [...path, ...containerPath];
        eachItem(container, ['ports'], (port, portPath) => {
          this.portNumber(port.containerPort, [
            ...at,
            ...portPath,
            'containerPort',
          ]);
          this.portNumber(port.hostPort, [...at, ...portPath, 'hostPort']);
          this.portName(port.name, [...at, ...portPath, 'name']);
        });
        for (const probe of PROBES) {
          const probePath = [...at, probe];
          this.portNumber(get(container, [probe, 'grpc', 'port']), [
            ...probePath,
            'grpc',
            'port',
          ]);
          this.portNumberOrName(get(container, [probe, 'httpGet', 'port']), [
            ...probePath,
            'httpGet',
            'port',
          ]);
          this.portNumberOrName(get(container, [probe, 'tcpSocket', 'port']), [
            ...probePath,
            'tcpSocket',
            'port',
          ]);
        }
      });
    }
  }

  service(doc: Obj, partial: boolean) {
    const ports = get(doc, ['spec', 'ports']);
    if (!Array.isArray(ports)) {
      return;
    }
    const names = new Set<string>();
    eachItem(doc, ['spec', 'ports'], (port, path) => {
      this.portNumber(port.port, [...path, 'port']);
      this.portNumberOrName(port.targetPort, [...path, 'targetPort']);
      this.portNumber(port.nodePort, [...path, 'nodePort']);
      this.format(
        port.name,
        [...path, 'name'],
        DNS1123_LABEL,
        63,
        'a lowercase DNS label (letters, digits and "-")',
      );
      if (typeof port.name === 'string') {
        if (names.has(port.name)) {
          this.add(
            [...path, 'name'],
            `is a duplicate: "${port.name}" is already used by another port`,
          );
        }
        names.add(port.name);
      } else if (!partial && ports.length > 1) {
        this.add(
          [...path, 'name'],
          'is required when a Service has more than one port',
        );
      }
    });
  }

  networkPolicy(doc: Obj) {
    for (const direction of ['ingress', 'egress']) {
      eachItem(doc, ['spec', direction], (_rule, rulePath) => {
        eachItem(doc, [...rulePath, 'ports'], (port, path) => {
          this.portNumberOrName(port.port, [...path, 'port']);
          this.portNumber(port.endPort, [...path, 'endPort']);
          if (
            typeof port.endPort === 'number' &&
            typeof port.port === 'number' &&
            port.endPort < port.port
          ) {
            this.add(
              [...path, 'endPort'],
              `must be greater than or equal to port (${port.port})`,
            );
          }
        });
      });
    }
  }
}

/**
 * Checks a Kubernetes object against the API server rules that its schema
 * does not express. `partial` documents (Kustomize patches) skip the rules
 * that need the whole object.
 */
export function checkApiServerRules(
  doc: Obj,
  options: { partial?: boolean } = {},
): FieldProblem[] {
  const checker = new RuleChecker();
  const apiVersion = String(doc.apiVersion);
  const kind = String(doc.kind);
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';

  const name = get(doc, ['metadata', 'name']);
  if (kind === 'Service' && group === '') {
    checker.format(
      name,
      ['metadata', 'name'],
      DNS1035_LABEL,
      63,
      'a lowercase DNS-1035 label: letters, digits and "-", starting with a letter',
    );
  } else if (kind === 'Namespace' && group === '') {
    checker.format(
      name,
      ['metadata', 'name'],
      DNS1123_LABEL,
      63,
      'a lowercase DNS label: letters, digits and "-"',
    );
  } else if (group !== 'rbac.authorization.k8s.io') {
    checker.format(
      name,
      ['metadata', 'name'],
      DNS1123_SUBDOMAIN,
      253,
      'a lowercase DNS subdomain: letters, digits, "-" and "."',
    );
  }
  checker.format(
    get(doc, ['metadata', 'namespace']),
    ['metadata', 'namespace'],
    DNS1123_LABEL,
    63,
    'a lowercase DNS label: letters, digits and "-"',
  );
  checker.metadata(doc.metadata, ['metadata']);

  const podSpecPath = POD_SPEC_PATHS[`${apiVersion} ${kind}`];
  if (podSpecPath) {
    const templateMetadataPath = [...podSpecPath.slice(0, -1), 'metadata'];
    if (podSpecPath.length > 1) {
      checker.metadata(get(doc, templateMetadataPath), templateMetadataPath);
    }
    checker.podSpec(get(doc, podSpecPath), podSpecPath);
  }
  if (apiVersion === 'v1' && kind === 'Service') {
    checker.service(doc, options.partial ?? false);
  }
  if (apiVersion === 'networking.k8s.io/v1' && kind === 'NetworkPolicy') {
    checker.networkPolicy(doc);
  }
  return checker.problems;
}
