import type { ClustersResponse } from '@eks-platform/plugin-eks-platform-common';
import type { EksPlatformApi } from '../src';
import { demoClustersResponse } from '../src/__fixtures__/clusters';

/**
 * Serves the demo fleet's cluster registry after a short delay, so the dev
 * harness shows the loading state too.
 */
export class FakeEksPlatformApi implements EksPlatformApi {
  async getClusters(): Promise<ClustersResponse> {
    await new Promise(resolve => setTimeout(resolve, 400));
    return demoClustersResponse;
  }
}
