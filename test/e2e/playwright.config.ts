import { defineConfig } from '@playwright/test';
import { join } from 'node:path';

// Debian's Chromium, never a downloaded browser (DEVELOPERS.md). The flags keep it
// from reaching for the network this machine does not have.
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.e2e\.ts$/,
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  outputDir: '../../test-results/e2e',
  // Committed baselines, one per screen and language; no platform suffix (CI is Linux too).
  snapshotPathTemplate: '{testDir}/screenshots/{arg}{ext}',
  expect: { toHaveScreenshot: { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide', stylePath: join(import.meta.dirname, 'screenshot.css') } },
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunch,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
  },
});
