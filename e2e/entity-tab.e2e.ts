import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import {
  entityTab,
  expectedVersionOf,
  screenshots,
  signInAsGuest,
} from './helpers';

for (const theme of ['light', 'dark'] as const) {
  test(`a service's EKS platform tab shows its clusters' real numbers (${theme} theme)`, async ({
    page,
  }) => {
    await signInAsGuest(page, theme);

    await page.goto('/catalog/default/component/payments-api');
    await expect(
      page.getByRole('heading', { name: /payments-api/ }).first(),
    ).toBeVisible();
    await entityTab(page, 'EKS platform').click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/payments-api\/eks-platform/,
    );
    await expect(
      page.getByRole('heading', { name: 'EKS platform', exact: true }),
    ).toBeVisible();

    // One section per cluster of the eks-platform.io/clusters annotation, with the numbers the
    // backend collected from the simulated fleet (the first collection runs seconds after start).
    const staging = page.getByRole('region', { name: 'staging-eu-west-1' });
    await expect(staging).toBeVisible({ timeout: 90_000 });
    await expect(
      staging.getByRole('heading', { name: 'IP headroom' }),
    ).toBeVisible();
    // The nearly exhausted pod subnets of the staging cluster: 7, 3 and 9 of 251 usable addresses free.
    const subnets = staging.getByRole('table', {
      name: 'Subnets on staging-eu-west-1',
    });
    await expect(
      subnets.getByRole('row', { name: /(^|\s)3 \/ 251\s/ }),
    ).toBeVisible({ timeout: 90_000 });
    await expect(
      subnets.getByRole('row', { name: /(^|\s)7 \/ 251\s/ }),
    ).toBeVisible();
    await expect(
      subnets.getByRole('row', { name: /(^|\s)9 \/ 251\s/ }),
    ).toBeVisible();
    await expect(
      staging.getByRole('list', {
        name: 'Pods failing IP assignment on staging-eu-west-1',
      }),
    ).toContainText('payments-api');

    const prod = page.getByRole('region', { name: 'prod-eu-west-1' });
    await expect(
      prod.getByRole('heading', { name: 'Spot capacity' }),
    ).toBeVisible();
    await expect(
      prod.getByRole('table', { name: 'Workloads on prod-eu-west-1' }),
    ).toContainText('payments-api');
    await expect(
      prod.getByRole('heading', { name: 'Cluster version' }),
    ).toBeVisible();
    await expect(prod).toContainText(
      `Kubernetes ${expectedVersionOf('prod-eu-west-1').version}`,
    );

    // A number explains itself on hover.
    await subnets.getByRole('button').first().hover();
    await expect(page.getByRole('tooltip').first()).toBeVisible();

    await page.screenshot({
      path: join(screenshots, `entity-tab-payments-api-${theme}.png`),
      fullPage: true,
    });
  });
}

test('a service without a cluster annotation says how to configure one', async ({
  page,
}) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/fraud-scorer/eks-platform');
  await expect(
    page.getByText('eks-platform.io/clusters').first(),
  ).toBeVisible();
  await page.screenshot({
    path: join(screenshots, 'entity-tab-empty-state.png'),
    fullPage: true,
  });
});

test("the Backstage Kubernetes plugin's own tab reads the simulated fleet", async ({
  page,
}) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/payments-api');
  await entityTab(page, 'Kubernetes').click();
  // The Kubernetes plugin's backend lists the pods labelled backstage.io/kubernetes-id=payments-api on
  // every configured cluster of the simulator; the service runs on four of them.
  // It shows clusters by their configured title.
  await expect(
    page.getByText('Production EU (spot-heavy)').first(),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Staging EU').first()).toBeVisible();
  await expect(page.getByText(/\d+ pods/).first()).toBeVisible();
  await page.screenshot({
    path: join(screenshots, 'kubernetes-tab-payments-api.png'),
    fullPage: true,
  });
});

test("a service on EKS Hybrid Nodes sees its cluster's remote pod network headroom, and the fleet row notes the hybrid nodes", async ({
  page,
}) => {
  await signInAsGuest(page);

  // factory-us-west-2: 3 hybrid nodes with a /25 each of 10.201.0.0/22, 33 pods on them.
  await page.goto('/catalog/default/component/line-controller/eks-platform');
  const networks = page.getByRole('table', {
    name: 'Remote pod networks of factory-us-west-2',
  });
  await expect(networks).toContainText('10.201.0.0/22', { timeout: 90_000 });
  await expect(networks).toContainText(/33\s*\/\s*991/);
  await expect(networks).toContainText('3 × /25; 5 more nodes fit');
  await expect(
    page.getByText('Remote pod networks (3 hybrid nodes)'),
  ).toBeVisible();

  await page.goto('/eks-platform');
  const row = page
    .getByTestId('eks-fleet-table')
    .getByRole('row')
    .filter({ hasText: 'factory-us-west-2' });
  await expect(row).toContainText(
    '3 hybrid nodes, 991 remote pod addresses free',
    {
      timeout: 90_000,
    },
  );
  await page.screenshot({
    path: join(screenshots, 'fleet-page-hybrid-row.png'),
    fullPage: true,
  });
});
