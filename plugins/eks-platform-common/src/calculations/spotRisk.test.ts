import { assessSpotRisk } from './spotRisk';
import {
  NODES,
  OD_A,
  OD_B,
  PDBS,
  PODS,
  REPLICA_SET_OWNERS,
  SPOT_A,
  pod,
} from './__fixtures__/cluster';

describe('assessSpotRisk', () => {
  const risks = assessSpotRisk({
    nodes: NODES,
    pods: PODS,
    pdbs: PDBS,
    replicaSetOwners: REPLICA_SET_OWNERS,
  });
  const byName = Object.fromEntries(risks.map(r => [r.workload.name, r]));

  it('lists services worst first and leaves DaemonSets and Jobs out', () => {
    expect(
      risks.map(r => `${r.level} ${r.workload.kind}/${r.workload.name}`),
    ).toEqual([
      'high Deployment/payments',
      'medium Deployment/checkout',
      'medium Deployment/search',
      'low Deployment/coredns',
      'low StatefulSet/ledger',
    ]);
  });

  it('rates two replicas on one spot node with no PDB high, and says why', () => {
    expect(byName.payments).toMatchObject({
      readyReplicas: 2,
      readyOnSpot: 2,
      spotShare: 1,
      zones: ['eu-west-1a'],
      nodeCount: 1,
      pdbNames: [],
    });
    expect(byName.payments.reasons).toEqual([
      '2 of 2 ready replicas (100%) run on spot nodes',
      'no PodDisruptionBudget covers it',
      'all ready replicas share one node',
    ]);
  });

  it('ignores a PDB with matching labels in another namespace', () => {
    expect(byName.payments.pdbNames).toEqual([]);
  });

  it('credits the PDB and the zone spread, and flags a replica on a disrupted node', () => {
    const checkout = byName.checkout;
    expect(checkout).toMatchObject({
      replicas: 4,
      readyReplicas: 3,
      readyOnSpot: 2,
      zones: ['eu-west-1a', 'eu-west-1c'],
      pdbNames: ['checkout'],
      readyOnInterruptedNodes: 1,
    });
    expect(checkout.summary).toBe(
      'medium risk: 2 of 3 ready replicas (67%) run on spot nodes; PodDisruptionBudget checkout covers it; spread over 2 zones; 1 ready replica is on a node being interrupted',
    );
  });

  it('matches a PDB by matchExpressions', () => {
    expect(byName.search.pdbNames).toEqual(['search']);
    expect(byName.search.reasons).toContain(
      'all ready replicas are in eu-west-1b',
    );
  });

  it('rates a workload with nothing on spot low', () => {
    expect(byName.ledger).toMatchObject({
      level: 'low',
      readyOnSpot: 0,
      spotShare: 0,
    });
  });

  it('rates a single ready replica on spot high', () => {
    const [risk] = assessSpotRisk({
      nodes: NODES,
      pods: [
        pod({
          name: 'cron-ui',
          namespace: 'tools',
          node: SPOT_A,
          labels: { app: 'cron-ui' },
        }),
      ],
      pdbs: [],
    });
    expect(risk.level).toBe('high');
    expect(risk.reasons).toContain('its only ready replica is on spot');
  });

  it('rates a workload with no ready replica high', () => {
    const [risk] = assessSpotRisk({
      nodes: NODES,
      pods: [
        pod({ name: 'broken', namespace: 'tools', node: OD_A, ready: false }),
      ],
      pdbs: [],
    });
    expect(risk.level).toBe('high');
    expect(risk.summary).toBe('high risk: none of its 1 replicas is ready');
  });

  it('lets the medium threshold be tuned', () => {
    const labels = { 'app.kubernetes.io/name': 'inventory' };
    const owner = { kind: 'StatefulSet', name: 'inventory' };
    const input = {
      nodes: NODES,
      pods: [
        pod({
          name: 'inventory-0',
          namespace: 'shop-prod',
          node: SPOT_A,
          labels,
          owner,
        }),
        pod({
          name: 'inventory-1',
          namespace: 'shop-prod',
          node: SPOT_A,
          labels,
          owner,
        }),
        pod({
          name: 'inventory-2',
          namespace: 'shop-prod',
          node: OD_B,
          labels,
          owner,
        }),
      ],
      pdbs: [
        {
          metadata: { name: 'inventory', namespace: 'shop-prod' },
          spec: { minAvailable: 2, selector: { matchLabels: labels } },
        },
      ],
    };
    expect(assessSpotRisk(input)[0].level).toBe('medium');
    expect(assessSpotRisk({ ...input, mediumSpotShare: 0.75 })[0].level).toBe(
      'low',
    );
  });
});
