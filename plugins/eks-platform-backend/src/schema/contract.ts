import type {
  ClusterDetail,
  ClusterOverviewResponse,
  EntityViewResponse,
  HistoryResponse,
  NamespaceCheckResponse,
  RefreshResponse,
} from '@eks-platform/plugin-eks-platform-common';
import type { operations } from './openapi.generated';

/**
 * The JSON body an operation of the OpenAPI spec answers with `status`, from the types generated
 * out of `openapi.yaml` (`yarn generate:openapi-types`).
 */
export type AnswerOf<
  O extends keyof operations,
  S extends keyof operations[O]['responses'] = 200 &
    keyof operations[O]['responses'],
> = operations[O]['responses'][S] extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : never;

type Holds<T extends true> = T;
type Fits<Served, Spec> = [Served] extends [Spec] ? true : false;

/**
 * What the server answers fits the spec: the type checker refuses a served type that is not
 * assignable to the generated one. Routes that send a cached, pre-serialised body are checked
 * here through the type the body was made from; the others in the router itself.
 */
export type ServerAnswersFitTheSpec = [
  Holds<Fits<ClusterOverviewResponse, AnswerOf<'ListClusters'>>>,
  Holds<Fits<ClusterDetail, AnswerOf<'GetCluster'>>>,
  Holds<Fits<NamespaceCheckResponse, AnswerOf<'CheckNamespace'>>>,
  Holds<Fits<HistoryResponse, AnswerOf<'GetHistory'>>>,
  Holds<Fits<EntityViewResponse, AnswerOf<'GetEntityView'>>>,
  Holds<Fits<RefreshResponse, AnswerOf<'RefreshCluster', 202>>>,
];
