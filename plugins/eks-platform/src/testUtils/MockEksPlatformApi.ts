import { NotFoundError } from '@backstage/errors';
import type {
  ClusterDetail,
  ClusterOverviewResponse,
  EntityViewResponse,
  HistoryMetric,
  HistoryResponse,
  RefreshResponse,
} from '@eks-platform/plugin-eks-platform-common';
import type { EksPlatformApi } from '@eks-platform/plugin-eks-platform';
import {
  billingEntityView,
  fleetDetail,
  fleetHistory,
  fleetOverviewResponse,
  paymentsEntityView,
} from './fleet';

/**
 * Options of {@link MockEksPlatformApi}.
 *
 * @public
 */
export type MockEksPlatformApiOptions = {
  /** Wait this long before each read, so a dev app shows its loading states; default 0. */
  delayMs?: number;
};

/**
 * An `EksPlatformApi` serving the fixture fleet, for tests (spy on its methods) and
 * the dev app. Entities other than payments-grpc and billing-api get a view with no clusters.
 *
 * @public
 */
export class MockEksPlatformApi implements EksPlatformApi {
  private readonly delayMs: number;

  constructor(options: MockEksPlatformApiOptions = {}) {
    this.delayMs = options.delayMs ?? 0;
  }

  async getClusterOverviews(): Promise<ClusterOverviewResponse> {
    await this.wait();
    return fleetOverviewResponse;
  }

  async getCluster(name: string): Promise<ClusterDetail> {
    await this.wait();
    const detail = fleetDetail(name);
    if (!detail) throw new NotFoundError(`No cluster named ${name}`);
    return detail;
  }

  async getHistory(
    name: string,
    metric: HistoryMetric,
  ): Promise<HistoryResponse> {
    await this.wait();
    return fleetHistory(name, metric);
  }

  async getEntityView(entityRef: string): Promise<EntityViewResponse> {
    await this.wait();
    if (entityRef === paymentsEntityView.entityRef) return paymentsEntityView;
    if (entityRef === billingEntityView.entityRef) return billingEntityView;
    return { entityRef, unknownClusters: [], clusters: [] };
  }

  async refreshCluster(name: string): Promise<RefreshResponse> {
    return { cluster: name, status: 'scheduled' };
  }

  private async wait(): Promise<void> {
    if (this.delayMs > 0) {
      await new Promise(resolve => setTimeout(resolve, this.delayMs));
    }
  }
}
