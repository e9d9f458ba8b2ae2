// `npm run dev:browser`: the whole app core under plain Node, the built renderer on
// 127.0.0.1, the contract over the test bridge. The way to run Cashdesk where no
// Electron binary can be installed (and the way e2e tests drive it).
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../app.js';
import { startBridge } from './server.js';
import { toCashdeskError } from '../../native/errors.js';

const here = dirname(fileURLToPath(import.meta.url));

export async function runDevBrowser(): Promise<void> {
  const training = !process.argv.includes('--live');
  const dataDir = process.env.CASHDESK_DATA_DIR ?? join(homedir(), '.cashdesk');
  const app = await createApp({ dataDir, training });
  const port = process.env.CASHDESK_BRIDGE_PORT ? Number(process.env.CASHDESK_BRIDGE_PORT) : 0;
  const bridge = await startBridge(app, { rendererDir: join(here, '..', '..', 'renderer'), port, token: process.env.CASHDESK_BRIDGE_TOKEN });
  // The first stdout line is machine-readable so tests can find the URL and token.
  process.stdout.write(JSON.stringify({ url: bridge.url, token: bridge.token, open: bridge.openUrl, training, dbPath: app.status().dbPath }) + '\n');
  process.stderr.write(`Cashdesk 收银台 ${training ? '(培训模式 / training mode) ' : ''}— open / 请打开: ${bridge.openUrl}\n`);
  const stop = (): void => {
    void bridge.close().then(() => app.close()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  await runDevBrowser();
} catch (e) {
  process.stderr.write(`cashdesk: ${toCashdeskError(e).message}\n`);
  process.exit(1);
}
