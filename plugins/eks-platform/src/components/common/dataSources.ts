import type {
  CollectionError,
  CollectionErrorKind,
  DataSource,
} from '@eks-platform/plugin-eks-platform-common';
import { formatDateTime } from './format';

/** The upstream APIs in words. */
export const DATA_SOURCE_NAMES: Record<DataSource, string> = {
  kubernetes: 'Kubernetes API',
  eks: 'EKS API',
  ec2: 'EC2 API',
};

/** What each source contributes, to say what a partial snapshot lacks. */
export const DATA_SOURCE_CONTENTS: Record<DataSource, string> = {
  kubernetes: 'nodes, pods and events',
  eks: 'versions, insights, node groups and add-ons',
  ec2: 'subnets and instance types',
};

const ERROR_KIND_WORDS: Record<CollectionErrorKind, string> = {
  timeout: 'timed out',
  throttled: 'throttled the request',
  unauthorized: 'rejected the credentials',
  forbidden: 'denied access',
  'not-found': 'did not find the cluster',
  'server-error': 'answered with a server error',
  'bad-response': 'sent a response that could not be read',
  unreachable: 'was unreachable',
  configuration: 'is not configured correctly',
  unknown: 'failed',
};

/** `EC2 API throttled the request (HTTP 503) at 2026-11-21 23:40 UTC`. */
export function describeCollectionError(error: CollectionError): string {
  const status = error.status ? ` (HTTP ${error.status})` : '';
  return `${DATA_SOURCE_NAMES[error.source] ?? error.source} ${
    ERROR_KIND_WORDS[error.kind] ?? 'failed'
  }${status} at ${formatDateTime(error.at)}`;
}

/** `EC2 API (subnets and instance types)`. */
export function describeSource(source: DataSource): string {
  return `${DATA_SOURCE_NAMES[source] ?? source} (${
    DATA_SOURCE_CONTENTS[source] ?? 'data'
  })`;
}

/** `collected 2026-11-21 23:42 UTC` or `not collected yet`. */
export function collectedText(collectedAt?: string): string {
  return collectedAt
    ? `collected ${formatDateTime(collectedAt)}`
    : 'not collected yet';
}
