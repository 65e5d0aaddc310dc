import type { EksInsightSummary } from './types';
import type { FigureRule } from './figure';

/**
 * Insight status as EKS reports it.
 *
 * @public
 */
export type InsightStatus = 'PASSING' | 'WARNING' | 'ERROR' | 'UNKNOWN';

/**
 * A summary of a cluster's EKS upgrade insights.
 *
 * @public
 */
export type InsightsSummary = {
  total: number;
  counts: Record<InsightStatus, number>;
  /**
   * Counts per category as EKS named it (`UPGRADE_READINESS`, `MISCONFIGURATION`,
   * `ROLLBACK_READINESS`, or one EKS adds later: an open string).
   */
  byCategory: Record<string, Record<InsightStatus, number>>;
  /** The worst status present; `PASSING` for none. */
  worst: InsightStatus;
  /** Insights with status `ERROR` or `WARNING`, errors first, then by name. */
  failing: Array<{
    id?: string;
    name: string;
    category?: string;
    status: InsightStatus;
    reason?: string;
    kubernetesVersion?: string;
    description?: string;
  }>;
};

const ORDER: InsightStatus[] = ['ERROR', 'WARNING', 'UNKNOWN', 'PASSING'];

function statusOf(insight: EksInsightSummary): InsightStatus {
  const status = insight.insightStatus?.status?.toUpperCase();
  return status === 'PASSING' || status === 'WARNING' || status === 'ERROR'
    ? status
    : 'UNKNOWN';
}

const zero = (): Record<InsightStatus, number> => ({
  PASSING: 0,
  WARNING: 0,
  ERROR: 0,
  UNKNOWN: 0,
});

/**
 * Counts EKS insights (`ListInsights` → `insights`) by status and category and lists
 * the failing ones (`ERROR`, then `WARNING`). A missing or unrecognised status counts
 * as `UNKNOWN`.
 *
 * Source: EKS API `ListInsights` / `InsightSummary` (`insightStatus.status`:
 * `PASSING` | `WARNING` | `ERROR` | `UNKNOWN`; categories `UPGRADE_READINESS`,
 * `MISCONFIGURATION`, `ROLLBACK_READINESS`, kept as sent so a new one is not lost).
 *
 * @public
 */
export function summariseInsights(
  insights: EksInsightSummary[],
): InsightsSummary {
  const counts = zero();
  const byCategory: Record<string, Record<InsightStatus, number>> = {};
  for (const insight of insights) {
    const status = statusOf(insight);
    counts[status]++;
    const category = insight.category ?? 'UNKNOWN';
    byCategory[category] = byCategory[category] ?? zero();
    byCategory[category][status]++;
  }
  const failing = insights
    .filter(i => ['ERROR', 'WARNING'].includes(statusOf(i)))
    .map(i => ({
      id: i.id,
      name: i.name ?? i.id ?? '(unnamed insight)',
      category: i.category,
      status: statusOf(i),
      reason: i.insightStatus?.reason,
      kubernetesVersion: i.kubernetesVersion,
      description: i.description,
    }))
    .sort(
      (a, b) =>
        ORDER.indexOf(a.status) - ORDER.indexOf(b.status) ||
        a.name.localeCompare(b.name),
    );
  const worst = ORDER.find(s => counts[s] > 0) ?? 'PASSING';
  return { total: insights.length, counts, byCategory, worst, failing };
}

/**
 * The rule of the count of failing upgrade insights.
 *
 * @public
 */
export const INSIGHT_RULES = {
  insights: {
    formula: 'insights with status ERROR or WARNING, of all insights',
    source:
      'EKS ListInsights (UPGRADE_READINESS, ROLLBACK_READINESS, MISCONFIGURATION)',
  },
} satisfies Record<string, FigureRule>;
