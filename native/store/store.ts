import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CashdeskError } from '../errors.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

export type Db = Database.Database;

export class StoreError extends CashdeskError {}

export interface Store {
  readonly db: Db;
  readonly path: string;
  /** The schema version after migrations ran. */
  readonly schemaVersion: number;
  close(): void;
}

export interface OpenStoreOptions {
  /** For tests of the runner; the app always uses the numbered list in migrations/. */
  migrations?: readonly Migration[];
  readonly?: boolean;
}

// How long a second process waits for the write lock before we call the file locked.
const STORE_BUSY_TIMEOUT_MS = 2000;

/**
 * Opens the one SQLite connection of the main process (architecture.md: WAL,
 * synchronous=FULL, foreign_keys=ON, quick_check at open), then runs the numbered
 * migrations in one transaction. A database written by a newer Cashdesk is refused:
 * running old code on a newer schema could lose data.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const migrations = options.migrations ?? allMigrations;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { timeout: STORE_BUSY_TIMEOUT_MS, readonly: options.readonly ?? false });
  } catch (e) {
    throw new StoreError('STORE_OPEN', `无法打开数据库文件 ${path}：${(e as Error).message}。请检查文件权限与磁盘空间。`, `Cannot open the database file ${path}: ${(e as Error).message}. Check the file's permissions and the free disk space.`, { cause: e });
  }
  try {
    db.pragma('busy_timeout = ' + STORE_BUSY_TIMEOUT_MS);
    if (!options.readonly) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (path !== ':memory:' && String(mode).toLowerCase() !== 'wal') throw lockedError(path);
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw corruptError(path, String(check));
    const version = options.readonly ? currentVersion(db) : migrate(db, migrations, path);
    return {
      db,
      path,
      schemaVersion: version,
      close() {
        if (db.open) db.close();
      },
    };
  } catch (e) {
    db.close();
    if (e instanceof CashdeskError) throw e;
    const msg = (e as Error).message ?? String(e);
    if (/database is locked|SQLITE_BUSY/i.test(msg)) throw lockedError(path);
    if (/not a database|malformed|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(msg)) throw corruptError(path, msg);
    throw new StoreError('STORE_OPEN', `打开数据库失败：${msg}`, `Opening the database failed: ${msg}`, { cause: e });
  }
}

function lockedError(path: string): StoreError {
  return new StoreError('STORE_LOCKED', `数据库 ${path} 正被另一个程序使用。请关闭另一个收银程序后重试。`, `The database ${path} is in use by another program. Close the other cashier program and try again.`);
}

function corruptError(path: string, detail: string): StoreError {
  return new StoreError('STORE_CORRUPT', `数据库 ${path} 已损坏（${detail}）。请勿继续使用，请从备份恢复或联系技术支持。`, `The database ${path} is damaged (${detail}). Stop using it; restore a backup or call support.`);
}

function currentVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function migrate(db: Db, migrations: readonly Migration[], path: string): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) throw new Error(`two migrations share number ${sorted[i]!.version}`);
  }
  const latest = sorted.at(-1)?.version ?? 0;
  const current = currentVersion(db);
  if (current > latest) {
    throw new StoreError('STORE_TOO_NEW', `数据库 ${path} 来自更新版本的收银软件（结构版本 ${current}，本程序支持到 ${latest}）。请升级收银软件，不要降级使用。`, `The database ${path} was written by a newer Cashdesk (schema ${current}; this version knows up to ${latest}). Upgrade Cashdesk; do not run an older version on it.`);
  }
  const pending = sorted.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  // All pending migrations in one transaction: a failure leaves the file as it was.
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return latest;
}
