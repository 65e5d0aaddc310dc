import { z } from 'zod';
import { FieldProblem } from './types';

/*
 * AWS App Mesh controller CRDs (appmesh.k8s.aws/v1beta2), only the fields the eks-microservice
 * template renders, checked for shape and enums. App Mesh reached end of support on 2026-09-30:
 * these exist for services joining an existing App Mesh estate. Unknown fields are allowed, as the
 * CRDs have many more.
 */

export const APP_MESH_API_VERSION = 'appmesh.k8s.aws/v1beta2';

export const APP_MESH_END_OF_SUPPORT =
  'AWS App Mesh reached end of support on 2026-09-30: plan the move to Gateway API GRPCRoute on Amazon VPC Lattice';

const protocol = z.enum(['http', 'http2', 'grpc', 'tcp']);
const port = z.number().int().min(1).max(65535);
const duration = z.object({
  unit: z.enum(['s', 'ms']),
  value: z.number().int().min(0),
});
const portMapping = z.object({ port, protocol });
const nameRef = z.object({
  name: z.string().min(1),
  namespace: z.string().optional(),
});
const labelSelector = z.object({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(z.object({}).passthrough()).optional(),
});

const virtualNodeSpec = z.object({
  podSelector: labelSelector.optional(),
  listeners: z
    .array(
      z.object({
        portMapping,
        healthCheck: z
          .object({
            protocol,
            port: port.optional(),
            path: z.string().optional(),
            healthyThreshold: z.number().int().min(2).max(10),
            unhealthyThreshold: z.number().int().min(2).max(10),
            timeoutMillis: z.number().int().min(2000).max(60000),
            intervalMillis: z.number().int().min(5000).max(300000),
          })
          .optional(),
        timeout: z
          .object({
            grpc: z
              .object({
                perRequest: duration.optional(),
                idle: duration.optional(),
              })
              .optional(),
            http: z
              .object({
                perRequest: duration.optional(),
                idle: duration.optional(),
              })
              .optional(),
            http2: z
              .object({
                perRequest: duration.optional(),
                idle: duration.optional(),
              })
              .optional(),
            tcp: z.object({ idle: duration.optional() }).optional(),
          })
          .optional(),
      }),
    )
    .max(1)
    .optional(),
  serviceDiscovery: z
    .object({
      dns: z.object({ hostname: z.string().min(1) }).optional(),
      awsCloudMap: z
        .object({ namespaceName: z.string(), serviceName: z.string() })
        .optional(),
    })
    .optional(),
  backends: z.array(z.object({}).passthrough()).optional(),
  meshRef: nameRef.optional(),
});

const grpcRetryEvent = z.enum([
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

const virtualRouterSpec = z.object({
  listeners: z.array(z.object({ portMapping })).min(1).max(1),
  routes: z
    .array(
      z.object({
        name: z.string().min(1),
        grpcRoute: z
          .object({
            match: z.object({
              serviceName: z.string().optional(),
              methodName: z.string().optional(),
              port: port.optional(),
              metadata: z.array(z.object({}).passthrough()).optional(),
            }),
            action: z.object({
              weightedTargets: z
                .array(
                  z.object({
                    virtualNodeRef: nameRef.optional(),
                    virtualNodeARN: z.string().optional(),
                    weight: z.number().int().min(0).max(100),
                    port: port.optional(),
                  }),
                )
                .min(1)
                .max(10),
            }),
            retryPolicy: z
              .object({
                grpcRetryEvents: z.array(grpcRetryEvent).optional(),
                httpRetryEvents: z.array(z.string()).optional(),
                tcpRetryEvents: z.array(z.string()).optional(),
                maxRetries: z.number().int().min(0),
                perRetryTimeout: duration,
              })
              .optional(),
          })
          .optional(),
        httpRoute: z.object({}).passthrough().optional(),
        http2Route: z.object({}).passthrough().optional(),
        tcpRoute: z.object({}).passthrough().optional(),
      }),
    )
    .optional(),
  meshRef: nameRef.optional(),
});

const virtualServiceSpec = z.object({
  awsName: z.string().min(1).optional(),
  provider: z
    .object({
      virtualRouter: z
        .object({
          virtualRouterRef: nameRef.optional(),
          virtualRouterARN: z.string().optional(),
        })
        .optional(),
      virtualNode: z
        .object({
          virtualNodeRef: nameRef.optional(),
          virtualNodeARN: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  meshRef: nameRef.optional(),
});

const SCHEMAS: Record<string, z.ZodType> = {
  VirtualNode: z.object({ spec: virtualNodeSpec }),
  VirtualRouter: z.object({ spec: virtualRouterSpec }),
  VirtualService: z.object({ spec: virtualServiceSpec }),
};

/** Whether an App Mesh kind has a schema here. */
export function isAppMeshKind(apiVersion: string, kind: string): boolean {
  return apiVersion === APP_MESH_API_VERSION && kind in SCHEMAS;
}

/** The problems of an App Mesh VirtualNode, VirtualRouter or VirtualService. */
export function checkAppMesh(kind: string, data: unknown): FieldProblem[] {
  const schema = SCHEMAS[kind];
  if (!schema) return [];
  const result = schema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map(issue => ({
    path: issue.path.filter(
      (p): p is string | number =>
        typeof p === 'string' || typeof p === 'number',
    ),
    message: issue.message,
  }));
}
