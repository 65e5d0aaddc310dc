import { expect, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const screenshots = join(__dirname, '..', 'e2e-screenshots');
/** The backend the README's start command runs. */
export const BACKEND = 'http://localhost:7007';
mkdirSync(screenshots, { recursive: true });

/** Signs in with the guest provider, as a user of the local demo does. */
export async function signInAsGuest(
  page: Page,
  theme: 'light' | 'dark' = 'light',
) {
  // A time-travel run (`faketime`) moves this process's clock and the app's; the browser keeps the
  // real one (playwright.config.ts), so its pages get ours.
  if (process.env.FAKETIME) await page.clock.setSystemTime(Date.now());
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page.getByRole('heading', { name: /Catalog/ }).first(),
  ).toBeVisible();
  // The user-settings theme switch stores its choice here; set it the same way before loading pages.
  await page.evaluate(t => window.localStorage.setItem('theme', t), theme);
}

/** The entity page's tabs are links in its "Content navigation". */
export function entityTab(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });
}

/** A guest user's Backstage token, for calling the backend's API directly as the app would. */
export async function guestToken(): Promise<string> {
  const response = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    method: 'POST',
  });
  return (await response.json()).backstageIdentity.token;
}

/** One version of the EKS calendar the running simulator serves (its fleet.json). */
type CalendarRow = {
  version: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
};

type FleetJson = {
  clusters: Record<string, { kubernetesVersion: string; upgradedAt?: string }>;
  eksCalendar: CalendarRow[];
};

/** The running simulator's fleet.json. */
function readFleet(): FleetJson {
  return JSON.parse(
    readFileSync(join(__dirname, '..', '.fleet-sim', 'fleet.json'), 'utf8'),
  ) as FleetJson;
}

/**
 * What a simulated cluster's version should show today: its version, support phase and the
 * date that phase ends, worked out from the simulator's calendar (AWS's dates) and the clock.
 */
export function expectedVersionOf(cluster: string): {
  version: string;
  phase: 'standard support' | 'extended support' | 'unsupported';
  /** `YYYY-MM-DD`: end of the current phase, or when support ended. */
  date: string;
} {
  const fleet = readFleet();
  const version = fleet.clusters[cluster].kubernetesVersion;
  const row = fleet.eksCalendar.find(v => v.version === version)!;
  const today = new Date().toISOString().slice(0, 10);
  if (today < row.endOfStandardSupport)
    return {
      version,
      phase: 'standard support',
      date: row.endOfStandardSupport,
    };
  if (today < row.endOfExtendedSupport)
    return {
      version,
      phase: 'extended support',
      date: row.endOfExtendedSupport,
    };
  return { version, phase: 'unsupported', date: row.endOfExtendedSupport };
}

/**
 * The rollback window of a cluster the simulator upgraded in place: back to the previous minor,
 * until the upgrade time (fleet.json) + 7 days (EKS user guide "rollback-cluster").
 */
export function expectedRollbackOf(cluster: string): {
  targetVersion: string;
  /** `YYYY-MM-DD`. */
  untilDay: string;
  daysLeft: number;
} {
  const { kubernetesVersion, upgradedAt } = readFleet().clusters[cluster];
  if (!upgradedAt) throw new Error(`${cluster} was not upgraded in place`);
  const DAY = 86_400_000;
  const untilDay = new Date(Date.parse(upgradedAt) + 7 * DAY)
    .toISOString()
    .slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  const [major, minor] = kubernetesVersion.split('.').map(Number);
  return {
    targetVersion: `${major}.${minor - 1}`,
    untilDay,
    daysLeft: Math.round((Date.parse(untilDay) - Date.parse(today)) / DAY),
  };
}
