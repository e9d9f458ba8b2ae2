// The Electron entry (architecture.md): single instance, createApp, windows, clean quit.
import { app as electronApp, BrowserWindow, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from './app.js';
import { bindIpc } from './ipc.js';
import { createCashierWindow, createCustomerWindow, hardenSession, registerAppScheme, serveRenderer } from './windows.js';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preload = join(here, 'preload.cjs');
// Training mode is the default (issue 5); a configured shop starts with --live.
const training = !process.argv.includes('--live');
const devServerUrl = electronApp.isPackaged ? undefined : process.env.CASHDESK_DEV_SERVER_URL;

if (!electronApp.requestSingleInstanceLock()) {
  electronApp.quit();
} else {
  registerAppScheme();
  let core: App | undefined;
  let unbind: (() => void) | undefined;
  const windows: BrowserWindow[] = [];

  electronApp.on('second-instance', () => {
    const w = windows[0];
    if (w && !w.isDestroyed()) {
      if (w.isMinimized()) w.restore();
      w.focus();
    }
  });

  electronApp.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void electronApp.whenReady().then(async () => {
    try {
      hardenSession();
      serveRenderer(rendererDir);
      const dataDir = process.env.CASHDESK_DATA_DIR ?? electronApp.getPath('userData');
      core = await createApp({ dataDir, training });
      unbind = bindIpc(core, () => windows, devServerUrl);
      windows.push(createCashierWindow({ preload, devServerUrl }));
      windows.push(createCustomerWindow({ preload, devServerUrl }));
    } catch (e) {
      dialog.showErrorBox('Cashdesk 无法启动 / cannot start', (e as Error).message);
      electronApp.exit(1);
    }
  });

  electronApp.on('window-all-closed', () => electronApp.quit());

  let quitting = false;
  electronApp.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    unbind?.();
    void core.close().finally(() => electronApp.quit());
  });
}
