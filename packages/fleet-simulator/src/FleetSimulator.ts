import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import YAML from 'yaml';
import { AwsHandler } from './aws/AwsHandler';
import { KubeApiHandler } from './kube/KubeApiHandler';
import { ClusterModel, resourceKey } from './model/ClusterModel';
import { buildCluster } from './model/buildCluster';
import { kubeletVersionFor } from './model/nodeObjects';
import { GenerateOptions, generateCluster } from './model/generateCluster';
import { EksCatalog, Scenario } from './scenario/schema';
import {
  demoScenarioPath,
  loadCatalog,
  loadScenarioFile,
} from './scenario/loadScenario';
import { AdminHandler } from './server/AdminHandler';
import { FaultInjector } from './server/FaultInjector';
import { RequestLog } from './server/RequestLog';
import { generateServingCertificate } from './server/tls';
import { FleetFile, SimulatedClusterInfo } from './types';

/** How to start a simulator. Ports default to the demo layout; pass 0 for ephemeral ports (tests). */
export interface FleetSimulatorOptions {
  /** Scenario YAML file. Default: the package's `scenarios/demo-fleet.yaml` (unless `generate` is set). */
  scenarioFile?: string;
  /** Generate one large cluster instead of reading a scenario. */
  generate?: GenerateOptions;
  /** Where to write ca.crt, kubeconfig and fleet.json. Omitted: nothing is written. */
  stateDir?: string;
  /** Loopback address to listen on (127.0.0.1, ::1 or localhost). */
  host?: string;
  adminPort?: number;
  awsPort?: number;
  /** First Kubernetes API port; cluster i listens on base + i. 0 = an ephemeral port each. */
  kubeBasePort?: number;
  /** Override the clock (dates in objects, support status). */
  now?: Date;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function listen(
  server: http.Server,
  port: number,
  host: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The time of the cluster's successful in-place upgrade to its version, if it had one. */
function upgradedAtOf(m: ClusterModel): { upgradedAt?: string } {
  const upgrade = m.eks.updates.find(
    u =>
      u.type === 'VersionUpdate' &&
      u.status === 'Successful' &&
      u.params.some(p => p.type === 'Version' && p.value === m.eks.version),
  );
  return upgrade ? { upgradedAt: upgrade.createdAt.toISOString() } : {};
}

function urlHost(host: string) {
  return host.includes(':') ? `[${host}]` : host;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A running simulated fleet: one HTTPS Kubernetes API per cluster, one AWS endpoint (EKS + EC2) and
 * an admin endpoint, all on loopback.
 */
export class FleetSimulator {
  readonly requestLog = new RequestLog();
  readonly faults = new FaultInjector();
  private servers: http.Server[] = [];
  private kubeUrls = new Map<string, string>();
  private awsUrl = '';
  private adminUrl = '';
  private stopped = false;

  private constructor(
    readonly models: ClusterModel[],
    readonly catalog: EksCatalog,
    readonly credentials: { accessKeyId: string; secretAccessKey: string },
    readonly caPem: string,
    private readonly keyPem: string,
    private readonly continueTokenTtlMs: number,
    readonly startupMs: () => number,
  ) {}

  static async start(
    options: FleetSimulatorOptions = {},
  ): Promise<FleetSimulator> {
    const t0 = performance.now();
    const host = options.host ?? '127.0.0.1';
    if (!LOOPBACK.has(host)) {
      throw new Error(
        `The fleet simulator listens on loopback only; '${host}' is not a loopback address`,
      );
    }
    const now = options.now ?? new Date();
    let scenario: Pick<Scenario, 'aws' | 'kubernetes'>;
    let catalog: EksCatalog;
    let models: ClusterModel[];
    if (options.generate) {
      catalog = loadCatalog(undefined, now);
      scenario = {
        aws: {
          accessKeyId: 'AKIDFLEETSIMULATOR',
          secretAccessKey: 'fleet-simulator-secret',
        },
        kubernetes: { continueTokenTtlSeconds: 300 },
      };
      models = [generateCluster(options.generate, catalog, now)];
    } else {
      const loaded = loadScenarioFile(
        options.scenarioFile ?? demoScenarioPath(),
        now,
      );
      catalog = loaded.catalog;
      scenario = loaded.scenario;
      models = loaded.scenario.clusters.map(c => buildCluster(c, catalog, now));
    }
    const cert = generateServingCertificate();
    let startupMs = 0;
    const sim = new FleetSimulator(
      models,
      catalog,
      scenario.aws,
      cert.cert,
      cert.key,
      scenario.kubernetes.continueTokenTtlSeconds * 1000,
      () => startupMs,
    );
    try {
      await sim.listenAll(host, options);
      if (options.stateDir) sim.writeStateDir(options.stateDir);
    } catch (e) {
      await sim.stop();
      throw e;
    }
    startupMs = Math.round(performance.now() - t0);
    return sim;
  }

  private async listenAll(host: string, options: FleetSimulatorOptions) {
    const base = options.kubeBasePort ?? 7790;
    for (const [i, model] of this.models.entries()) {
      const handler = new KubeApiHandler({
        model,
        log: this.requestLog,
        faults: this.faults,
        continueTokenTtlMs: this.continueTokenTtlMs,
        awsCredentials: this.credentials,
        kubeletVersion: kubeletVersionFor(
          model.eks.version,
          this.catalog,
          `apiserver:${model.name}`,
        ),
      });
      const server = https.createServer(
        { key: this.keyPem, cert: this.caPem },
        (req, res) => {
          handler.handle(req, res).catch(() => res.destroy());
        },
      );
      this.servers.push(server);
      const port = await listen(
        server,
        base === 0 ? 0 : model.kubePort ?? base + i,
        host,
      );
      this.kubeUrls.set(model.name, `https://${urlHost(host)}:${port}`);
    }

    const aws = new AwsHandler({
      ctx: {
        clusters: this.models,
        catalog: this.catalog,
        kubeUrl: name => this.kubeUrls.get(name) ?? '',
        caPem: this.caPem,
        now: () => new Date(),
      },
      credentials: this.credentials,
      log: this.requestLog,
      faults: this.faults,
    });
    const awsServer = http.createServer((req, res) => {
      aws.handle(req, res).catch(() => res.destroy());
    });
    this.servers.push(awsServer);
    this.awsUrl = `http://${urlHost(host)}:${await listen(
      awsServer,
      options.awsPort ?? 7781,
      host,
    )}`;

    const startedAt = Date.now();
    const admin = new AdminHandler({
      log: this.requestLog,
      faults: this.faults,
      clusters: () => this.clusters(),
      clusterNames: () => this.models.map(m => m.name),
      startedAt,
    });
    const adminServer = http.createServer((req, res) => {
      admin.handle(req, res).catch(() => res.destroy());
    });
    this.servers.push(adminServer);
    this.adminUrl = `http://${urlHost(host)}:${await listen(
      adminServer,
      options.adminPort ?? 7780,
      host,
    )}`;
  }

  get awsEndpoint(): string {
    return this.awsUrl;
  }

  get adminEndpoint(): string {
    return this.adminUrl;
  }

  /** Every cluster with its URL and token. */
  clusters(): SimulatedClusterInfo[] {
    return this.models.map(m => ({
      name: m.name,
      url: this.kubeUrls.get(m.name) ?? '',
      token: m.token,
      eksName: m.eks.name,
      region: m.eks.region,
      accountId: m.eks.accountId,
      kubernetesVersion: m.eks.version,
      ...upgradedAtOf(m),
      nodeCount: m.countOf(resourceKey('', 'v1', 'nodes')),
      podCount: m.countOf(resourceKey('', 'v1', 'pods')),
    }));
  }

  cluster(name: string): SimulatedClusterInfo {
    const found = this.clusters().find(c => c.name === name);
    if (!found) throw new Error(`No simulated cluster '${name}'`);
    return found;
  }

  model(name: string): ClusterModel {
    const found = this.models.find(m => m.name === name);
    if (!found) throw new Error(`No simulated cluster '${name}'`);
    return found;
  }

  /** A kubeconfig with one context per cluster; `caFile` is referenced, not inlined. */
  kubeconfig(caFile: string): string {
    const clusters = this.clusters();
    return YAML.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      preferences: {},
      'current-context': clusters[0]?.name,
      clusters: clusters.map(c => ({
        name: c.name,
        cluster: { server: c.url, 'certificate-authority': caFile },
      })),
      users: clusters.map(c => ({
        name: `${c.name}-user`,
        user: { token: c.token },
      })),
      contexts: clusters.map(c => ({
        name: c.name,
        context: { cluster: c.name, user: `${c.name}-user` },
      })),
    });
  }

  fleetFile(stateDir: string): FleetFile {
    return {
      awsEndpoint: this.awsUrl,
      adminEndpoint: this.adminUrl,
      caFile: path.join(stateDir, 'ca.crt'),
      kubeconfig: path.join(stateDir, 'kubeconfig'),
      awsCredentials: { ...this.credentials },
      clusters: Object.fromEntries(
        this.clusters().map(c => [
          c.name,
          {
            url: c.url,
            token: c.token,
            eksName: c.eksName,
            region: c.region,
            accountId: c.accountId,
            kubernetesVersion: c.kubernetesVersion,
            ...(c.upgradedAt && { upgradedAt: c.upgradedAt }),
          },
        ]),
      ),
      eksCalendar: this.catalog.versions.map(v => ({
        version: v.version,
        releaseDate: day(v.releaseDate),
        endOfStandardSupport: day(v.endOfStandardSupport),
        endOfExtendedSupport: day(v.endOfExtendedSupport),
        projected: v.projected ?? false,
      })),
    };
  }

  /** Writes ca.crt, kubeconfig and fleet.json (tokens: mode 0600). */
  writeStateDir(dir: string) {
    const stateDir = path.resolve(dir);
    fs.mkdirSync(stateDir, { recursive: true });
    const caFile = path.join(stateDir, 'ca.crt');
    fs.writeFileSync(caFile, this.caPem);
    fs.writeFileSync(
      path.join(stateDir, 'kubeconfig'),
      this.kubeconfig(caFile),
      { mode: 0o600 },
    );
    fs.writeFileSync(
      path.join(stateDir, 'fleet.json'),
      `${JSON.stringify(this.fleetFile(stateDir), null, 2)}\n`,
      { mode: 0o600 },
    );
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(
      this.servers.map(
        server =>
          new Promise<void>(resolve => {
            if (!server.listening) {
              resolve();
              return;
            }
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }
}
