import type { ClusterModel } from '../../model/ClusterModel';
import { AwsApiError, paginate } from '../pagination';
import { EksCall, epoch, findCluster, pageBody } from './common';

type Insight = ClusterModel['insights'][number];

interface ListInsightsBody {
  filter?: {
    categories?: string[];
    kubernetesVersions?: string[];
    statuses?: string[];
  };
  maxResults?: number;
  nextToken?: string;
}

const HOUR = 3600 * 1000;

function parseBody(body: Buffer): ListInsightsBody {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsApiError(
      400,
      'InvalidRequestException',
      'The request body is not valid JSON.',
    );
  }
}

function insightSummary(i: Insight, now: Date) {
  return {
    id: i.id,
    name: i.name,
    category: i.category,
    ...(i.kubernetesVersion ? { kubernetesVersion: i.kubernetesVersion } : {}),
    lastRefreshTime: epoch(new Date(now.getTime() - 6 * HOUR)),
    lastTransitionTime: epoch(new Date(now.getTime() - 9 * 24 * HOUR)),
    description: i.description,
    insightStatus: { status: i.status, reason: i.reason },
  };
}

/** ListInsights: `POST /clusters/<name>/insights`, its filter and paging in the JSON body. */
export function listInsights(call: EksCall) {
  const body = parseBody(call.req.body);
  const f = body.filter ?? {};
  const insights = findCluster(call, call.segs[1])
    .insights.filter(
      i => !f.categories?.length || f.categories.includes(i.category),
    )
    .filter(
      i =>
        !f.kubernetesVersions?.length ||
        (i.kubernetesVersion &&
          f.kubernetesVersions.includes(i.kubernetesVersion)),
    )
    .filter(i => !f.statuses?.length || f.statuses.includes(i.status))
    .map(i => insightSummary(i, call.now));
  const limits = { default: 100, max: 100 };
  return pageBody(
    'insights',
    paginate(insights, 'ListInsights', body.maxResults, body.nextToken, limits),
  );
}

function deprecationDetails(insight: Insight, now: Date) {
  return (insight.deprecations ?? []).map(d => ({
    usage: d.usage,
    replacedWith: d.replacedWith,
    stopServingVersion: d.stopServingVersion,
    startServingReplacementVersion: d.startServingReplacementVersion,
    clientStats: (d.clients ?? []).map(c => ({
      userAgent: c.userAgent,
      numberOfRequestsLast30Days: c.requestsLast30Days,
      lastRequestTime: epoch(new Date(now.getTime() - HOUR)),
    })),
  }));
}

/** DescribeInsight: `GET /clusters/<name>/insights/<id>`. */
export function describeInsight(call: EksCall) {
  const id = call.segs[3];
  const insight = findCluster(call, call.segs[1]).insights.find(
    i => i.id === id,
  );
  if (!insight)
    throw new AwsApiError(
      404,
      'ResourceNotFoundException',
      `No insight found for id: ${id}.`,
    );
  return {
    insight: {
      ...insightSummary(insight, call.now),
      recommendation: insight.recommendation,
      additionalInfo: {
        EKS_DOCS:
          'https://docs.aws.amazon.com/eks/latest/userguide/cluster-insights.html',
      },
      resources: (insight.resources ?? []).map(r => ({
        insightStatus: { status: r.status, reason: r.reason ?? '' },
        ...(r.kubernetesResourceUri
          ? { kubernetesResourceUri: r.kubernetesResourceUri }
          : {}),
        ...(r.arn ? { arn: r.arn } : {}),
      })),
      categorySpecificSummary: {
        deprecationDetails: deprecationDetails(insight, call.now),
        addonCompatibilityDetails: [],
      },
    },
  };
}
