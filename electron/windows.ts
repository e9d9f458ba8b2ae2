// Windows and their hardening (architecture.md, issue 2). One of the four shell files
// allowed to import electron. The policy values live in security.ts (plain data, tested).
import { BrowserWindow, net, protocol, screen, session, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isOwnUrl } from './security.js';
import { resolveContained } from './bridge/staticFiles.js';

/** Must run before app 'ready': app:// is a standard, secure scheme with fetch support. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } },
  ]);
}

/** Serves the built renderer from app://cashdesk/, refusing any path outside rendererDir. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return new Response('not found', { status: 404 });
    const file = resolveContained(rendererDir, url.pathname);
    if (!file) return new Response('forbidden', { status: 403 });
    const res = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

/** Session-wide rules: every permission denied, the CSP on every response. */
export function hardenSession(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** Per-window rules: no navigation away, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents, devServerUrl?: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface WindowOptions {
  preload: string;
  /** Development only: a Vite dev server; production always uses app://. */
  devServerUrl?: string;
  /** Development only: DevTools can open. An installed app passes false (the default). */
  devTools?: boolean;
}

export interface CashierWindowOptions extends WindowOptions {
  /** Live mode on an installed counter: the cashier screen fills the counter display. */
  fullscreen?: boolean;
}

function pageUrl(page: 'index.html' | 'customer.html', devServerUrl?: string): string {
  return devServerUrl ? new URL(page, devServerUrl).href : `${APP_ORIGIN}/${page}`;
}

/**
 * The one place a BrowserWindow is made. The webPreferences are written out literally
 * here (not spread from a constant) so electronegativity's static checks can see them;
 * test/unit/windows.test.ts asserts the same values.
 */
function createHardenedWindow(options: BrowserWindowConstructorOptions, preload: string, devServerUrl?: string, devTools = false): BrowserWindow {
  const win = new BrowserWindow({
    ...options,
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools,
    },
  });
  hardenWebContents(win.webContents, devServerUrl);
  return win;
}

export function createCashierWindow(options: CashierWindowOptions): BrowserWindow {
  const fullscreen = options.fullscreen ?? false;
  const win = createHardenedWindow({ width: 1280, height: 800, minWidth: 1024, minHeight: 700, title: 'Cashdesk 收银台', fullscreen, autoHideMenuBar: fullscreen }, options.preload, options.devServerUrl, options.devTools);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(pageUrl('index.html', options.devServerUrl));
  return win;
}

/** The customer-facing display: on the second screen when there is one. */
export function createCustomerWindow(options: WindowOptions): BrowserWindow {
  const displays = screen.getAllDisplays();
  const primary = screen.getPrimaryDisplay();
  const second = displays.find((d) => d.id !== primary.id);
  const bounds = second?.workArea ?? { x: primary.workArea.x + 40, y: primary.workArea.y + 40, width: 800, height: 600 };
  const win = createHardenedWindow({ ...bounds, title: 'Cashdesk 顾客显示', fullscreen: Boolean(second), autoHideMenuBar: true }, options.preload, options.devServerUrl, options.devTools);
  win.once('ready-to-show', () => win.showInactive());
  void win.loadURL(pageUrl('customer.html', options.devServerUrl));
  return win;
}
