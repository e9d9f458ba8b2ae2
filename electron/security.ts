// Security settings shared by the Electron shell (windows.ts) and the test bridge, so the
// browser-served renderer runs under the same policy as the packaged one. Plain data:
// nothing here imports electron.

/** No inline script, no remote code, no eval; images may be data: URLs (QR, signature). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The scheme the renderer is served from in production (never file://, never remote). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://cashdesk`;

/** Whether a URL is one of our own pages (the app:// origin, or the dev server in development). */
export function isOwnUrl(url: string, devServerUrl?: string): boolean {
  try {
    const u = new URL(url);
    if (`${u.protocol}//${u.host}` === APP_ORIGIN) return true;
    if (devServerUrl) {
      const d = new URL(devServerUrl);
      return u.origin === d.origin;
    }
    return false;
  } catch {
    return false;
  }
}
