import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { makeTempDir } from '../support/tempDir.js';

const root = join(import.meta.dirname, '..', '..');

export interface RunningBridge {
  url: string;
  token: string;
  open: string;
  dbPath: string;
  dataDir: string;
  process: ChildProcess;
}

/** Starts `npm run dev:browser`'s entry (the built app core under Node) with a fresh data dir per test. */
export async function startDevBrowser(env: Record<string, string> = {}): Promise<RunningBridge & { stop(): Promise<void> }> {
  const tmp = makeTempDir('cashdesk-e2e-');
  const started = Date.now();
  const child = spawn(process.execPath, [join(root, 'dist/electron/bridge/devBrowser.js')], {
    cwd: root,
    env: { ...process.env, CASHDESK_DATA_DIR: tmp.dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`dev:browser exited ${code}: ${stderr}`)));
  });
  const info = JSON.parse(first) as Omit<RunningBridge, 'process' | 'dataDir'>;
  if (Date.now() - started > 3000) process.stderr.write(`dev:browser took ${Date.now() - started} ms to start\n`);
  return {
    ...info,
    dataDir: tmp.dir,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        const t0 = Date.now();
        child.kill('SIGTERM');
        // The core closes its devices and database on SIGTERM; a close that hangs must
        // not hold the suite (and is worth knowing about).
        const killer = setTimeout(() => {
          process.stderr.write(`dev:browser did not exit 5 s after SIGTERM; killing it. stderr tail: ${stderr.slice(-400)}\n`);
          child.kill('SIGKILL');
        }, 5000);
        await done;
        clearTimeout(killer);
        if (Date.now() - t0 > 2000) process.stderr.write(`dev:browser took ${Date.now() - t0} ms to exit\n`);
      }
      tmp.cleanup();
    },
  };
}

export const test = base.extend<{ bridge: RunningBridge }>({
  // Playwright requires the destructuring pattern even when no fixture is used.
  // eslint-disable-next-line no-empty-pattern
  bridge: async ({}, use, testInfo) => {
    const b = await startDevBrowser();
    const t0 = Date.now();
    await use(b);
    // A failed or unusually slow test keeps the core's log (cashdesk.log) as an attachment.
    const log = join(b.dataDir, 'logs', 'cashdesk.log');
    if ((testInfo.status !== testInfo.expectedStatus || Date.now() - t0 > 45_000) && existsSync(log)) {
      const kept = testInfo.outputPath('cashdesk.log');
      writeFileSync(kept, readFileSync(log));
      await testInfo.attach('cashdesk.log', { path: kept, contentType: 'text/plain' });
    }
    await b.stop();
  },
});
export { expect } from '@playwright/test';
