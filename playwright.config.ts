import { defineConfig } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

/** The Chromium that scripts/ensure-browser.mjs found or installed (Playwright's own, or Debian's). */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const file = '.cache/chromium-path';
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

export default defineConfig({
  testDir: 'web/e2e',
  // Each test starts its own server process (it kills and restarts it), so tests run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.CI ? 'list' : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath(),
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
    locale: 'cs-CZ',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
