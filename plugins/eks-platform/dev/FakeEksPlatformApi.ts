import type { HistoryMetric } from '@eks-platform/plugin-eks-platform-common';
import { FixtureEksPlatformApi } from '../src/__fixtures__/FixtureEksPlatformApi';

const delay = () => new Promise(resolve => setTimeout(resolve, 400));

/**
 * Serves the fixture fleet after a short delay, so the dev harness shows the
 * loading states too.
 */
export class FakeEksPlatformApi extends FixtureEksPlatformApi {
  async getClusterOverviews() {
    await delay();
    return super.getClusterOverviews();
  }
  async getCluster(name: string) {
    await delay();
    return super.getCluster(name);
  }
  async getHistory(name: string, metric: HistoryMetric) {
    await delay();
    return super.getHistory(name, metric);
  }
  async getEntityView(entityRef: string) {
    await delay();
    return super.getEntityView(entityRef);
  }
}
