import { summariseInsights } from './upgradeInsights';
import { INSIGHTS } from './__fixtures__/eks';

describe('summariseInsights', () => {
  const summary = summariseInsights(INSIGHTS);

  it('counts insights by status and category', () => {
    expect(summary.total).toBe(6);
    expect(summary.counts).toEqual({
      PASSING: 2,
      WARNING: 2,
      ERROR: 1,
      UNKNOWN: 1,
    });
    expect(summary.byCategory.MISCONFIGURATION).toEqual({
      PASSING: 0,
      WARNING: 1,
      ERROR: 0,
      UNKNOWN: 0,
    });
    expect(summary.worst).toBe('ERROR');
  });

  it('lists failing insights, errors first', () => {
    expect(summary.failing.map(f => [f.status, f.name])).toEqual([
      ['ERROR', 'Deprecated APIs removed in Kubernetes v1.32'],
      ['WARNING', 'Amazon Linux 2 compatibility'],
      ['WARNING', 'Kubelet version skew'],
    ]);
    expect(summary.failing[0].reason).toBe(
      'Deprecated API usage detected within last 30 days.',
    );
  });

  it('gives PASSING for a cluster without insights and UNKNOWN for odd statuses', () => {
    expect(summariseInsights([]).worst).toBe('PASSING');
    expect(
      summariseInsights([{ name: 'x', insightStatus: { status: 'weird' } }])
        .counts.UNKNOWN,
    ).toBe(1);
  });

  it('keeps rollback-readiness and categories it does not know, as EKS named them', () => {
    const summary2 = summariseInsights([
      {
        name: 'Add-on version compatibility for rollback',
        category: 'ROLLBACK_READINESS',
        insightStatus: {
          status: 'WARNING',
          reason: 'vpc-cni has no build for the previous version',
        },
      },
      {
        name: 'Some future check',
        category: 'COST_READINESS',
        insightStatus: { status: 'PASSING' },
      },
    ]);
    expect(summary2.byCategory.ROLLBACK_READINESS.WARNING).toBe(1);
    expect(summary2.byCategory.COST_READINESS.PASSING).toBe(1);
    expect(summary2.failing[0].category).toBe('ROLLBACK_READINESS');
  });
});
