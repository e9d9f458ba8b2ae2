// electron/main.ts as an installed counter runs it (issue 16). The Electron runtime cannot
// be installed here, so `electron` is replaced by a recorder (as in windows.test.ts), and
// so are windows.ts and ipc.ts (tested on their own) and createApp (its config is what is
// checked here). The start-up settings and autostart entry are real files in a temp folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startupSettingsPath, writeStartupSettings } from '../../electron/shell/startupSettings.js';

const rec = vi.hoisted(() => ({
  packaged: true,
  answer: 0,
  dialogs: 0,
  menu: [] as unknown[],
  loginItems: [] as unknown[],
  blockers: new Set<number>(),
  configs: [] as Array<Record<string, unknown>>,
  cashier: [] as Array<Record<string, unknown>>,
  customer: [] as Array<Record<string, unknown>>,
  errors: [] as string[],
}));

vi.mock('electron', () => {
  let next = 1;
  const handlers = new Map<string, (...a: unknown[]) => void>();
  return {
    app: {
      get isPackaged() {
        return rec.packaged;
      },
      requestSingleInstanceLock: () => true,
      quit: () => undefined,
      exit: () => undefined,
      on: (name: string, h: (...a: unknown[]) => void) => handlers.set(name, h),
      whenReady: () => Promise.resolve(),
      getPath: () => '/nonexistent',
      setLoginItemSettings: (s: unknown) => rec.loginItems.push(s),
    },
    BrowserWindow: class {},
    dialog: {
      showMessageBox: async () => {
        rec.dialogs++;
        return { response: rec.answer };
      },
      showErrorBox: (_t: string, m: string) => rec.errors.push(m),
    },
    Menu: { setApplicationMenu: (m: unknown) => rec.menu.push(m) },
    powerSaveBlocker: {
      start: () => {
        rec.blockers.add(next);
        return next++;
      },
      stop: (id: number) => rec.blockers.delete(id),
      isStarted: (id: number) => rec.blockers.has(id),
    },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
  };
});
vi.mock('../../electron/windows.js', () => {
  const win = () => ({ on: () => undefined, isDestroyed: () => false });
  return {
    registerAppScheme: () => undefined,
    hardenSession: () => undefined,
    serveRenderer: () => undefined,
    createCashierWindow: (o: Record<string, unknown>) => (rec.cashier.push(o), win()),
    createCustomerWindow: (o: Record<string, unknown>) => (rec.customer.push(o), win()),
  };
});
vi.mock('../../electron/ipc.js', () => ({ bindIpc: () => () => undefined }));
vi.mock('../../electron/app.js', () => ({
  createApp: async (config: Record<string, unknown>) => {
    rec.configs.push(config);
    return { close: async () => undefined };
  },
}));

let dataDir: string;
let configHome: string;
const argv = process.argv;
const env = { ...process.env };

async function startMain(args: string[] = []): Promise<void> {
  process.argv = ['/opt/Cashdesk/cashdesk', ...args];
  vi.resetModules();
  await import('../../electron/main.js');
  await vi.waitFor(() => {
    if (rec.errors.length) throw new Error(rec.errors.join('; '));
    expect(rec.customer).toHaveLength(1);
  });
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cashdesk-main-'));
  configHome = join(dataDir, 'xdg');
  process.env.CASHDESK_DATA_DIR = dataDir;
  process.env.XDG_CONFIG_HOME = configHome;
  delete process.env.APPIMAGE;
  Object.assign(rec, { packaged: true, answer: 0, dialogs: 0, menu: [], loginItems: [], configs: [], cashier: [], customer: [], errors: [] });
  rec.blockers.clear();
});
afterEach(() => {
  process.argv = argv;
  process.env = { ...env };
  rmSync(dataDir, { recursive: true, force: true });
});

const autostartFile = (): string => join(configHome, 'autostart', 'cashdesk.desktop');

describe('main.ts on an installed counter', () => {
  it('first run: asks once, and a live answer is kept, starts with the session, fills the screen, no menu or DevTools, screen awake', async () => {
    rec.answer = 1;
    await startMain();
    expect(rec.dialogs).toBe(1);
    expect(JSON.parse(readFileSync(startupSettingsPath(dataDir), 'utf8'))).toEqual({ mode: 'live', startAtLogin: true });
    expect(rec.configs[0]).toMatchObject({ dataDir, training: false });
    expect(typeof rec.configs[0]!.openVault).toBe('function');
    expect(rec.menu).toEqual([null]);
    expect(rec.cashier[0]).toMatchObject({ fullscreen: true, devTools: false });
    expect(rec.customer[0]).toMatchObject({ devTools: false });
    expect(rec.blockers.size).toBe(1);
    if (process.platform === 'linux') expect(readFileSync(autostartFile(), 'utf8')).toContain('--autostart');
    else expect(rec.loginItems).toEqual([expect.objectContaining({ openAtLogin: true })]);

    // The next start, from the plain shortcut: live, without asking again.
    Object.assign(rec, { dialogs: 0, configs: [], cashier: [], customer: [] });
    await startMain();
    expect(rec.dialogs).toBe(0);
    expect(rec.configs[0]).toMatchObject({ training: false });
  });

  it('first run answered with Enter or Esc: training, windowed, no login item', async () => {
    rec.answer = 0;
    await startMain();
    expect(rec.configs[0]).toMatchObject({ training: true });
    expect(rec.cashier[0]).toMatchObject({ fullscreen: false });
    expect(existsSync(autostartFile())).toBe(false);
  });

  it('a stored training choice wins over a --live flag on the shortcut', async () => {
    writeStartupSettings(dataDir, { mode: 'training', startAtLogin: false });
    await startMain(['--live']);
    expect(rec.dialogs).toBe(0);
    expect(rec.configs[0]).toMatchObject({ training: true });
  });
});

describe('main.ts in development (not packaged)', () => {
  it('keeps the menu and DevTools, takes --live, never asks and never registers a login item', async () => {
    rec.packaged = false;
    await startMain(['--live']);
    expect(rec.dialogs).toBe(0);
    expect(rec.menu).toEqual([]);
    expect(rec.configs[0]).toMatchObject({ training: false });
    expect(rec.cashier[0]).toMatchObject({ devTools: true, fullscreen: false });
    expect(rec.loginItems).toEqual([]);
    expect(existsSync(autostartFile())).toBe(false);
    expect(existsSync(startupSettingsPath(dataDir))).toBe(false);
  });
});
