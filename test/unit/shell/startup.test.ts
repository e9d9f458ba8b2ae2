// How an installed counter starts (issue 16): the stored mode, the first-run question,
// the login item on each platform and the screen kept awake. Plain files in a temp folder;
// Electron's powerSaveBlocker and setLoginItemSettings are fakes (no Electron binary here).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeepAwake, type PowerSaveBlockerLike } from '../../../electron/shell/keepAwake.js';
import { applyStartAtLogin, AUTOSTART_ARG, autostartDesktopEntry, type LoginItemHost } from '../../../electron/shell/loginItem.js';
import {
  decideStartup,
  defaultStartupSettings,
  modeFromAnswer,
  readStartupSettings,
  RUN_MODE_QUESTION,
  startupSettingsPath,
  writeStartupSettings,
} from '../../../electron/shell/startupSettings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cashdesk-startup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('start-up settings (live or training, start with the session)', () => {
  it('an installed app with no stored choice asks; once answered live it starts live from the shortcut, flags or not', () => {
    expect(decideStartup({ stored: readStartupSettings(dir), argv: ['/opt/Cashdesk/cashdesk'], packaged: true })).toEqual({ kind: 'ask' });
    writeStartupSettings(dir, defaultStartupSettings(modeFromAnswer(1)));
    const stored = readStartupSettings(dir);
    expect(stored).toEqual({ mode: 'live', startAtLogin: true });
    expect(decideStartup({ stored, argv: ['/opt/Cashdesk/cashdesk', '--autostart'], packaged: true })).toEqual({ kind: 'ready', settings: { mode: 'live', startAtLogin: true }, source: 'stored' });
    // The installed app's command line cannot switch modes either way.
    expect(decideStartup({ stored, argv: ['cashdesk', '--training'], packaged: true })).toMatchObject({ settings: { mode: 'live' } });
    writeStartupSettings(dir, defaultStartupSettings('training'));
    expect(decideStartup({ stored: readStartupSettings(dir), argv: ['cashdesk', '--live'], packaged: true })).toMatchObject({ settings: { mode: 'training', startAtLogin: false } });
  });

  it('the first-run question defaults to training: Enter, Esc and closing the dialog all mean training', () => {
    expect(RUN_MODE_QUESTION.buttons).toHaveLength(2);
    expect(modeFromAnswer(RUN_MODE_QUESTION.defaultId)).toBe('training');
    expect(modeFromAnswer(RUN_MODE_QUESTION.cancelId)).toBe('training');
    expect(RUN_MODE_QUESTION.buttons[1]).toMatch(/正式营业.*Live/);
    expect(RUN_MODE_QUESTION.message).toMatch(/[\u4e00-\u9fff]/);
    expect(RUN_MODE_QUESTION.message).toMatch(/live trading/);
  });

  it('a development run keeps --live / --training, starts in training by default and never registers a login item', () => {
    expect(decideStartup({ stored: null, argv: ['electron', '.'], packaged: false })).toEqual({ kind: 'ready', settings: { mode: 'training', startAtLogin: false }, source: 'default' });
    expect(decideStartup({ stored: null, argv: ['electron', '.', '--live'], packaged: false })).toMatchObject({ settings: { mode: 'live', startAtLogin: false }, source: 'flag' });
    expect(decideStartup({ stored: { mode: 'live', startAtLogin: true }, argv: ['electron', '.'], packaged: false })).toMatchObject({ settings: { mode: 'live', startAtLogin: false } });
    expect(decideStartup({ stored: { mode: 'live', startAtLogin: true }, argv: ['electron', '.', '--training'], packaged: false })).toMatchObject({ settings: { mode: 'training' } });
  });

  it('a damaged or foreign settings file asks again instead of guessing live; the file is owner-only', () => {
    writeFileSync(startupSettingsPath(dir), '{"mode": "li');
    expect(readStartupSettings(dir)).toBeNull();
    writeFileSync(startupSettingsPath(dir), JSON.stringify({ mode: 'production' }));
    expect(readStartupSettings(dir)).toBeNull();
    writeFileSync(startupSettingsPath(dir), JSON.stringify({ mode: 'live' }));
    expect(readStartupSettings(dir)).toEqual({ mode: 'live', startAtLogin: true });
    writeStartupSettings(dir, { mode: 'live', startAtLogin: false });
    expect(readStartupSettings(dir)).toEqual({ mode: 'live', startAtLogin: false });
    if (process.platform !== 'win32') expect(statSync(startupSettingsPath(dir)).mode & 0o777).toBe(0o600);
  });
});

describe('start with the OS session', () => {
  const calls: Array<{ openAtLogin: boolean; path?: string; args?: string[] }> = [];
  const host = (platform: NodeJS.Platform, executable = '/opt/Cashdesk/cashdesk'): LoginItemHost => ({
    platform,
    executable,
    configHome: join(dir, '.config'),
    setLoginItemSettings: (s) => calls.push(s),
  });
  beforeEach(() => {
    calls.length = 0;
  });

  it('Windows and macOS: Electron\'s login item, on and off, with the autostart marker', () => {
    applyStartAtLogin(host('win32', 'C:\\Program Files\\Cashdesk\\Cashdesk.exe'), true);
    applyStartAtLogin(host('darwin'), false);
    expect(calls).toEqual([
      { openAtLogin: true, path: 'C:\\Program Files\\Cashdesk\\Cashdesk.exe', args: [AUTOSTART_ARG] },
      { openAtLogin: false, path: '/opt/Cashdesk/cashdesk', args: [AUTOSTART_ARG] },
    ]);
    expect(existsSync(join(dir, '.config', 'autostart'))).toBe(false);
  });

  it('Linux: an autostart desktop entry (the AppImage\'s own path when there is one), removed when turned off', () => {
    const file = join(dir, '.config', 'autostart', 'cashdesk.desktop');
    applyStartAtLogin(host('linux', '/home/shop/Apps/Cashdesk 0.1.0.AppImage'), true);
    const entry = readFileSync(file, 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(entry).toContain('Exec="/home/shop/Apps/Cashdesk 0.1.0.AppImage" --autostart\n');
    expect(entry).toContain('Name[zh_CN]=收银台\n');
    expect(calls).toEqual([]);
    applyStartAtLogin(host('linux'), false);
    expect(existsSync(file)).toBe(false);
    applyStartAtLogin(host('linux'), false);
  });

  it('the Exec line escapes what the desktop-entry spec reserves inside quotes', () => {
    expect(autostartDesktopEntry('/opt/a"b$c`d\\e/cashdesk')).toContain('Exec="/opt/a\\"b\\$c\\`d\\\\e/cashdesk" --autostart');
  });
});

describe('screen kept awake while the counter is open', () => {
  class FakeBlocker implements PowerSaveBlockerLike {
    next = 1;
    running = new Map<number, string>();
    start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number {
      this.running.set(this.next, type);
      return this.next++;
    }
    stop(id: number): void {
      this.running.delete(id);
    }
    isStarted(id: number): boolean {
      return this.running.has(id);
    }
  }

  it('holds one display-sleep blocker however often it is asked, and lets it go on release', () => {
    const blocker = new FakeBlocker();
    const awake = new KeepAwake(blocker);
    awake.hold();
    awake.hold();
    expect([...blocker.running.values()]).toEqual(['prevent-display-sleep']);
    expect(awake.held).toBe(true);
    awake.release();
    awake.release();
    expect(blocker.running.size).toBe(0);
    expect(awake.held).toBe(false);
    awake.hold();
    expect(blocker.running.size).toBe(1);
  });
});
