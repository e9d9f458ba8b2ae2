// The Electron runtime cannot be installed on these machines, so this test replaces the
// `electron` module with a recorder (the only mock in the suite, and only for that
// reason). It checks what electronegativity cannot see: the exact webPreferences, the
// CSP on responses, and that navigation, new windows, webviews and permissions are denied.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;
const created: Array<{ options: Record<string, unknown>; contents: FakeContents }> = [];

class FakeContents {
  handlers = new Map<string, Handler>();
  openHandler: Handler | undefined;
  on(name: string, h: Handler): this {
    this.handlers.set(name, h);
    return this;
  }
  setWindowOpenHandler(h: Handler): void {
    this.openHandler = h;
  }
}

const sessionRecorder = {
  permissionRequest: undefined as Handler | undefined,
  permissionCheck: undefined as Handler | undefined,
  deviceCheck: undefined as Handler | undefined,
  headers: undefined as Handler | undefined,
};

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeContents();
    constructor(options: Record<string, unknown>) {
      created.push({ options, contents: this.webContents });
    }
    once(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
  }
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  return {
    BrowserWindow,
    screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => (sessionRecorder.permissionRequest = h),
        setPermissionCheckHandler: (h: Handler) => (sessionRecorder.permissionCheck = h),
        setDevicePermissionHandler: (h: Handler) => (sessionRecorder.deviceCheck = h),
        webRequest: { onHeadersReceived: (h: Handler) => (sessionRecorder.headers = h) },
      },
    },
  };
});

const windows = await import('../../electron/windows.js');
const { CONTENT_SECURITY_POLICY, isOwnUrl } = await import('../../electron/security.js');

beforeEach(() => {
  created.length = 0;
});

describe('windows.ts hardening', () => {
  it('both windows get contextIsolation, sandbox, no node, webSecurity, no webviews, and our preload', () => {
    windows.createCashierWindow({ preload: '/app/preload.cjs' });
    windows.createCustomerWindow({ preload: '/app/preload.cjs' });
    expect(created).toHaveLength(2);
    for (const { options } of created) {
      expect(options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: '/app/preload.cjs',
      });
    }
  });

  it('DevTools stay shut unless a development run asks; the cashier window fills the screen only when told (live, installed)', () => {
    windows.createCashierWindow({ preload: '/p.cjs' });
    windows.createCustomerWindow({ preload: '/p.cjs' });
    windows.createCashierWindow({ preload: '/p.cjs', devTools: true, fullscreen: true });
    expect(created.map((c) => (c.options.webPreferences as { devTools: unknown }).devTools)).toEqual([false, false, true]);
    expect(created[0]!.options.fullscreen).toBe(false);
    expect(created[2]!.options).toMatchObject({ fullscreen: true, autoHideMenuBar: true });
  });

  it('denies navigation and redirects to other origins, new windows and webviews', () => {
    windows.createCashierWindow({ preload: '/p.cjs' });
    const c = created[0]!.contents;
    const prevent = vi.fn();
    c.handlers.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example/');
    expect(prevent).toHaveBeenCalledTimes(1);
    c.handlers.get('will-navigate')!({ preventDefault: prevent }, 'app://cashdesk/index.html');
    expect(prevent).toHaveBeenCalledTimes(1);
    c.handlers.get('will-redirect')!({ preventDefault: prevent }, 'file:///etc/passwd');
    expect(prevent).toHaveBeenCalledTimes(2);
    c.handlers.get('will-attach-webview')!({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalledTimes(3);
    expect(c.openHandler!({ url: 'app://cashdesk/index.html' })).toEqual({ action: 'deny' });
  });

  it('denies every permission and sets the CSP on every response', () => {
    windows.hardenSession();
    const cb = vi.fn();
    sessionRecorder.permissionRequest!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(sessionRecorder.permissionCheck!()).toBe(false);
    expect(sessionRecorder.deviceCheck!()).toBe(false);
    const headersCb = vi.fn();
    sessionRecorder.headers!({ responseHeaders: { a: ['b'] } }, headersCb);
    expect(headersCb.mock.calls[0]![0].responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('the CSP forbids inline and remote script, objects and framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('production pages load from app://, never file:// or a remote URL', () => {
    expect(isOwnUrl('app://cashdesk/index.html')).toBe(true);
    expect(isOwnUrl('file:///work/dist/renderer/index.html')).toBe(false);
    expect(isOwnUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isOwnUrl('app://other/index.html')).toBe(false);
  });
});
