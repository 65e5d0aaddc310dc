import { createMockDirectory } from '@backstage/backend-test-utils';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import yaml from 'yaml';
import { ModelCatalog } from '../validation/modelCatalog';
import { validateManifests } from '../validation/validateManifests';
import {
  dryRun,
  kustomize,
  runGit,
  startScaffolder,
  writeContents,
} from '../__testUtils__/templateHarness';

/*
 * Dry-runs templates/eks-microservice through the scaffolder's own dry-run API
 * (POST /api/scaffolder/v2/dry-run) with this module and a stand-in eks-platform backend, for every
 * mesh x environments x spot policy, renders each overlay with the real Kustomize
 * (`kubectl kustomize`) and validates what comes out.
 */

const MESHES = ['grpcroute', 'istio', 'linkerd', 'appmesh'] as const;
const SPOT_POLICIES = ['spot-allowed', 'on-demand-only'] as const;
const ENV_SUBSETS = [
  ['dev'],
  ['stg'],
  ['prod'],
  ['dev', 'stg'],
  ['dev', 'prod'],
  ['stg', 'prod'],
  ['dev', 'stg', 'prod'],
];
const TARGETS: Record<string, Record<string, unknown>> = {
  dev: {
    cluster: 'staging-eu-west-1',
    replicas: 1,
    cpuMillicores: 100,
    memoryMebibytes: 128,
  },
  stg: {
    cluster: 'staging-eu-west-1',
    replicas: 2,
    cpuMillicores: 250,
    memoryMebibytes: 256,
  },
  prod: {
    cluster: 'prod-eu-west-1',
    replicas: 3,
    cpuMillicores: 500,
    memoryMebibytes: 512,
  },
};

function values(
  overrides: Record<string, unknown> = {},
  environments: string[] = ['dev', 'prod'],
) {
  return {
    name: 'checkout-api',
    owner: 'group:default/platform-team',
    system: 'system:default/commerce',
    description: 'Checkout gRPC API',
    environments,
    ...Object.fromEntries(environments.map(env => [env, TARGETS[env]])),
    port: 50051,
    spotPolicy: 'spot-allowed',
    mesh: 'grpcroute',
    ...overrides,
  };
}

const SPOT_PLACEMENT = {
  'spot-allowed': {
    tolerations: [
      'karpenter.sh/capacity-type',
      'eks.amazonaws.com/capacityType',
    ],
    onDemandTerms: undefined,
  },
  'on-demand-only': {
    tolerations: undefined,
    // Karpenter's reserved nodes are on-demand instances too; Capacity Blocks are not.
    onDemandTerms: [['on-demand', 'reserved'], ['ON_DEMAND']],
  },
};

const NO_MESH_WIRING = {
  istioInjection: undefined,
  linkerdNamespace: undefined,
  linkerdPods: undefined,
  appMesh: undefined,
  virtualNodeHost: undefined,
};
const MESH_WIRING: Record<string, (namespace: string) => object> = {
  grpcroute: () => NO_MESH_WIRING,
  istio: () => ({ ...NO_MESH_WIRING, istioInjection: 'enabled' }),
  linkerd: () => ({
    ...NO_MESH_WIRING,
    linkerdNamespace: 'enabled',
    linkerdPods: 'enabled',
  }),
  appmesh: namespace => ({
    ...NO_MESH_WIRING,
    appMesh: 'platform-mesh',
    virtualNodeHost: `checkout-api.${namespace}.svc.cluster.local`,
  }),
};

type Doc = { apiVersion: string; kind: string; metadata: any; spec?: any };

describe('templates/eks-microservice', () => {
  const dir = createMockDirectory();
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;
  let catalog: ModelCatalog;

  beforeAll(async () => {
    scaffolder = await startScaffolder(join(dir.path, 'backend'));
    catalog = await ModelCatalog.load();
  });

  afterAll(async () => {
    await scaffolder.stop();
  });

  const combinations = MESHES.flatMap(mesh =>
    SPOT_POLICIES.flatMap(spotPolicy =>
      ENV_SUBSETS.map(
        envs => [mesh, spotPolicy, envs.join('+'), envs] as const,
      ),
    ),
  );

  it.each(combinations)(
    '%s, %s, %s: dry run renders valid manifests and every overlay builds with kubectl kustomize',
    async (mesh, spotPolicy, _label, envs) => {
      const input = values(
        {
          mesh,
          spotPolicy,
          ...(mesh === 'appmesh' && { appMeshName: 'platform-mesh' }),
        },
        envs,
      );
      const res = await dryRun(scaffolder.server, input);
      expect(res.body.error).toBeUndefined();
      expect(res.status).toBe(200);

      const out = join(
        dir.path,
        'runs',
        `${mesh}-${spotPolicy}-${envs.join('-')}`,
      );
      await writeContents(out, res.body.directoryContents);
      const overlays = (
        await fs.readdir(join(out, 'manifests/overlays'))
      ).sort();
      expect(overlays).toEqual([...envs].sort());
      expect((await fs.readdir(join(out, 'argocd'))).sort()).toEqual(
        envs.map(e => `checkout-api-${e}.yaml`).sort(),
      );

      // The workspace as the validate step saw it.
      const workspaceReport = await validateManifests(
        {
          target: out,
          failOnUnknownKinds: true,
          gitopsPathPrefix: 'services/checkout-api',
        },
        catalog,
      );
      expect(workspaceReport.errors).toEqual([]);

      const entity = yaml.parse(
        await fs.readFile(join(out, 'catalog-info.yaml'), 'utf8'),
      );
      const clusters = [...new Set(envs.map(e => TARGETS[e].cluster))];
      expect(entity.metadata.annotations).toEqual(
        expect.objectContaining({
          'backstage.io/kubernetes-id': 'checkout-api',
          'argocd/app-selector': 'eks-platform.io/service=checkout-api',
          'eks-platform.io/clusters': clusters.join(', '),
        }),
      );

      for (const env of envs) {
        const app: Doc = yaml.parse(
          await fs.readFile(
            join(out, 'argocd', `checkout-api-${env}.yaml`),
            'utf8',
          ),
        );
        expect(app.spec.source.path).toBe(
          `services/checkout-api/manifests/overlays/${env}`,
        );
        expect(app.spec.source.repoURL).toBe(`file://${scaffolder.bare}`);
        expect(app.spec.destination).toEqual({
          name: TARGETS[env].cluster,
          namespace: `checkout-api-${env}`,
        });
        expect(app.spec.syncPolicy.automated).toEqual({
          prune: true,
          selfHeal: true,
        });
        expect(app.spec.syncPolicy.syncOptions).toEqual(
          expect.arrayContaining([
            'CreateNamespace=true',
            'ServerSideApply=true',
          ]),
        );
        expect(app.metadata.finalizers).toEqual([
          'resources-finalizer.argocd.argoproj.io',
        ]);

        const { stdout, stderr } = await kustomize(
          join(out, 'manifests/overlays', env),
        );
        expect(stderr).toBe('');
        const rendered = join(out, 'rendered', `${env}.yaml`);
        await fs.mkdir(join(out, 'rendered'), { recursive: true });
        await fs.writeFile(rendered, stdout);
        const report = await validateManifests(
          { target: rendered, failOnUnknownKinds: true },
          catalog,
        );
        expect(report.errors).toEqual([]);
        expect(
          report.warnings.filter(
            w => !w.message.includes('App Mesh reached end of support'),
          ),
        ).toEqual([]);

        const docs: Doc[] = yaml.parseAllDocuments(stdout).map(d => d.toJS());
        const byKind = (kind: string) => docs.filter(d => d.kind === kind);
        const namespace = `checkout-api-${env}`;
        for (const doc of docs.filter(d => d.kind !== 'Namespace')) {
          expect(doc.metadata.namespace).toBe(namespace);
        }
        const [ns] = byKind('Namespace');
        expect(ns.metadata.name).toBe(namespace);
        expect(ns.metadata.labels).toEqual(
          expect.objectContaining({
            'pod-security.kubernetes.io/enforce':
              mesh === 'appmesh' ? 'privileged' : 'baseline',
            'pod-security.kubernetes.io/warn': 'restricted',
            'pod-security.kubernetes.io/audit': 'restricted',
          }),
        );
        expect(byKind('ResourceQuota')).toHaveLength(1);
        expect(byKind('LimitRange')).toHaveLength(1);
        expect(byKind('NetworkPolicy').map(p => p.metadata.name)).toEqual(
          expect.arrayContaining([
            'default-deny',
            'allow-dns-egress',
            'allow-grpc-ingress',
          ]),
        );

        const [deployment] = byKind('Deployment');
        const pod = deployment.spec.template.spec;
        expect(deployment.spec.replicas).toBe(TARGETS[env].replicas);
        expect(pod.containers[0].readinessProbe.grpc.port).toBe(50051);
        expect(pod.containers[0].image).toBe(
          'ghcr.io/platform-team/checkout-api:0.1.0',
        );
        expect(pod.containers[0].resources.requests).toEqual({
          cpu: `${TARGETS[env].cpuMillicores}m`,
          memory: `${TARGETS[env].memoryMebibytes}Mi`,
        });
        expect(pod.topologySpreadConstraints[0].topologyKey).toBe(
          'topology.kubernetes.io/zone',
        );
        expect(deployment.spec.template.metadata.labels).toEqual(
          expect.objectContaining({
            'backstage.io/kubernetes-id': 'checkout-api',
            'app.kubernetes.io/environment': env,
          }),
        );
        expect({
          tolerations: pod.tolerations?.map((t: { key: string }) => t.key),
          onDemandTerms:
            pod.affinity?.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.map(
              (t: any) => t.matchExpressions[0].values,
            ),
        }).toEqual(SPOT_PLACEMENT[spotPolicy]);
        const [service] = byKind('Service');
        expect(service.spec.ports[0]).toEqual(
          expect.objectContaining({
            name: 'grpc-api',
            appProtocol: 'grpc',
            port: 50051,
          }),
        );
        const [hpa] = byKind('HorizontalPodAutoscaler');
        expect(hpa.apiVersion).toBe('autoscaling/v2');
        expect(hpa.spec.minReplicas).toBe(TARGETS[env].replicas);
        expect(byKind('PodDisruptionBudget')[0].apiVersion).toBe('policy/v1');

        const meshKinds = docs
          .filter(
            d =>
              !d.apiVersion.match(
                /^(v1|apps\/v1|autoscaling\/v2|policy\/v1|networking\.k8s\.io\/v1)$/,
              ),
          )
          .map(d => d.kind)
          .sort();
        expect(meshKinds).toEqual(
          {
            grpcroute: ['GRPCRoute'],
            istio: ['DestinationRule', 'VirtualService'],
            linkerd: [],
            appmesh: ['VirtualNode', 'VirtualRouter', 'VirtualService'],
          }[mesh],
        );
        expect({
          istioInjection: ns.metadata.labels['istio-injection'],
          linkerdNamespace: ns.metadata.annotations['linkerd.io/inject'],
          linkerdPods:
            deployment.spec.template.metadata.annotations?.[
              'linkerd.io/inject'
            ],
          appMesh: ns.metadata.labels.mesh,
          virtualNodeHost:
            byKind('VirtualNode')[0]?.spec.serviceDiscovery.dns.hostname,
        }).toEqual(MESH_WIRING[mesh](namespace));
      }

      // A dry run commits nothing.
      expect(await runGit(['--git-dir', scaffolder.bare, 'for-each-ref'])).toBe(
        '',
      );
    },
  );

  describe('refuses bad input before anything is committed', () => {
    it.each([
      ['kube-payments'],
      ['default'],
      ['argocd'],
      ['Payments'],
      ['9lives'],
      ['a'.repeat(41)],
    ])('service name %s is refused by the parameter schema', async name => {
      const res = await dryRun(scaffolder.server, values({ name }));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain('name');
    });

    it.each([[0], [80], [65536]])('gRPC port %d is refused', async port => {
      const res = await dryRun(scaffolder.server, values({ port }));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain('port');
    });

    it('an unknown cluster is named in the preflight failure', async () => {
      const res = await dryRun(
        scaffolder.server,
        values({ dev: { ...TARGETS.dev, cluster: 'prod-mars-1' } }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Preflight failed: [dev] cluster: Cluster prod-mars-1 (chosen for dev) is not known to the eks-platform backend; known clusters: prod-eu-west-1, staging-eu-west-1, legacy-eu-west-1',
      );
    });

    it('a cluster past the end of extended support is refused', async () => {
      const res = await dryRun(
        scaffolder.server,
        values({ prod: { ...TARGETS.prod, cluster: 'legacy-eu-west-1' } }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'Preflight failed: [prod] version: Cluster legacy-eu-west-1 runs Kubernetes 1.31, which is no longer supported by EKS: choose a cluster on a supported version',
      );
    });

    it('six replicas do not fit the 7 addresses left in staging once the rollout surge is counted', async () => {
      const res = await dryRun(scaffolder.server, {
        ...values({}, ['stg']),
        stg: { ...TARGETS.stg, replicas: 6 },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'Cluster staging-eu-west-1 has room for only 7 more pods, limited by subnet addresses, but stg needs 8 pods (6 replicas + 2 rollout surge)',
      );
    });

    it('a GitOps repository that is not a local bare repository is refused with a pointer to the pull-request actions', async () => {
      const res = await dryRun(
        scaffolder.server,
        values({ gitopsRepository: 'file:///etc/passwd.git' }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'does not exist on the Backstage host',
      );
    });

    it('left the GitOps repository without a single commit', async () => {
      expect(await runGit(['--git-dir', scaffolder.bare, 'for-each-ref'])).toBe(
        '',
      );
    });
  });
});
