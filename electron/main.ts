// The Electron entry (architecture.md): single instance, createApp, windows, clean quit.
// An installed counter (issue 16) starts in the mode stored on its first run, never from a
// command-line flag; in live mode it starts with the OS session, fills the counter display
// and signs in by itself; it has no menu and no DevTools, and keeps the screen awake.
import { app as electronApp, BrowserWindow, dialog, Menu, powerSaveBlocker, safeStorage } from 'electron';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../native/log/logger.js';
import { createApp, type App } from './app.js';
import { bindIpc } from './ipc.js';
import { KeepAwake } from './shell/keepAwake.js';
import { applyStartAtLogin } from './shell/loginItem.js';
import { decideStartup, defaultStartupSettings, modeFromAnswer, readStartupSettings, RUN_MODE_QUESTION, writeStartupSettings, type StartupSettings } from './shell/startupSettings.js';
import { keychainVault } from './shell/vaultKeychain.js';
import { createCashierWindow, createCustomerWindow, hardenSession, registerAppScheme, serveRenderer } from './windows.js';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preload = join(here, 'preload.cjs');
const packaged = electronApp.isPackaged;
const devServerUrl = packaged ? undefined : process.env.CASHDESK_DEV_SERVER_URL;

/** The stored choice; on an installed app's first run, asked once (training unless live is picked). */
async function startupSettings(dataDir: string): Promise<StartupSettings> {
  const decision = decideStartup({ stored: readStartupSettings(dataDir), argv: process.argv, packaged });
  if (decision.kind === 'ready') return decision.settings;
  const { response } = await dialog.showMessageBox({ type: 'question', noLink: true, ...RUN_MODE_QUESTION, buttons: [...RUN_MODE_QUESTION.buttons] });
  const settings = defaultStartupSettings(modeFromAnswer(response));
  writeStartupSettings(dataDir, settings);
  return settings;
}

if (!electronApp.requestSingleInstanceLock()) {
  electronApp.quit();
} else {
  registerAppScheme();
  // No File/Edit/View menu on a counter: no reload, no zoom, no DevTools accelerator.
  if (packaged) Menu.setApplicationMenu(null);
  let core: App | undefined;
  let unbind: (() => void) | undefined;
  const windows: BrowserWindow[] = [];
  const keepAwake = new KeepAwake(powerSaveBlocker);

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
      const settings = await startupSettings(dataDir);
      const training = settings.mode === 'training';
      if (packaged) {
        applyStartAtLogin(
          {
            platform: process.platform,
            setLoginItemSettings: (s) => electronApp.setLoginItemSettings(s),
            executable: process.env.APPIMAGE ?? process.execPath,
            configHome: process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'),
          },
          settings.startAtLogin,
        );
      }
      const logger = createLogger({ file: join(dataDir, 'logs', 'cashdesk.log') });
      core = await createApp({ dataDir, training, logger, openVault: keychainVault(safeStorage, logger.child('vault')) });
      unbind = bindIpc(core, () => windows, devServerUrl);
      const cashier = createCashierWindow({ preload, devServerUrl, devTools: !packaged, fullscreen: packaged && !training });
      windows.push(cashier);
      windows.push(createCustomerWindow({ preload, devServerUrl, devTools: !packaged }));
      keepAwake.hold();
      cashier.on('closed', () => keepAwake.release());
    } catch (e) {
      dialog.showErrorBox('Cashdesk 无法启动 / cannot start', (e as Error).message);
      electronApp.exit(1);
    }
  });

  electronApp.on('window-all-closed', () => electronApp.quit());

  let quitting = false;
  electronApp.on('before-quit', (event) => {
    keepAwake.release();
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    unbind?.();
    void core.close().finally(() => electronApp.quit());
  });
}
