import { ADDON_RULES } from './addonCompatibility';
import { FORECAST_RULES } from './exhaustionForecast';
import { IP_FAILURE_RULES } from './ipAssignmentFailures';
import { IP_RULES } from './ipHeadroomRules';
import { SKEW_RULES } from './kubeletSkew';
import { REMOTE_POD_NETWORK_RULES } from './remotePodNetworks';
import { REQUEST_RULES } from './podRequests';
import { ROLLBACK_RULES } from './rollbackWindow';
import { CAPACITY_RULES } from './spotCapacity';
import { INSIGHT_RULES } from './upgradeInsights';
import { VERSION_RULES } from './versionStatus';
import { WORKLOAD_RULES } from './workloads';

/**
 * Every figure rule the views explain, gathered from the calculations that own them, so a view
 * looks a figure's explanation up by name and never restates it.
 *
 * @public
 */
export const FIGURE_RULES = {
  ...WORKLOAD_RULES,
  ...CAPACITY_RULES,
  ...REQUEST_RULES,
  ...IP_RULES,
  ...REMOTE_POD_NETWORK_RULES,
  ...FORECAST_RULES,
  ...IP_FAILURE_RULES,
  ...VERSION_RULES,
  ...SKEW_RULES,
  ...INSIGHT_RULES,
  ...ROLLBACK_RULES,
  ...ADDON_RULES,
};
