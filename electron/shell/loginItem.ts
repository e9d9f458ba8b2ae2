// Start with the OS session (issue 16 §3, the seed's 开机自动签到). Windows and macOS keep
// the login item through Electron's app.setLoginItemSettings; Linux desktops read
// ~/.config/autostart/*.desktop (freedesktop Desktop Application Autostart spec), which
// Electron does not write. Plain Node: main.ts passes Electron's function in.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Marks a start by the OS session; it changes nothing about the mode (that is stored). */
export const AUTOSTART_ARG = '--autostart';
export const AUTOSTART_DESKTOP_FILE = 'cashdesk.desktop';

export interface LoginItemHost {
  platform: NodeJS.Platform;
  /** Electron's app.setLoginItemSettings (used on Windows and macOS). */
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
  /** What to start: process.execPath, or $APPIMAGE when running from an AppImage. */
  executable: string;
  /** Linux: $XDG_CONFIG_HOME or ~/.config. */
  configHome: string;
}

/** Desktop Entry spec, "The Exec key": quote the program, escape " ` $ \ inside quotes. */
function quoteExec(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartDesktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Cashdesk',
    'Name[zh_CN]=收银台',
    'Comment=Counter cashier, started with the session',
    'Comment[zh_CN]=开机自动启动收银台',
    `Exec=${quoteExec(executable)} ${AUTOSTART_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function applyStartAtLogin(host: LoginItemHost, enabled: boolean): void {
  if (host.platform === 'win32' || host.platform === 'darwin') {
    host.setLoginItemSettings({ openAtLogin: enabled, path: host.executable, args: [AUTOSTART_ARG] });
    return;
  }
  const dir = join(host.configHome, 'autostart');
  const file = join(dir, AUTOSTART_DESKTOP_FILE);
  if (enabled) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, autostartDesktopEntry(host.executable));
  } else if (existsSync(file)) {
    rmSync(file);
  }
}
