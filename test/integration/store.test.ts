import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../native/store/migrations/index.js';
import { openStore, type Store } from '../../native/store/store.js';
import { makeTempDir } from '../support/tempDir.js';

let tmp: ReturnType<typeof makeTempDir>;
const opened: Store[] = [];
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  tmp.cleanup();
});
const open = (path: string, opts?: Parameters<typeof openStore>[1]): Store => {
  const s = openStore(path, opts);
  opened.push(s);
  return s;
};

describe('store: opening a real SQLite file', () => {
  it('opens with WAL, synchronous=FULL and foreign keys on, and runs every migration', () => {
    const s = open(join(tmp.dir, 'a.db'));
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.schemaVersion).toBe(migrations.at(-1)!.version);
    expect(s.db.pragma('user_version', { simple: true })).toBe(s.schemaVersion);
  });

  it('reopening does not run migrations again and keeps data', () => {
    const path = join(tmp.dir, 'a.db');
    const s1 = open(path);
    s1.db.prepare("INSERT INTO app_meta (key, value) VALUES ('shop', '小卖部')").run();
    s1.close();
    const s2 = open(path);
    expect(s2.db.prepare("SELECT value FROM app_meta WHERE key = 'shop'").get()).toEqual({ value: '小卖部' });
  });

  it('refuses a database written by a newer version, in both languages, and leaves it untouched', () => {
    const path = join(tmp.dir, 'future.db');
    const raw = new Database(path);
    raw.pragma('user_version = 9999');
    raw.close();
    expect(() => open(path)).toThrow(/更新版本.*newer Cashdesk/s);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(9999);
    check.close();
  });

  it('runs pending migrations in one transaction: a failing step leaves the file as it was', () => {
    const path = join(tmp.dir, 'm.db');
    const good = { version: 1, name: 'one', up: (db: Database.Database) => db.exec('CREATE TABLE t1 (x INTEGER)') };
    const bad = { version: 2, name: 'two', up: (db: Database.Database) => { db.exec('CREATE TABLE t2 (x INTEGER)'); throw new Error('boom'); } };
    expect(() => open(path, { migrations: [good, bad] })).toThrow(/boom/);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
    check.close();
  });

  it('names a damaged file as damaged, not as a crash', () => {
    const path = join(tmp.dir, 'broken.db');
    writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]));
    expect(() => open(path)).toThrow(/损坏.*damaged/s);
  });

  it('says the file is in use when another program holds an exclusive lock', () => {
    const path = join(tmp.dir, 'locked.db');
    open(path).close();
    const other = new Database(path);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    try {
      expect(() => open(path)).toThrow(/正被另一个程序使用.*in use by another program/s);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});

describe('migrations, one test each', () => {
  it('0001 app-meta: a key/value table with created_at', () => {
    const s = open(join(tmp.dir, 'm1.db'), { migrations: migrations.filter((m) => m.version <= 1) });
    const row = s.db.prepare("SELECT value FROM app_meta WHERE key = 'created_at'").get() as { value: string };
    expect(Date.parse(row.value)).not.toBeNaN();
  });

  it('numbers are unique and increasing', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
  });
});
