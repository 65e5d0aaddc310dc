import { NotFoundError } from '@backstage/errors';
import type {
  ClusterDetail,
  ClusterOverviewResponse,
  EntityViewResponse,
  HistoryMetric,
  HistoryResponse,
  RefreshResponse,
} from '@eks-platform/plugin-eks-platform-common';
import type { EksPlatformApi } from '../api';
import {
  billingEntityView,
  fleetDetail,
  fleetHistory,
  fleetOverviewResponse,
  paymentsEntityView,
} from './fleet';

/**
 * An {@link EksPlatformApi} serving the fixture fleet, for tests (spy on its
 * methods) and the dev harness. Entities other than payments-grpc and billing-api
 * get a view built from their annotation with no workloads.
 */
export class FixtureEksPlatformApi implements EksPlatformApi {
  async getClusterOverviews(): Promise<ClusterOverviewResponse> {
    return fleetOverviewResponse;
  }

  async getCluster(name: string): Promise<ClusterDetail> {
    const detail = fleetDetail(name);
    if (!detail) throw new NotFoundError(`No cluster named ${name}`);
    return detail;
  }

  async getHistory(
    name: string,
    metric: HistoryMetric,
  ): Promise<HistoryResponse> {
    return fleetHistory(name, metric);
  }

  async getEntityView(entityRef: string): Promise<EntityViewResponse> {
    if (entityRef === paymentsEntityView.entityRef) return paymentsEntityView;
    if (entityRef === billingEntityView.entityRef) return billingEntityView;
    return { entityRef, unknownClusters: [], clusters: [] };
  }

  async refreshCluster(name: string): Promise<RefreshResponse> {
    return { cluster: name, status: 'scheduled' };
  }
}
