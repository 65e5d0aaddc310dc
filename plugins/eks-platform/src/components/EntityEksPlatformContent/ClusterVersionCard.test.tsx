import type { EntityClusterView } from '@eks-platform/plugin-eks-platform-common';
import { renderInTestApp } from '@backstage/test-utils';
import { act, screen, within } from '@testing-library/react';
import { fleetDetail, greenRollback, legacyDetail } from '../../testUtils';
import { ClusterVersionCard } from './ClusterVersionCard';

/** A cluster's entity view with the version part of its fleet detail. */
function viewOf(name: string): EntityClusterView {
  const detail = fleetDetail(name)!;
  return {
    cluster: detail.overview,
    namespaces: [],
    workloads: [],
    zones: [],
    subnets: [],
    ipFailures: [],
    version: detail.version,
  };
}

describe('ClusterVersionCard', () => {
  it('shows an open rollback window with its days left, and rollback-readiness insights beside the upgrade ones', async () => {
    await renderInTestApp(
      <ClusterVersionCard view={viewOf('checkout-green')} />,
    );
    const list = screen.getByLabelText('Version of checkout-green');
    // The window follows from the fixture clock: upgraded three days before it.
    expect(list).toHaveTextContent(
      `RollbackRollback to 1.33 possible until ${greenRollback.untilDay} (${greenRollback.daysLeft} days left)`,
    );
    expect(greenRollback.daysLeft).toBe(4);
    const heading = (text: RegExp) =>
      screen.getAllByRole('heading').find(h => text.test(h.textContent ?? ''));
    expect(heading(/^Failing upgrade insights \(0 of 1\)/)).toBeInTheDocument();
    const rollbackHeading = heading(
      /^Failing rollback-readiness insights \(1 of 1\)/,
    );
    expect(rollbackHeading?.parentElement).toHaveTextContent(
      'ERROR Kubelet version skew (for 1.33)',
    );

    const value = within(list).getByRole('button', {
      name: /possible until/,
    });
    act(() => value.focus());
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('(upgrade to 1.34) + 7 days');
    expect(tooltip).toHaveTextContent('rollback-cluster');
  });

  it('says when the rollback window closed', async () => {
    const view = viewOf('checkout-green');
    const closed = {
      ...greenRollback,
      value: false,
      status: 'closed' as const,
      summary: `Rollback window closed on ${greenRollback.untilDay} (upgrade to 1.34)`,
    };
    await renderInTestApp(
      <ClusterVersionCard
        view={{ ...view, version: { ...view.version!, rollback: closed } }}
      />,
    );
    expect(
      screen.getByLabelText('Version of checkout-green'),
    ).toHaveTextContent(`Rollback window closed on ${greenRollback.untilDay}`);
  });

  it('says nothing of rollback when no in-place upgrade is known', async () => {
    await renderInTestApp(
      <ClusterVersionCard
        view={{
          ...viewOf('checkout-blue'),
          cluster: legacyDetail.overview,
        }}
      />,
    );
    expect(screen.queryByText('Rollback')).toBeNull();
    expect(
      screen.queryByText('Failing rollback-readiness insights'),
    ).toBeNull();
  });
});
