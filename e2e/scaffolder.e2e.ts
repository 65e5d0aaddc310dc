import { expect, type Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  BACKEND,
  entityTab,
  guestToken,
  screenshots,
  signInAsGuest,
} from './helpers';

const root = join(__dirname, '..');
const gitopsRepo = join(root, '.gitops', 'platform.git');

function gitopsLog(): string {
  try {
    return execFileSync(
      'git',
      ['--git-dir', gitopsRepo, 'log', '--name-only', '--format=%s', 'main'],
      {
        encoding: 'utf8',
      },
    );
  } catch {
    return '';
  }
}

/** Opens the template and fills its first page (Service), then goes to the next page. */
async function fillServicePage(page: Page, name: string, description: string) {
  await signInAsGuest(page);
  await page.goto('/create');
  const card = page.getByText('gRPC microservice on Amazon EKS').first();
  await expect(card).toBeVisible({ timeout: 60_000 });
  await page
    .getByRole('button', { name: /choose/i })
    .first()
    .click();
  await page.getByRole('textbox', { name: 'Service name' }).fill(name);
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('team-payments');
  await page
    .getByRole('option', { name: /team-payments/ })
    .first()
    .click();
  const system = page.getByRole('textbox', { name: 'System' });
  await system.click();
  await system.fill('commerce');
  await page
    .getByRole('option', { name: /commerce/ })
    .first()
    .click();
  await page.getByRole('textbox', { name: 'Description' }).fill(description);
  await page.getByRole('button', { name: 'Next' }).click();
}

/**
 * With the picker open on page 2, picks prod-eu-west-1 for dev, keeps the defaults of page 3 (port
 * 50051, spot allowed, Gateway API GRPCRoute) and page 4 (the local GitOps repository the start
 * command created), and runs the template.
 */
async function pickClusterAndCreate(page: Page) {
  await page.getByRole('option', { name: /prod-eu-west-1/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
}

test('a developer scaffolds a gRPC service namespace from the UI and it lands in GitOps and the catalog', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = `e2e-orders-${Date.now().toString(36)}`;
  // Page 1: Service
  await fillServicePage(
    page,
    name,
    'Order intake over gRPC (created by the end-to-end test)',
  );

  // Page 2: environments and clusters (dev is ticked by default). The picker shows version and IP headroom.
  const cluster = page.getByLabel('Cluster').first();
  await cluster.click();
  await expect(
    page.getByRole('option', { name: /prod-eu-west-1/ }),
  ).toBeVisible({ timeout: 60_000 });
  await page.screenshot({
    path: join(screenshots, 'scaffolder-cluster-picker.png'),
    fullPage: true,
  });
  await pickClusterAndCreate(page);

  // The run log: every step succeeds.
  await expect(
    page.getByText(/manifests are valid|valid/i).first(),
  ).toBeVisible({ timeout: 120_000 });
  await expect(
    page.getByRole('link', { name: /Open the component in the catalog/i }),
  ).toBeVisible({
    timeout: 120_000,
  });
  await page.screenshot({
    path: join(screenshots, 'scaffolder-run.png'),
    fullPage: true,
  });

  // The commit is in the local GitOps repository.
  const log = gitopsLog();
  expect(log).toContain(name);
  expect(log).toMatch(
    new RegExp(`services/${name}/manifests/overlays/dev/kustomization.yaml`),
  );

  // The new component reaches the catalog (the action writes its catalog-info.yaml where a catalog `file`
  // location reads it, and asks the catalog to refresh that location). Reload until it is there.
  await page
    .getByRole('link', { name: /Open the component in the catalog/i })
    .click();
  await expect(async () => {
    await page.reload();
    await expect(entityTab(page, 'EKS platform')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 150_000, intervals: [2_000, 5_000] });
  await expect(page.getByText('Entity not found')).toHaveCount(0);
  await entityTab(page, 'EKS platform').click();
  // The annotation the template wrote maps it to the cluster picked in the form.
  await expect(
    page.getByRole('region', { name: 'prod-eu-west-1' }),
  ).toBeVisible({ timeout: 60_000 });
  await page.screenshot({
    path: join(screenshots, 'scaffolder-new-component.png'),
    fullPage: true,
  });
});

test('the preflight refuses a service whose namespace someone already created on the cluster', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = `e2e-taken-${Date.now().toString(36)}`;
  // Someone created the dev namespace by hand on prod-eu-west-1, with nothing in it yet.
  // (kubectl's `create namespace` sends protobuf, which the simulator does not read: a JSON manifest.)
  execFileSync(
    'kubectl',
    [
      '--kubeconfig',
      join(root, '.fleet-sim', 'kubeconfig'),
      '--context',
      'prod-eu-west-1',
      'create',
      '--validate=false',
      '-f',
      '-',
    ],
    {
      encoding: 'utf8',
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `${name}-dev` },
      }),
    },
  );
  // No collection has seen it yet: the preflight asks the cluster itself.
  const headers = { Authorization: `Bearer ${await guestToken()}` };
  const detail = await fetch(
    `${BACKEND}/api/eks-platform/clusters/prod-eu-west-1`,
    { headers },
  ).then(r => r.json());
  expect(detail.namespaces).not.toContain(`${name}-dev`);

  await fillServicePage(
    page,
    name,
    'Its namespace was taken (created by the end-to-end test)',
  );
  await page.getByLabel('Cluster').first().click();
  await pickClusterAndCreate(page);

  // The run stops at the preflight and says which namespace on which cluster is taken.
  await expect(
    page
      .getByText(
        `Namespace ${name}-dev already exists on cluster prod-eu-west-1 (asked the cluster at`,
      )
      .first(),
  ).toBeVisible({ timeout: 120_000 });
  await page.screenshot({
    path: join(screenshots, 'scaffolder-namespace-taken.png'),
    fullPage: true,
  });
  expect(gitopsLog()).not.toContain(name);
});
