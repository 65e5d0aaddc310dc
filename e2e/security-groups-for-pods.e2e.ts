import { expect, test } from '@playwright/test';
import { entityTab, signInAsGuest } from './helpers';

// pci-eu-west-2 of the demo fleet runs card-vault-api on branch ENIs (security groups for pods)
// and has a pod subnet added by the tag kubernetes.io/role/cni=1.
test('a PCI service’s tab shows its branch ENIs per node group and the subnet discovery added', async ({
  page,
}) => {
  await signInAsGuest(page, 'light');
  await page.goto('/catalog/default/component/card-vault-api');
  await entityTab(page, 'EKS platform').click();

  const pci = page.getByRole('region', { name: 'pci-eu-west-2' });
  await expect(pci).toBeVisible({ timeout: 90_000 });
  await expect(pci.getByRole('heading', { name: 'IP headroom' })).toBeVisible();

  // Three c5.large nodes with 9 branch ENIs each; card-vault-api x6 and payments-api x3 use 9.
  const groups = pci.getByRole('table', {
    name: 'Branch ENIs per node group on pci-eu-west-2',
  });
  await expect(groups.getByRole('row', { name: /pci-od/ })).toContainText(
    '9 / 27',
    { timeout: 90_000 },
  );
  await expect(
    pci
      .getByRole('table', { name: 'Node slots per zone on pci-eu-west-2' })
      .getByRole('columnheader', { name: 'Branch ENIs used / capacity' }),
  ).toBeVisible();

  // 100.64.0.0/20 in eu-west-2a holds pod addresses because of its tag; the =0 subnet is not listed.
  const subnets = pci.getByRole('table', { name: 'Subnets on pci-eu-west-2' });
  await expect(
    subnets.getByRole('row', { name: /100\.64\.0\.0\/20/ }),
  ).toContainText('added by tag kubernetes.io/role/cni=1 (subnet discovery)');
  await expect(subnets).not.toContainText('100.64.16.0/20');
});
