import { type AwsClients } from '../aws/AwsAccess';
import { createEksToken } from '../aws/eksToken';
import type { ClusterTarget } from '../types';
import { CollectionFailure, classifyError } from './errors';
import { KubernetesReader } from './KubernetesReader';

/**
 * A Kubernetes reader for the cluster with the collector's credentials: the configured service
 * account token, or an EKS token signed with the cluster account's AWS credentials (`clients`).
 *
 * @throws CollectionFailure for an auth provider the collector does not speak, or AWS auth
 *   without a region or credentials.
 */
export async function openKubernetesReader(
  target: ClusterTarget,
  clients: AwsClients | undefined,
  options: {
    requestTimeoutMs: number;
    maxRetries: number;
    signal?: AbortSignal;
  },
): Promise<KubernetesReader> {
  const { connection } = target;
  return KubernetesReader.create({
    server: connection.url,
    token: await tokenFor(target, clients),
    caData: connection.caData,
    caFile: connection.caFile,
    skipTLSVerify: connection.skipTLSVerify,
    timeoutMs: options.requestTimeoutMs,
    maxRetries: options.maxRetries,
    signal: options.signal,
  });
}

async function tokenFor(
  target: ClusterTarget,
  clients: AwsClients | undefined,
): Promise<string | undefined> {
  const { summary } = target;
  if (summary.authProvider === 'serviceAccount') {
    return target.connection.serviceAccountToken;
  }
  if (summary.authProvider !== 'aws') {
    throw new CollectionFailure({
      kind: 'configuration',
      source: 'kubernetes',
      message: `Cluster ${summary.name} uses the '${summary.authProvider}' auth provider; eks-platform collects with 'serviceAccount' or 'aws'`,
    });
  }
  const eks = summary.eks;
  if (!clients || !eks?.region) {
    throw new CollectionFailure({
      kind: 'configuration',
      source: 'kubernetes',
      message: `Cluster ${summary.name} uses AWS auth but has no region or AWS credentials: add it to eksPlatform.clusters`,
    });
  }
  try {
    return await createEksToken({
      clusterName: eks.clusterName,
      region: eks.region,
      credentials: clients.credentials,
    });
  } catch (error) {
    throw classifyError(error, 'kubernetes', 'Making an EKS token');
  }
}
