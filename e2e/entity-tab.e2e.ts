import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const screenshots = join(__dirname, '..', 'e2e-screenshots');
mkdirSync(screenshots, { recursive: true });

/** The entity page's tabs are links in its "Content navigation". */
function entityTab(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Content navigation' }).getByRole('link', { name, exact: true });
}

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(page.getByRole('heading', { name: /Catalog/ }).first()).toBeVisible();
}

test('a demo service shows its EKS clusters on the EKS platform tab', async ({ page }) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/payments-api');
  await expect(page.getByRole('heading', { name: /payments-api/ }).first()).toBeVisible();

  const tab = entityTab(page, 'EKS platform');
  await expect(tab).toBeVisible();
  await tab.click();

  await expect(page).toHaveURL(/\/catalog\/default\/component\/payments-api\/eks-platform/);
  await expect(page.getByRole('heading', { name: 'EKS platform' })).toBeVisible();
  // The clusters named by the entity's eks-platform.io/clusters annotation, as the backend's registry serves them.
  await expect(page.getByText('prod-eu-west-1').first()).toBeVisible();
  await expect(page.getByText('staging-eu-west-1').first()).toBeVisible();
  await expect(page.getByText('eu-west-1', { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'entity-tab-payments-api.png'), fullPage: true });
});

test('a service without a cluster annotation says how to configure one', async ({ page }) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/fraud-scorer/eks-platform');
  await expect(page.getByText('eks-platform.io/clusters').first()).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'entity-tab-empty-state.png'), fullPage: true });
});

test("the Backstage Kubernetes plugin's own tab reads the simulated fleet", async ({ page }) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/payments-api');
  await entityTab(page, 'Kubernetes').click();
  // The Kubernetes plugin's backend lists the pods labelled backstage.io/kubernetes-id=payments-api on
  // every configured cluster of the simulator; the service runs on four of them.
  // It shows clusters by their configured title.
  await expect(page.getByText('Production EU (spot-heavy)').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Staging EU').first()).toBeVisible();
  await expect(page.getByText(/\d+ pods/).first()).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'kubernetes-tab-payments-api.png'), fullPage: true });
});
