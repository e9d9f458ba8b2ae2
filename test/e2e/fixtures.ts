import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
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
  return {
    ...info,
    dataDir: tmp.dir,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await done;
      }
      tmp.cleanup();
    },
  };
}

export const test = base.extend<{ bridge: RunningBridge }>({
  // Playwright requires the destructuring pattern even when no fixture is used.
  // eslint-disable-next-line no-empty-pattern
  bridge: async ({}, use) => {
    const b = await startDevBrowser();
    await use(b);
    await b.stop();
  },
});
export { expect } from '@playwright/test';
