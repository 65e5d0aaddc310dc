import { importEsm } from './importEsm';
import { ModelClass } from './types';

/**
 * The group/version modules whose model classes are used for validation. Each
 * module's exported classes declare their own `apiVersion` and `kind`, so the
 * lookup holds exactly what the installed package versions provide.
 */
export const MODEL_MODULES: ReadonlyArray<string> = [
  // Kubernetes built-in APIs
  'kubernetes-models/v1',
  'kubernetes-models/apps/v1',
  'kubernetes-models/batch/v1',
  'kubernetes-models/autoscaling/v1',
  'kubernetes-models/autoscaling/v2',
  'kubernetes-models/policy/v1',
  'kubernetes-models/networking.k8s.io/v1',
  'kubernetes-models/rbac.authorization.k8s.io/v1',
  'kubernetes-models/scheduling.k8s.io/v1',
  'kubernetes-models/storage.k8s.io/v1',
  // Argo CD: Application, AppProject, ApplicationSet
  '@kubernetes-models/argo-cd/argoproj.io/v1alpha1',
  // Istio: VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar, ...
  '@kubernetes-models/istio/networking.istio.io/v1',
  '@kubernetes-models/istio/networking.istio.io/v1beta1',
  '@kubernetes-models/istio/networking.istio.io/v1alpha3',
  '@kubernetes-models/istio/security.istio.io/v1',
  '@kubernetes-models/istio/security.istio.io/v1beta1',
  // Gateway API: GRPCRoute, HTTPRoute, Gateway, GatewayClass, ReferenceGrant, ...
  '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1',
  '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1',
  '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2',
];

function isModelClass(value: unknown): value is ModelClass {
  return (
    typeof value === 'function' &&
    typeof (value as Partial<ModelClass>).apiVersion === 'string' &&
    typeof (value as Partial<ModelClass>).kind === 'string'
  );
}

function keyOf(apiVersion: string, kind: string) {
  return `${apiVersion} ${kind}`;
}

/**
 * A lookup from apiVersion + kind to the model class that validates it.
 */
export class ModelCatalog {
  private readonly models: Map<string, ModelClass>;

  /**
   * Imports every module in {@link MODEL_MODULES} and indexes its model classes.
   */
  static async load(
    importModule: (
      specifier: string,
    ) => Promise<Record<string, unknown>> = importEsm,
  ): Promise<ModelCatalog> {
    const modules = await Promise.all(MODEL_MODULES.map(m => importModule(m)));
    return ModelCatalog.fromClasses(
      modules.flatMap(exports => Object.values(exports).filter(isModelClass)),
    );
  }

  static fromClasses(classes: Iterable<ModelClass>): ModelCatalog {
    const models = new Map<string, ModelClass>();
    for (const model of classes) {
      models.set(keyOf(model.apiVersion, model.kind), model);
    }
    return new ModelCatalog(models);
  }

  private constructor(models: Map<string, ModelClass>) {
    this.models = models;
  }

  /** The model class for an apiVersion and kind, if one is known. */
  get(apiVersion: string, kind: string): ModelClass | undefined {
    return this.models.get(keyOf(apiVersion, kind));
  }

  /** Every known `apiVersion kind` pair, sorted. */
  list(): string[] {
    return [...this.models.keys()].sort();
  }

  /**
   * A hint for an unknown apiVersion/kind: a kind with different casing in the
   * same apiVersion, or the apiVersions the kind is known under.
   */
  suggest(apiVersion: string, kind: string): string | undefined {
    const lowerKind = kind.toLocaleLowerCase('en-US');
    const sameKind = [...this.models.values()].filter(
      m => m.kind.toLocaleLowerCase('en-US') === lowerKind,
    );
    const caseFix = sameKind.find(m => m.apiVersion === apiVersion);
    if (caseFix) {
      return `did you mean kind ${caseFix.kind}?`;
    }
    const apiVersions = [...new Set(sameKind.map(m => m.apiVersion))].sort();
    if (apiVersions.length > 0) {
      return `${sameKind[0].kind} is known as ${apiVersions.join(', ')}`;
    }
    return undefined;
  }
}

let shared: Promise<ModelCatalog> | undefined;

/**
 * The model catalog, loaded on first use and shared afterwards: the schemas
 * are large, and backends that never run the action never load them.
 */
export function loadModelCatalog(): Promise<ModelCatalog> {
  if (!shared) {
    shared = ModelCatalog.load().catch(error => {
      shared = undefined;
      throw error;
    });
  }
  return shared;
}
