import {
  FIGURE_RULES,
  type FigureRule,
} from '@eks-platform/plugin-eks-platform-common';
import { collectedText } from './dataSources';

/**
 * The formula and source of every number the views show. The rules live beside their
 * calculations in `-common`; this only adds when the data was collected (`at`, the snapshot's
 * `collectedAt`), so the entity tab and the fleet page explain a figure the same way.
 */
export type Explanation = FigureRule;

type RuleName = keyof typeof FIGURE_RULES;

const collected =
  (name: RuleName) =>
  (at?: string): Explanation => ({
    formula: FIGURE_RULES[name].formula,
    source: `${FIGURE_RULES[name].source}, ${collectedText(at)}`,
  });

type VersionSource = 'api' | 'fallback-calendar';

export const explain = {
  workloadReplicas: collected('workloadReplicas'),
  workloadOnSpot: collected('workloadOnSpot'),
  workloadSpotShare: collected('workloadSpotShare'),
  clusterSpotCpuShare: collected('clusterSpotCpuShare'),
  spotNodes: collected('spotNodes'),
  requestedCpu: collected('requestedCpu'),
  allocatableCpu: collected('allocatableCpu'),
  requestedMemory: collected('requestedMemory'),
  allocatableMemory: collected('allocatableMemory'),
  capacityTypeNodes: collected('capacityTypeNodes'),
  subnetFree: collected('subnetFree'),
  subnetUsable: collected('subnetUsable'),
  subnetUtilisation: collected('subnetUtilisation'),
  freePodSlots: collected('freePodSlots'),
  warmAddresses: collected('warmAddresses'),
  freePrefixBlocks: collected('freePrefixBlocks'),
  branchEnis: collected('branchEnis'),
  additionalPods: collected('additionalPods'),
  remotePodFree: collected('remotePodFree'),
  remoteBlockFree: collected('remoteBlockFree'),
  remoteFreeBlocks: collected('remoteFreeBlocks'),
  daysToExhaustion: (at?: string): Explanation => ({
    formula: FIGURE_RULES.daysToExhaustion.formula,
    source: `${FIGURE_RULES.daysToExhaustion.source}, latest ${collectedText(
      at,
    )}`,
  }),
  ipFailures: collected('ipFailures'),
  daysLeftInPhase: (
    at: string | undefined,
    versionSource: VersionSource = 'api',
  ): Explanation =>
    collected(
      versionSource === 'fallback-calendar'
        ? 'daysLeftInPhaseFallback'
        : 'daysLeftInPhase',
    )(at),
  supportDate: (
    at: string | undefined,
    field: 'endOfStandardSupportDate' | 'endOfExtendedSupportDate',
    versionSource: VersionSource = 'api',
  ): Explanation => ({
    formula: FIGURE_RULES[field].formula,
    source: `${
      FIGURE_RULES[
        versionSource === 'fallback-calendar' ? 'fallbackCalendar' : field
      ].source
    }, ${collectedText(at)}`,
  }),
  kubeletSkew: collected('kubeletSkew'),
  insights: collected('insights'),
  /** The rollback window: its own formula, with the upgrade time filled in, when known. */
  rollbackWindow: (
    at: string | undefined,
    window?: { formula: string },
  ): Explanation => ({
    formula: window?.formula ?? FIGURE_RULES.rollbackWindow.formula,
    source: `${FIGURE_RULES.rollbackWindow.source}, ${collectedText(at)}`,
  }),
  addons: collected('addons'),
};
