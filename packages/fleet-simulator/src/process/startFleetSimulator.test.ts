import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFleetSimulator } from './startFleetSimulator';

// Each case starts the CLI through the SWC hook, which takes a few seconds.
jest.setTimeout(60_000);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startFleetSimulator', () => {
  it('starts a generated cluster in its own process and stops it', async () => {
    const sim = await startFleetSimulator({
      generate: { nodes: 3, pods: 10, seed: 1 },
    });
    try {
      expect(sim.pid).not.toBe(process.pid);
      expect(isAlive(sim.pid)).toBe(true);
      expect(Object.keys(sim.fleet.clusters)).toHaveLength(1);
      expect(sim.adminUrl).toBe(sim.fleet.adminEndpoint);
      const response = await fetch(`${sim.adminUrl}/admin/requests`);
      expect(response.status).toBe(200);
    } finally {
      await sim.stop();
    }

    expect(isAlive(sim.pid)).toBe(false);
    expect(fs.existsSync(sim.stateDir)).toBe(false);
  });

  it('serves a scenario file and leaves a state dir it was given', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-process-'));
    try {
      const sim = await startFleetSimulator({
        scenarioFile: path.resolve(
          __dirname,
          '../../scenarios/demo-fleet.yaml',
        ),
        stateDir,
      });
      await sim.stop();

      expect(sim.stateDir).toBe(stateDir);
      expect(sim.fleet.clusters['staging-eu-west-1']).toBeDefined();
      expect(fs.existsSync(path.join(stateDir, 'fleet.json'))).toBe(true);
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('rejects with the output when the CLI exits before it is ready', async () => {
    await expect(
      startFleetSimulator({ args: ['--no-such-option'] }),
    ).rejects.toThrow(
      /exited with code 2 before it was ready:\n.*no-such-option/s,
    );
  });

  it('rejects and kills the CLI when it is not ready in time', async () => {
    let pid = 0;
    await expect(
      startFleetSimulator({
        timeoutMs: 10,
        onSpawn: child => {
          pid = child.pid!;
        },
      }),
    ).rejects.toThrow('fleet-simulator was not ready within 10 ms');
    await new Promise(resolve => setTimeout(resolve, 500));

    expect(isAlive(pid)).toBe(false);
  });
});
