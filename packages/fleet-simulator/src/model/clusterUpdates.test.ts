import fs from 'node:fs';
import YAML from 'yaml';
import { demoScenarioPath, parseScenario } from '../scenario/loadScenario';

const DAY = 86_400_000;

/** The demo scenario with checkout-green's `eks` changed by `edit`. */
function demoWith(edit: (eks: Record<string, unknown>) => void): string {
  const raw = YAML.parse(fs.readFileSync(demoScenarioPath(), 'utf8'));
  edit(
    raw.clusters.find((c: { name: string }) => c.name === 'checkout-green').eks,
  );
  return YAML.stringify(raw);
}

describe('a cluster’s upgrade history in a scenario', () => {
  it('gives the demo checkout-green an in-place upgrade from the previous minor three days ago', () => {
    const now = new Date();
    const { scenario } = parseScenario(
      fs.readFileSync(demoScenarioPath(), 'utf8'),
      'demo-fleet.yaml',
      now,
    );
    const green = scenario.clusters.find(c => c.name === 'checkout-green')!;
    const minor = (v: string) => Number(v.split('.')[1]);
    expect(minor(green.eks.upgradedFrom!)).toBe(minor(green.eks.version) - 1);
    expect(now.getTime() - green.eks.upgradedAt!.getTime()).toBe(3 * DAY);
  });

  it('refuses an upgrade that skips a minor, as EKS does', () => {
    const text = demoWith(eks => {
      eks.upgradedFrom = '{cp-2}';
    });
    expect(() => parseScenario(text, 'x.yaml')).toThrow(
      /checkout-green' eks\.upgradedFrom: EKS upgrades one minor at a time/,
    );
  });

  it('refuses an upgrade without its time, or before the cluster existed', () => {
    expect(() =>
      parseScenario(
        demoWith(eks => {
          delete eks.upgradedAt;
        }),
        'x.yaml',
      ),
    ).toThrow(/eks\.upgradedAt: required with upgradedFrom/);
    expect(() =>
      parseScenario(
        demoWith(eks => {
          eks.upgradedAt = '40 days ago';
        }),
        'x.yaml',
      ),
    ).toThrow(/eks\.upgradedAt: before the cluster was created/);
  });
});
