import { parseArgs } from 'node:util';
import { FleetSimulator, FleetSimulatorOptions } from './FleetSimulator';

const USAGE = `Usage: fleet-simulator [options]

Serves a simulated fleet of EKS clusters on loopback: one HTTPS Kubernetes API per cluster,
one AWS endpoint (EKS rest-json + EC2 query, SigV4-signed) and an admin endpoint.

Options:
  --scenario <file>        Scenario YAML (default: the package's scenarios/demo-fleet.yaml)
  --state-dir <dir>        Where to write ca.crt, kubeconfig, fleet.json (default: .fleet-simulator)
  --host <address>         Loopback address to listen on (default: 127.0.0.1)
  --admin-port <port>      Admin endpoint port (default: 7780)
  --aws-port <port>        AWS endpoint port (default: 7781)
  --kube-base-port <port>  Port of the first cluster's Kubernetes API; cluster i uses base+i (default: 7790)
  --nodes <n>              Generate one large cluster with n nodes instead of reading a scenario
  --pods <n>               ... and n pods (default: 30 per node)
  --seed <s>               ... from this seed (default: 1)
  --name <name>            ... with this name (default: large-eu-west-1)
  -h, --help               Show this help
`;

function port(
  value: string | undefined,
  name: string,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--${name} must be a port number, got '${value}'`);
  return n;
}

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

/** Parses the command line into simulator options; undefined means "print help". */
export function parseCli(argv: string[]): FleetSimulatorOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      'state-dir': { type: 'string' },
      host: { type: 'string' },
      'admin-port': { type: 'string' },
      'aws-port': { type: 'string' },
      'kube-base-port': { type: 'string' },
      nodes: { type: 'string' },
      pods: { type: 'string' },
      seed: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const nodes = count(values.nodes, 'nodes');
  if (nodes === undefined && (values.pods || values.seed)) {
    throw new Error('--pods and --seed need --nodes');
  }
  if (nodes !== undefined && values.scenario) {
    throw new Error('Use either --scenario or --nodes, not both');
  }
  return {
    scenarioFile: values.scenario,
    generate:
      nodes !== undefined
        ? {
            nodes,
            pods: count(values.pods, 'pods') ?? nodes * 30,
            seed: values.seed ?? '1',
            name: values.name,
          }
        : undefined,
    stateDir: values['state-dir'] ?? '.fleet-simulator',
    host: values.host ?? '127.0.0.1',
    adminPort: port(values['admin-port'], 'admin-port', 7780),
    awsPort: port(values['aws-port'], 'aws-port', 7781),
    kubeBasePort: port(values['kube-base-port'], 'kube-base-port', 7790),
  };
}

/** Runs the CLI until SIGINT/SIGTERM. */
export async function main(
  argv: string[] = process.argv.slice(2),
): Promise<void> {
  let options: FleetSimulatorOptions | undefined;
  try {
    options = parseCli(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    process.stdout.write(USAGE);
    return;
  }
  let sim: FleetSimulator;
  try {
    sim = await FleetSimulator.start(options);
  } catch (e) {
    process.stderr.write(
      `fleet-simulator failed to start: ${(e as Error).message}\n`,
    );
    process.exitCode = 1;
    return;
  }
  const clusters = sim.clusters();
  process.stdout.write(
    `fleet-simulator ready in ${sim.startupMs()}ms: admin=${
      sim.adminEndpoint
    } aws=${sim.awsEndpoint} ` +
      `state-dir=${options.stateDir} clusters=${clusters
        .map(
          c => `${c.name}@${c.url}(${c.nodeCount} nodes, ${c.podCount} pods)`,
        )
        .join(',')}\n`,
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    sim.stop().then(
      () => {
        process.stdout.write(`fleet-simulator stopped (${signal})\n`);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
