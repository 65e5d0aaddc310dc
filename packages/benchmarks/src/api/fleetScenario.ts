import { loadYaml } from '@kubernetes/client-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type ScenarioCluster = {
  name: string;
  token?: string;
  eks: { name?: string; [key: string]: unknown };
  [key: string]: unknown;
};

type Scenario = { clusters: ScenarioCluster[]; [key: string]: unknown };

const DEMO_SCENARIO = require.resolve(
  '@eks-platform/fleet-simulator/scenarios/demo-fleet.yaml',
);

/** AWS resource ids of a copy: the first hex digits say which copy it is. */
function copyIds(text: string, copy: number): string {
  const tag = `f${copy.toString(16).padStart(2, '0')}`;
  return text.replace(
    /\b(subnet|vpc|sg|eni|rtb)-([0-9a-f]{3})([0-9a-f]{14})\b/g,
    (_match, kind: string, _head: string, rest: string) =>
      `${kind}-${tag}${rest}`,
  );
}

/**
 * A scenario of `count` clusters: the demo clusters (spot-heavy production,
 * prefix delegation, custom networking, a staging cluster out of pod IPs, a
 * legacy cluster, a blue/green pair, Auto Mode, ...), then copies of them with their
 * own names (`<name>-c<n>`), tokens, EKS names and AWS resource ids, so that
 * every cluster is collected and served on its own.
 */
export function writeFleetScenario(count: number): {
  file: string;
  clusterNames: string[];
  remove: () => void;
} {
  const demo = loadYaml<Scenario>(fs.readFileSync(DEMO_SCENARIO, 'utf8'));
  const base = demo.clusters;
  const clusters: ScenarioCluster[] = [];
  for (let i = 0; i < count; i++) {
    const original = base[i % base.length];
    const copy = Math.floor(i / base.length);
    if (copy === 0) {
      clusters.push(original);
      continue;
    }
    const cloned = JSON.parse(
      copyIds(JSON.stringify(original), copy),
    ) as ScenarioCluster;
    cloned.name = `${original.name}-c${copy}`;
    delete cloned.kubePort; // a copy listens where its place puts it

    cloned.token = `${original.token ?? `sim-token-${original.name}`}-c${copy}`;
    if (original.eks.name) cloned.eks.name = `${original.eks.name}-c${copy}`;
    clusters.push(cloned);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-bench-scenario-'));
  const file = path.join(dir, `fleet-${count}.yaml`);
  // JSON is YAML: the simulator reads it as a scenario file.
  fs.writeFileSync(file, JSON.stringify({ ...demo, clusters }, null, 1));
  return {
    file,
    clusterNames: clusters.map(c => c.name),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
