// How the counter starts (issue 16 §3, §4): live or training, and whether it starts with
// the OS session. Kept in a small file beside the databases, not in SQLite, because the
// mode decides which database file opens (app.ts defaultDbPath): it is read before any.
// An installed shortcut carries no flag; the mode is chosen once, on the first run.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type RunMode = 'training' | 'live';

export interface StartupSettings {
  mode: RunMode;
  /** Start with the OS session (开机自动启动); on by default in live mode. */
  startAtLogin: boolean;
}

export const STARTUP_SETTINGS_FILE = 'cashdesk-startup.json';

export function startupSettingsPath(dataDir: string): string {
  return join(dataDir, STARTUP_SETTINGS_FILE);
}

export function defaultStartupSettings(mode: RunMode): StartupSettings {
  return { mode, startAtLogin: mode === 'live' };
}

/** The stored choice, or null when there is none yet (first run) or the file is unreadable. */
export function readStartupSettings(dataDir: string): StartupSettings | null {
  const file = startupSettingsPath(dataDir);
  if (!existsSync(file)) return null;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<StartupSettings>;
    if (raw.mode !== 'live' && raw.mode !== 'training') return null;
    return { mode: raw.mode, startAtLogin: typeof raw.startAtLogin === 'boolean' ? raw.startAtLogin : raw.mode === 'live' };
  } catch {
    // A damaged file asks again rather than guessing live (asking is safe; guessing is not).
    return null;
  }
}

export function writeStartupSettings(dataDir: string, settings: StartupSettings): void {
  mkdirSync(dataDir, { recursive: true });
  const file = startupSettingsPath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 });
  try {
    chmodSync(tmp, 0o600);
  } catch {
    // Windows: ACLs, not modes.
  }
  renameSync(tmp, file);
}

export type StartupDecision =
  | { kind: 'ready'; settings: StartupSettings; source: 'stored' | 'flag' | 'default' }
  /** Installed app, no stored choice: ask (training is the safe answer). */
  | { kind: 'ask' };

/**
 * The installed app starts only from the stored choice and asks on its first run; its
 * command line cannot switch it to live. A development run (not packaged) keeps the
 * `--live` / `--training` flags and otherwise starts in training without asking.
 */
export function decideStartup(input: { stored: StartupSettings | null; argv: readonly string[]; packaged: boolean }): StartupDecision {
  if (input.packaged) return input.stored ? { kind: 'ready', settings: input.stored, source: 'stored' } : { kind: 'ask' };
  // Development: never register the dev Electron binary with the OS session.
  if (input.argv.includes('--live')) return { kind: 'ready', settings: { mode: 'live', startAtLogin: false }, source: 'flag' };
  if (input.argv.includes('--training')) return { kind: 'ready', settings: { mode: 'training', startAtLogin: false }, source: 'flag' };
  if (input.stored) return { kind: 'ready', settings: { ...input.stored, startAtLogin: false }, source: 'stored' };
  return { kind: 'ready', settings: { mode: 'training', startAtLogin: false }, source: 'default' };
}

/** The first-run question (main.ts shows it in a native dialog before any window opens). */
export const RUN_MODE_QUESTION = {
  title: '收银台 Cashdesk',
  message: '这台收银机用于正式营业，还是培训？\nIs this counter for live trading, or for training?',
  detail:
    '培训模式使用模拟银行和模拟密码键盘，不动真钱，数据单独存放。正式营业连接银行主机和真实设备，并随开机自动启动。以后要更改，请联系安装人员。\n' +
    'Training uses a simulated bank and PIN pad, moves no money and keeps its own data. Live connects to the bank and the real devices, and starts with the computer. To change this later, ask your installer.',
  buttons: ['培训 Training', '正式营业 Live'],
  /** Enter, Esc and closing the dialog all mean training: live is never chosen by accident. */
  defaultId: 0,
  cancelId: 0,
} as const;

export function modeFromAnswer(response: number): RunMode {
  return response === 1 ? 'live' : 'training';
}
