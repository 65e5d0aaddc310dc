import type {
  EntityViewResponse,
  WorkloadSpotRisk,
} from '@eks-platform/plugin-eks-platform-common';
import { legacyDetail, passing133 } from './details';
import {
  legacyEuWest1,
  prodEuWest1,
  prodEuZones,
  stagingEuWest1,
} from './overviews';
import { stagingIpFailures, stagingSubnets, stagingZones } from './staging';

/**
 * A Deployment's spot risk from its replica counts and the risk rules' verdict. The spot
 * share and summary are computed, so they agree with the counts and reasons.
 */
function deployment(
  namespace: string,
  name: string,
  risk: Omit<WorkloadSpotRisk, 'workload' | 'spotShare' | 'summary'>,
): WorkloadSpotRisk {
  return {
    workload: { namespace, kind: 'Deployment', name },
    ...risk,
    spotShare: risk.readyOnSpot / risk.readyReplicas,
    summary: `${risk.level} risk: ${risk.reasons.join('; ')}`,
  };
}

/** payments-api on prod-eu-west-1: all on spot, but covered by a PDB and spread over zones. */
const paymentsOnProdEu = deployment('payments-prod', 'payments-api', {
  replicas: 8,
  readyReplicas: 8,
  readyOnSpot: 8,
  zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  nodeCount: 7,
  pdbNames: ['payments-api'],
  readyOnInterruptedNodes: 1,
  level: 'medium',
  reasons: [
    '8 of 8 ready replicas (100%) run on spot nodes',
    'PodDisruptionBudget payments-api covers it',
    'spread over 3 zones',
    '1 ready replica is on a node being interrupted',
  ],
});

/** payments-api on staging: one ready replica left, on spot. */
const paymentsOnStaging = deployment('payments-stg', 'payments-api', {
  replicas: 3,
  readyReplicas: 1,
  readyOnSpot: 1,
  zones: ['eu-west-1c'],
  nodeCount: 1,
  pdbNames: [],
  readyOnInterruptedNodes: 0,
  level: 'high',
  reasons: [
    '1 of 1 ready replicas (100%) run on spot nodes',
    'its only ready replica is on spot',
  ],
});

/**
 * `GET /entity` for payments-grpc: prod-eu-west-1 (zone a) and the exhausting staging cluster.
 *
 * @public
 */
export const paymentsEntityView: EntityViewResponse = {
  entityRef: 'component:default/payments-grpc',
  unknownClusters: [],
  clusters: [
    {
      cluster: prodEuWest1,
      namespaces: ['payments-prod'],
      workloads: [paymentsOnProdEu],
      zones: [prodEuZones[0]],
      subnets: prodEuZones[0].subnets,
      ipFailures: [],
      version: passing133,
    },
    {
      cluster: stagingEuWest1,
      namespaces: ['payments-stg'],
      workloads: [paymentsOnStaging],
      zones: stagingZones,
      subnets: stagingSubnets,
      ipFailures: stagingIpFailures,
      version: passing133,
    },
  ],
};

/** `GET /entity` for billing-api, on the legacy 1.31 cluster and all on-demand. @public */
export const billingEntityView: EntityViewResponse = {
  entityRef: 'component:default/billing-api',
  unknownClusters: [],
  clusters: [
    {
      cluster: legacyEuWest1,
      namespaces: ['billing-prod'],
      workloads: [
        deployment('billing-prod', 'billing-api', {
          replicas: 3,
          readyReplicas: 3,
          readyOnSpot: 0,
          zones: ['eu-west-1a', 'eu-west-1b'],
          nodeCount: 3,
          pdbNames: ['billing-api'],
          readyOnInterruptedNodes: 0,
          level: 'low',
          reasons: [
            '0 of 3 ready replicas (0%) run on spot nodes',
            'PodDisruptionBudget billing-api covers it',
            'spread over 2 zones',
          ],
        }),
      ],
      zones: [],
      subnets: [],
      ipFailures: [],
      version: legacyDetail.version,
    },
  ],
};
