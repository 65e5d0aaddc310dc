import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in headless Chromium. The browser is Debian's `chromium` (never one downloaded by a
 * test tool); the app is started with the README's start command by `e2e/global-setup.ts` unless one is
 * already running on :3000 and :7007.
 */
const chromium = process.env.EKS_PLATFORM_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Chromium does not render under libfaketime: when the suite runs with a moved clock (`faketime`),
 * the browser starts without it and each page's clock is set to the suite's (e2e/helpers.ts).
 */
const browserEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined &&
      !['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC'].includes(
        entry[0],
      ),
  ),
);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  globalSetup: './e2e/global-setup.ts',
  reporter: [['list'], ['json']],
  outputDir: '.ci-out/e2e-results',
  use: {
    baseURL: process.env.EKS_PLATFORM_APP_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromium,
      env: browserEnv,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium', headless: true } },
  ],
});
