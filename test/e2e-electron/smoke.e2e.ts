// Launches the real Electron app and reads app.status through window.cashdesk. The
// Electron binary cannot be downloaded on these machines; then this test is skipped
// and says so on stdout, so a green run never hides that it did not run.
import { _electron as electron, expect, test } from '@playwright/test';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makeTempDir } from '../support/tempDir.js';

const root = join(import.meta.dirname, '..', '..');

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) console.log('skipped: no Electron binary (install without ELECTRON_SKIP_BINARY_DOWNLOAD to run this test)');

test('the packaged shell starts, serves app:// and answers app.status over IPC', async () => {
  test.skip(!binary, 'no Electron binary');
  const tmp = makeTempDir('cashdesk-electron-');
  const app = await electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, CASHDESK_DATA_DIR: tmp.dir } });
  try {
    const page = await app.firstWindow();
    expect(page.url()).toMatch(/^app:\/\/cashdesk\//);
    const status = await page.evaluate(() => (globalThis as unknown as { cashdesk: { invoke: (c: string, p: unknown) => Promise<{ ok: boolean; value: { dbPath: string } }> } }).cashdesk.invoke('app.status', {}));
    expect(status.ok).toBe(true);
    expect(status.value.dbPath).toContain(tmp.dir);
    const nodeVisible = await page.evaluate(() => typeof (globalThis as { require?: unknown }).require);
    expect(nodeVisible).toBe('undefined');
  } finally {
    await app.close();
    tmp.cleanup();
  }
});
