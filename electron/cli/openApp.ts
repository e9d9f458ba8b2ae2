import { dirname } from 'node:path';
import { silentLogger } from '../../native/log/logger.js';
import { createApp, type App } from '../app.js';
import { requireOption } from './command.js';

/** The CLI runs the same services as the Electron main process, on the file given by --db. */
export async function openAppForCli(opts: Record<string, string | boolean | undefined>, extra: { training?: boolean } = {}): Promise<App> {
  const db = requireOption(opts, 'db');
  return createApp({ dataDir: dirname(db), dbPath: db, training: extra.training ?? false, logger: silentLogger, devices: 'none' });
}

export async function withApp<T>(opts: Record<string, string | boolean | undefined>, fn: (app: App) => Promise<T>): Promise<T> {
  const app = await openAppForCli(opts);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
