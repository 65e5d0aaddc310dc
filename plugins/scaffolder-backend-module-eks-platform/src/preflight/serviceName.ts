/*
 * The service name becomes the name of the Deployment, Service (DNS-1035 label), ServiceAccount,
 * Argo CD Applications and the `<name>-<env>` namespaces (DNS-1123 labels of 63 characters at most).
 */

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Longest environment suffix (`-prod`) the namespaces get. */
const LONGEST_ENV_SUFFIX = '-prod'.length;

/** Namespaces, or namespace prefixes, that belong to the cluster and its add-ons. */
const RESERVED_NAMES = new Set([
  'default',
  'argocd',
  'argo-cd',
  'istio-system',
  'istio-ingress',
  'linkerd',
  'linkerd-viz',
  'gateway-system',
  'appmesh-system',
  'karpenter',
  'cert-manager',
  'amazon-cloudwatch',
  'aws-observability',
  'external-dns',
  'monitoring',
  'backstage',
]);

/** The longest service name the template accepts. */
export const MAX_SERVICE_NAME_LENGTH = 40;

/**
 * What is wrong with a service name, in words, or undefined when it is fine.
 *
 * @public
 */
export function serviceNameProblem(name: string): string | undefined {
  if (name.length === 0) {
    return 'Service name is required';
  }
  if (name.length > MAX_SERVICE_NAME_LENGTH) {
    return `Service name "${name}" is ${name.length} characters long; at most ${MAX_SERVICE_NAME_LENGTH} are allowed so that "${name}-prod" and the Argo CD Application names stay within Kubernetes limits (63)`;
  }
  if (!DNS1035_LABEL.test(name)) {
    return `Service name "${name}" must consist of lowercase letters, digits and "-", start with a letter and end with a letter or digit (a DNS-1035 label)`;
  }
  if (name === 'kube' || name.startsWith('kube-')) {
    return `Service name "${name}" is reserved: kube-* namespaces belong to Kubernetes`;
  }
  if (RESERVED_NAMES.has(name)) {
    return `Service name "${name}" is reserved: it is the name of a system namespace`;
  }
  if (name.length + LONGEST_ENV_SUFFIX > 63) {
    return `Service name "${name}" is too long for its namespaces`;
  }
  return undefined;
}

/**
 * What is wrong with a gRPC port, or undefined.
 *
 * @public
 */
export function grpcPortProblem(port: number): string | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return `gRPC port ${port} is out of range: it must be a whole number from 1 to 65535`;
  }
  if (port < 1024) {
    return `gRPC port ${port} is a privileged port (below 1024); the container runs as non-root, so choose 1024-65535 (50051 is the usual gRPC port)`;
  }
  return undefined;
}
