import type { Config } from '@backstage/config';
import {
  type AwsCredentialProvider,
  type AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { readAwsSettings } from '../config/readServiceSettings';
import type { ClusterAwsAccess } from '../types';

type CredentialIdentityProvider =
  AwsCredentialProvider['sdkCredentialProvider'];

/** Where and as whom to call AWS for one cluster. */
export type AwsTarget = {
  region: string;
  accountId?: string;
  aws?: ClusterAwsAccess;
};

/** EKS and EC2 clients for one cluster, and its credentials for EKS tokens. */
export type AwsClients = {
  eks: EKSClient;
  ec2: EC2Client;
  credentials: CredentialIdentityProvider;
};

/**
 * Makes AWS SDK clients for a cluster: credentials from
 * `@backstage/integration-aws-node` (`aws.mainAccount`, `aws.accounts`,
 * `aws.accountDefaults`) for the cluster's account, then the cluster's
 * assume-role (with its external id) when one is configured. The SDK retries
 * throttling and 5xx with back-off (`maxAttempts`); each attempt is bounded
 * by `eksPlatform.aws.requestTimeoutMs` (shorter than the Kubernetes timeout). `eksPlatform.aws.endpoint` replaces the EKS and
 * EC2 endpoints (the fleet simulator in development).
 */
export class AwsAccess {
  readonly #manager: AwsCredentialsManager;
  readonly #endpoint?: string;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;

  /**
   * @param options - `timeoutMs` and `maxAttempts` replace `eksPlatform.aws.requestTimeoutMs`
   *   and `eksPlatform.aws.maxAttempts`.
   */
  static fromConfig(
    config: Config,
    options: { timeoutMs?: number; maxAttempts?: number } = {},
  ): AwsAccess {
    const settings = readAwsSettings(config);
    return new AwsAccess(
      DefaultAwsCredentialsManager.fromConfig(config),
      settings.endpoint,
      options.timeoutMs ?? settings.requestTimeoutMs,
      options.maxAttempts ?? settings.maxAttempts,
    );
  }

  private constructor(
    manager: AwsCredentialsManager,
    endpoint: string | undefined,
    timeoutMs: number,
    maxAttempts: number,
  ) {
    this.#manager = manager;
    this.#endpoint = endpoint;
    this.#timeoutMs = timeoutMs;
    this.#maxAttempts = maxAttempts;
  }

  async clientsFor(target: AwsTarget): Promise<AwsClients> {
    const { sdkCredentialProvider } = await this.#manager.getCredentialProvider(
      target.accountId ? { accountId: target.accountId } : undefined,
    );
    let credentials: CredentialIdentityProvider = sdkCredentialProvider;
    if (target.aws?.assumeRole) {
      credentials = fromTemporaryCredentials({
        masterCredentials: sdkCredentialProvider,
        params: {
          RoleArn: target.aws.assumeRole,
          RoleSessionName: 'backstage-eks-platform',
          ...(target.aws.externalId && { ExternalId: target.aws.externalId }),
        },
        clientConfig: { region: target.region },
      });
    }
    const common = {
      region: target.region,
      credentials,
      maxAttempts: this.#maxAttempts,
      // `requestTimeout` alone only logs a warning in @smithy/node-http-handler
      // 4: without `throwOnRequestTimeout` (and an idle `socketTimeout`), a
      // call to an endpoint that never answers would hang the collection.
      requestHandler: {
        requestTimeout: this.#timeoutMs,
        throwOnRequestTimeout: true,
        socketTimeout: this.#timeoutMs,
        connectionTimeout: this.#timeoutMs,
      },
      ...(this.#endpoint && { endpoint: this.#endpoint }),
    };
    return {
      eks: new EKSClient(common),
      ec2: new EC2Client(common),
      credentials,
    };
  }
}

/** Frees the clients' connections (clients made by {@link AwsAccess.clientsFor}). */
export function closeAwsClients(clients: AwsClients | undefined): void {
  clients?.eks.destroy();
  clients?.ec2.destroy();
}
