import {
  CapacityTypeRule,
  DEFAULT_CAPACITY_TYPE_RULES,
  capacityTypeOf,
  zoneOf,
} from './capacityType';
import { interruptionsOf } from './interruptionTaints';
import { selectorMatches } from './labelSelector';
import { isPodActive } from './podRequests';
import type { KubeNode, KubePod, KubePodDisruptionBudget } from './types';
import { WorkloadRef, isPodReady, workloadKey, workloadOf } from './workloads';

/**
 * How badly a spot interruption wave would hurt a workload.
 *
 * @public
 */
export type SpotRiskLevel = 'low' | 'medium' | 'high';

/**
 * The spot exposure of one workload.
 *
 * @public
 */
export type WorkloadSpotRisk = {
  workload: WorkloadRef;
  /** Non-terminated pods. */
  replicas: number;
  readyReplicas: number;
  /** Ready replicas on spot nodes. */
  readyOnSpot: number;
  /** readyOnSpot / readyReplicas, 0 without ready replicas. */
  spotShare: number;
  /** Zones of the ready replicas, sorted. */
  zones: string[];
  /** Distinct nodes of the ready replicas. */
  nodeCount: number;
  /** Names of the PodDisruptionBudgets covering the workload's pods. */
  pdbNames: string[];
  /** Ready replicas on nodes that carry an interruption taint right now. */
  readyOnInterruptedNodes: number;
  level: SpotRiskLevel;
  /** Why, one fact per entry, in words. */
  reasons: string[];
  /** The reasons as one sentence. */
  summary: string;
};

/**
 * Input of {@link assessSpotRisk}.
 *
 * @public
 */
export type SpotRiskInput = {
  nodes: KubeNode[];
  pods: KubePod[];
  pdbs: KubePodDisruptionBudget[];
  /** `<namespace>/<ReplicaSet>` (or `<ReplicaSet>`) → Deployment name. */
  replicaSetOwners?: Record<string, string>;
  capacityTypeRules?: CapacityTypeRule[];
  /** Owner kinds left out; default `DaemonSet`, `Job` and `Node` (static pods). */
  excludeKinds?: string[];
  /** Spot share from which a workload is at least `medium` risk; default 0.5. */
  mediumSpotShare?: number;
};

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * The spot risk of every workload: the share of its ready replicas on spot nodes,
 * whether a PodDisruptionBudget covers it (policy/v1 selector against pod labels, same
 * namespace) and how its ready replicas spread over zones and nodes.
 *
 * Levels:
 * - `high`: its only ready replica is on spot; or all ready replicas are on spot and
 *   there is no PDB, or they share one zone, or one node; or at least
 *   `mediumSpotShare` is on spot with no PDB and one zone or node; or no replica is
 *   ready at all.
 * - `medium`: at least `mediumSpotShare` (default half) of the ready replicas are on
 *   spot otherwise; or any ready replica sits on a node being interrupted.
 * - `low`: no or few ready replicas on spot.
 *
 * The rule is this plugin's own judgement, built from the facts the domain notes name
 * (share on spot, PDB, zone/node spread); the reasons list every fact it used.
 *
 * @public
 */
export function assessSpotRisk(input: SpotRiskInput): WorkloadSpotRisk[] {
  const rules = input.capacityTypeRules ?? DEFAULT_CAPACITY_TYPE_RULES;
  const exclude = new Set(input.excludeKinds ?? ['DaemonSet', 'Job', 'Node']);
  const mediumShare = input.mediumSpotShare ?? 0.5;

  const nodeFacts = new Map<
    string,
    { spot: boolean; zone?: string; interrupted: boolean }
  >();
  for (const node of input.nodes) {
    nodeFacts.set(node.metadata.name ?? '', {
      spot: capacityTypeOf(node, rules).capacityType === 'spot',
      zone: zoneOf(node),
      interrupted: interruptionsOf(node).length > 0,
    });
  }

  const groups = new Map<string, { ref: WorkloadRef; pods: KubePod[] }>();
  for (const pod of input.pods) {
    if (!isPodActive(pod)) {
      continue;
    }
    const ref = workloadOf(pod, input.replicaSetOwners);
    if (exclude.has(ref.kind)) {
      continue;
    }
    const key = workloadKey(ref);
    const group = groups.get(key) ?? { ref, pods: [] };
    group.pods.push(pod);
    groups.set(key, group);
  }

  const results: WorkloadSpotRisk[] = [];
  for (const { ref, pods } of groups.values()) {
    const ready = pods.filter(isPodReady);
    const facts = ready.map(p => nodeFacts.get(p.spec?.nodeName ?? ''));
    const readyOnSpot = facts.filter(f => f?.spot).length;
    const readyOnInterruptedNodes = facts.filter(f => f?.interrupted).length;
    const zones = [
      ...new Set(facts.map(f => f?.zone).filter((z): z is string => !!z)),
    ].sort();
    const nodeCount = new Set(ready.map(p => p.spec?.nodeName)).size;
    const pdbNames = input.pdbs
      .filter(
        pdb =>
          pdb.metadata.namespace === ref.namespace &&
          pods.some(p =>
            selectorMatches(pdb.spec?.selector, p.metadata.labels),
          ),
      )
      .map(pdb => pdb.metadata.name ?? '')
      .sort();
    const spotShare = ready.length > 0 ? readyOnSpot / ready.length : 0;

    const reasons: string[] = [];
    let level: SpotRiskLevel;
    const noPdb = pdbNames.length === 0;
    const oneZone = ready.length > 1 && zones.length <= 1;
    const oneNode = ready.length > 1 && nodeCount <= 1;

    if (ready.length === 0) {
      level = 'high';
      reasons.push(`none of its ${pods.length} replicas is ready`);
    } else {
      reasons.push(
        `${readyOnSpot} of ${ready.length} ready replicas (${percent(
          spotShare,
        )}) run on spot nodes`,
      );
      if (readyOnSpot === 0) {
        level = 'low';
      } else if (ready.length === 1) {
        level = 'high';
        reasons.push('its only ready replica is on spot');
      } else {
        if (noPdb) reasons.push('no PodDisruptionBudget covers it');
        if (oneNode) reasons.push(`all ready replicas share one node`);
        else if (oneZone) reasons.push(`all ready replicas are in ${zones[0]}`);
        const concentrated = oneZone || oneNode;
        if (spotShare === 1 && (noPdb || concentrated)) {
          level = 'high';
        } else if (spotShare >= mediumShare) {
          level = noPdb && concentrated ? 'high' : 'medium';
        } else {
          level = 'low';
        }
      }
      if (!noPdb) {
        reasons.push(`PodDisruptionBudget ${pdbNames.join(', ')} covers it`);
      }
      if (!oneZone && !oneNode && zones.length > 1) {
        reasons.push(`spread over ${zones.length} zones`);
      }
      if (readyOnInterruptedNodes > 0) {
        reasons.push(
          `${readyOnInterruptedNodes} ready ${
            readyOnInterruptedNodes === 1 ? 'replica is' : 'replicas are'
          } on a node being interrupted`,
        );
        if (level === 'low') level = 'medium';
      }
    }

    results.push({
      workload: ref,
      replicas: pods.length,
      readyReplicas: ready.length,
      readyOnSpot,
      spotShare,
      zones,
      nodeCount,
      pdbNames,
      readyOnInterruptedNodes,
      level,
      reasons,
      summary: `${level} risk: ${reasons.join('; ')}`,
    });
  }
  const order: Record<SpotRiskLevel, number> = { high: 0, medium: 1, low: 2 };
  return results.sort(
    (a, b) =>
      order[a.level] - order[b.level] ||
      workloadKey(a.workload).localeCompare(workloadKey(b.workload)),
  );
}
