import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import {
  BACKEND,
  expectedRollbackOf,
  expectedVersionOf,
  guestToken,
  screenshots,
  signInAsGuest,
} from './helpers';

for (const theme of ['light', 'dark'] as const) {
  test(`the fleet page shows every cluster with the demo fleet's numbers (${theme} theme)`, async ({
    page,
  }) => {
    await signInAsGuest(page, theme);

    await page.goto('/eks-platform');
    await expect(
      page.getByRole('heading', { name: 'EKS fleet' }).first(),
    ).toBeVisible();
    const table = page.getByTestId('eks-fleet-table');
    await expect(table).toBeVisible();

    // Rows appear once the backend has collected the simulated clusters.
    const staging = table
      .getByRole('row')
      .filter({ hasText: 'staging-eu-west-1' });
    await expect(staging).toContainText(/(?<!\d)3\s*\/\s*251(?!\d)/, {
      timeout: 90_000,
    });
    // The versions' stories hold on any day: each is worked out from the simulator's EKS calendar
    // (AWS's dates) and the clock, not written down.
    for (const [cluster, phase] of [
      ['legacy-eu-west-1', 'unsupported'],
      ['prod-ap-south-1', 'extended support'],
      ['checkout-blue', 'standard support'],
    ] as const) {
      const expected = expectedVersionOf(cluster);
      expect(expected.phase).toBe(phase);
      const row = table.getByRole('row').filter({ hasText: cluster });
      await expect(row).toContainText(expected.version);
      await expect(row).toContainText(expected.phase);
      // An unsupported cluster shows since when, and that its auto-upgrade is due.
      await expect(row).toContainText(expected.date);
      if (expected.phase === 'unsupported')
        await expect(row).toContainText('auto-upgrade due now');
    }
    // checkout-green runs on IPv6: its pods cannot run out of addresses.
    const green = table.getByRole('row').filter({ hasText: 'checkout-green' });
    await expect(green).toContainText(
      'IPv6: pod addresses cannot run out, node IPv4 shown',
    );
    // It was upgraded in place 3 days before the simulator started: its rollback window is open.
    const rollback = expectedRollbackOf('checkout-green');
    await expect(green).toContainText(
      `rollback to ${rollback.targetVersion} until ${rollback.untilDay}`,
    );
    // auto-eu-central-1 runs EKS Auto Mode; other services' ENIs fragment its eu-central-1a subnet:
    // addresses are free, but no /28 block is, so its new pods take single addresses.
    const auto = table
      .getByRole('row')
      .filter({ hasText: 'auto-eu-central-1' });
    await expect(auto).toContainText('EKS Auto Mode');
    await expect(auto).toContainText(
      'subnet-0a1b2c3d4e5f6a808 (eu-central-1a)',
    );
    await expect(auto).toContainText(
      /0 free \/28 blocks: No free \/28 block left although \d+ addresses are free: Auto Mode gives new pods single addresses/,
    );
    await expect(auto).toContainText(
      'Auto Mode CNI: /28 prefixes, single addresses as fallback',
    );
    // prod-eu-west-1 runs 15 of its 20 nodes on spot: 78% of its allocatable CPU.
    const prod = table.getByRole('row').filter({ hasText: 'prod-eu-west-1' });
    await expect(prod).toContainText('15 of 20 nodes');
    await expect(prod).toContainText(/(?<!\d)78%/);

    await expect(page.getByTestId('eks-fleet-support-timeline')).toContainText(
      'legacy-eu-west-1',
    );
    await expect(
      page.getByTestId('eks-fleet-blue-green-checkout'),
    ).toBeVisible();

    // CSV export for a capacity review.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await download;
    const path = join(screenshots, `fleet-${theme}.csv`);
    await csv.saveAs(path);
    const { readFileSync } = await import('node:fs');
    const content = readFileSync(path, 'utf8');
    expect(content.split('\n')[0]).toMatch(/cluster/i);
    expect(content).toContain('staging-eu-west-1');

    await page.screenshot({
      path: join(screenshots, `fleet-page-${theme}.png`),
      fullPage: true,
    });
  });
}

test('the CSV export writes the clusters the searched table shows', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/eks-platform');
  const table = page.getByTestId('eks-fleet-table');
  await expect(
    table.getByRole('row').filter({ hasText: 'staging-eu-west-1' }),
  ).toContainText(/(?<!\d)3\s*\/\s*251(?!\d)/, { timeout: 90_000 });

  await page.getByRole('textbox', { name: 'Search' }).fill('eu-west-1');
  const button = page.getByRole('button', {
    name: /^Export CSV \(\d+ of \d+ clusters\)$/,
  });
  await expect(button).toBeVisible();
  const [, shown, all] = /\((\d+) of (\d+)/.exec(
    (await button.textContent()) ?? '',
  )!;
  // What the table shows after the search: its body rows.
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(Number(shown));
  expect(Number(shown)).toBeLessThan(Number(all));

  const download = page.waitForEvent('download');
  await button.click();
  const path = join(screenshots, 'fleet-searched.csv');
  await (await download).saveAs(path);
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(Number(shown) + 1);
  for (const line of lines.slice(1)) {
    expect(line).toContain('eu-west-1');
  }
  expect(lines.join('\n')).not.toContain('prod-us-east-1');
});

test('refreshing a cluster on the fleet page collects it and reloads its row', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/eks-platform');
  const table = page.getByTestId('eks-fleet-table');
  const staging = table
    .getByRole('row')
    .filter({ hasText: 'staging-eu-west-1' });
  await expect(staging).toContainText(/(?<!\d)3\s*\/\s*251(?!\d)/, {
    timeout: 90_000,
  });
  // The collection time the page shows now, from the same API.
  const response = await fetch(`${BACKEND}/api/eks-platform/clusters`, {
    headers: { Authorization: `Bearer ${await guestToken()}` },
  });
  const before = (await response.json()).items.find(
    (c: { name: string }) => c.name === 'staging-eu-west-1',
  ).collectedAt as string;

  // After the refresh the page asks for the list again until the cluster has been collected anew.
  const reloaded = page.waitForResponse(
    async r => {
      if (new URL(r.url()).pathname !== '/api/eks-platform/clusters') {
        return false;
      }
      const body = await r.json().catch(() => undefined);
      const item = body?.items?.find(
        (c: { name: string }) => c.name === 'staging-eu-west-1',
      );
      return !!item && item.collectedAt > before;
    },
    { timeout: 90_000 },
  );
  const button = page.getByRole('button', {
    name: 'Refresh staging-eu-west-1',
  });
  await button.click();
  await expect(
    page.getByText('Collection of staging-eu-west-1 scheduled'),
  ).toBeVisible();
  await reloaded;
  // The button is usable again once the row has been reloaded, and no "has not finished" warning showed.
  await expect(button).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByText(/has not finished after/)).toHaveCount(0);
});
