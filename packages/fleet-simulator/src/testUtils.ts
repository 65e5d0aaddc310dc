import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { FleetSimulator, FleetSimulatorOptions } from './FleetSimulator';

/** Starts a simulator on ephemeral loopback ports with a fresh state directory. */
export async function startTestFleet(
  options: Omit<
    FleetSimulatorOptions,
    'stateDir' | 'adminPort' | 'awsPort' | 'kubeBasePort'
  > = {},
): Promise<{
  sim: FleetSimulator;
  stateDir: string;
  cleanup: () => Promise<void>;
}> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-sim-test-'));
  const sim = await FleetSimulator.start({
    ...options,
    stateDir,
    adminPort: 0,
    awsPort: 0,
    kubeBasePort: 0,
  });
  return {
    sim,
    stateDir,
    cleanup: async () => {
      await sim.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A raw HTTPS GET against a simulated cluster, trusting the simulator's CA. */
export function kubeGet(
  url: string,
  caPem: string,
  token?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      url,
      {
        ca: caPem,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        agent: false,
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}
