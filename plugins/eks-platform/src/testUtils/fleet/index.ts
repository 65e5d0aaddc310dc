export {
  END_OF_EXTENDED_1_31,
  FIXTURE_DAY,
  FIXTURE_NOW,
  isoFrom,
} from './clock';
export { version131, version132, version133, version134 } from './versions';
export { checkoutBlue, checkoutGreen } from './checkout';
export { greenRollback } from './rollback';
export {
  fleetOverviewResponse,
  fleetOverviews,
  legacyEuWest1,
  prodApSouth1,
  prodEuWest1,
  prodUsEast1,
  stagingEuWest1,
} from './overviews';
export { fleetDetail, legacyDetail, prodEuDetail } from './details';
export { billingEntityView, paymentsEntityView } from './entityViews';
export { fleetHistory } from './history';
