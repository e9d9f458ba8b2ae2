import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../electron/app.js';
import type { OperatorSession } from '../../../electron/contract.js';
import { contractClient } from '../../support/contractClient.js';
import { makeTempDir } from '../../support/tempDir.js';

const root = join(import.meta.dirname, '..', '..', '..');
let tmp: ReturnType<typeof makeTempDir>;
let app: App;
let now: Date;
let api: ReturnType<typeof contractClient>;
const SUP = { operatorId: '00', password: '123456' };

beforeEach(async () => {
  tmp = makeTempDir();
  now = new Date('2026-11-26T09:00:00Z');
  app = await createApp({ dataDir: tmp.dir, training: false, clock: () => now });
  api = contractClient(app);
  await api.ok('operator.firstSetup', { supervisorPassword: '123456', adminPassword: '12345678' });
  await api.ok('operator.add', { id: '01', name: '小王', password: '1111', supervisor: SUP });
});
afterEach(async () => {
  await app.close();
  tmp.cleanup();
});

describe('first setup', () => {
  it('is needed on a new database and cannot be repeated', async () => {
    const fresh = await createApp({ dataDir: join(tmp.dir, 'fresh'), training: false });
    expect(await contractClient(fresh).ok('operator.setupNeeded', {})).toEqual({ needed: true });
    await fresh.close();
    expect(await api.ok('operator.setupNeeded', {})).toEqual({ needed: false });
    const again = await api.call('operator.firstSetup', { supervisorPassword: '000000', adminPassword: '00000000' });
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_SET_UP' });
  });

  it('enforces password lengths per role: 4 cashier, 6 supervisor, 8 admin', async () => {
    const r = await api.call('operator.add', { id: '02', password: '123456', supervisor: SUP });
    expect(r).toMatchObject({ ok: false, code: 'PASSWORD_FORMAT' });
    if (!r.ok) expect(r.message).toMatch(/4 位数字.*4 digits/s);
  });

  it('stores no password in the clear: only a salted scrypt hash', async () => {
    const db = new Database(app.store.path, { readonly: true });
    const rows = db.prepare('SELECT password_hash, password_salt FROM operators').all() as Array<{ password_hash: string; password_salt: string }>;
    db.close();
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.password_salt).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(new Set(rows.map((r) => r.password_salt)).size).toBe(3);
  });
});

describe('operator sign-in and lockout', () => {
  it('signs in with number and password, and refuses a wrong password saying how many tries are left', async () => {
    const bad = await api.call('operator.signIn', { operatorId: '01', password: '9999' });
    expect(bad).toMatchObject({ ok: false, code: 'WRONG_PASSWORD' });
    if (!bad.ok) expect(bad.message).toMatch(/还可尝试 4 次.*4 tries left/s);
    const good = await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
    expect(good).toMatchObject({ status: 'signed-in', session: { state: 'signed-in', operatorId: '01', role: 'cashier' } });
  });

  it('locks an operator for 5 minutes after 5 wrong tries; a supervisor can unlock; every attempt is audited', async () => {
    for (let i = 0; i < 4; i++) await api.call('operator.signIn', { operatorId: '01', password: '0000' });
    const fifth = await api.call('operator.signIn', { operatorId: '01', password: '0000' });
    expect(fifth).toMatchObject({ ok: false, code: 'OPERATOR_LOCKED' });
    if (!fifth.ok) expect(fifth.message).toMatch(/已锁定.*locked until/s);
    // Even the right password is refused while locked.
    expect(await api.call('operator.signIn', { operatorId: '01', password: '1111' })).toMatchObject({ ok: false, code: 'OPERATOR_LOCKED' });
    now = new Date(now.getTime() + 5 * 60_000 + 1000);
    expect(await api.call('operator.signIn', { operatorId: '01', password: '1111' })).toMatchObject({ ok: true });

    for (let i = 0; i < 5; i++) await api.call('operator.signIn', { operatorId: '01', password: '0000' });
    await api.ok('operator.unlockOperator', { id: '01', supervisor: SUP });
    expect(await api.call('operator.signIn', { operatorId: '01', password: '1111' })).toMatchObject({ ok: true });

    const audit = await api.ok('audit.recent', { limit: 1000 });
    const attempts = audit.filter((a) => a.action === 'operator.signIn' && a.actor === '01');
    expect(attempts.filter((a) => a.outcome === 'denied')).toHaveLength(11);
    expect(attempts.filter((a) => a.outcome === 'ok')).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('1111');
  });

  it('asks which merchant account when the operator may use several', async () => {
    app.store.db.prepare("INSERT INTO merchant_accounts (id, name) VALUES ('shop2', '二号店')").run();
    app.store.db.prepare("INSERT INTO operator_accounts (operator_id, account_id) VALUES ('01', 'shop2')").run();
    const first = await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
    expect(first).toMatchObject({ status: 'choose-account' });
    if (first.status === 'choose-account') expect(first.accounts.map((a) => a.id)).toEqual(['default', 'shop2']);
    const second = await api.ok('operator.signIn', { operatorId: '01', password: '1111', accountId: 'shop2' });
    expect(second).toMatchObject({ status: 'signed-in', session: { accountId: 'shop2' } });
  });

  it('asks for a supervisor when the policy says so', async () => {
    await api.ok('operator.setPolicy', { supervisorAtSignIn: true, supervisor: SUP });
    expect(await api.ok('operator.signIn', { operatorId: '01', password: '1111' })).toEqual({ status: 'needs-supervisor' });
    const bad = await api.call('operator.signIn', { operatorId: '01', password: '1111', supervisor: { operatorId: '00', password: '000000' } });
    expect(bad).toMatchObject({ ok: false, code: 'WRONG_PASSWORD' });
    expect(await api.ok('operator.signIn', { operatorId: '01', password: '1111', supervisor: SUP })).toMatchObject({ status: 'signed-in' });
  });

  it('a cashier cannot approve as a supervisor', async () => {
    const r = await api.call('operator.add', { id: '03', password: '3333', supervisor: { operatorId: '01', password: '1111' } });
    expect(r).toMatchObject({ ok: false, code: 'NOT_SUPERVISOR' });
  });
});

describe('the three sign-in policies, enforced in main', () => {
  it('per-shift (default): one sign-in covers every transaction', async () => {
    expect(await api.call('operator.authorizeTransaction', {})).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
    expect(await api.ok('operator.authorizeTransaction', {})).toEqual({ operatorId: '01', accountId: 'default' });
    expect(await api.ok('operator.authorizeTransaction', {})).toEqual({ operatorId: '01', accountId: 'default' });
  });

  it('per-transaction: the password before every payment', async () => {
    await api.ok('operator.setPolicy', { policy: 'per-transaction', supervisor: SUP });
    await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
    expect(await api.call('operator.authorizeTransaction', {})).toMatchObject({ ok: false, code: 'PASSWORD_REQUIRED' });
    expect(await api.call('operator.authorizeTransaction', { password: '2222' })).toMatchObject({ ok: false, code: 'WRONG_PASSWORD' });
    expect(await api.ok('operator.authorizeTransaction', { password: '1111' })).toMatchObject({ operatorId: '01' });
  });

  it('idle-lock: locks after N idle minutes; only the same operator unlocks', async () => {
    await api.ok('operator.setPolicy', { policy: 'idle-lock', idleMinutes: 3, supervisor: SUP });
    await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await api.ok('operator.authorizeTransaction', {})).toMatchObject({ operatorId: '01' });
    now = new Date(now.getTime() + 3 * 60_000 + 1);
    expect((await api.ok('operator.session', {})).state).toBe('locked');
    expect(await api.call('operator.authorizeTransaction', {})).toMatchObject({ ok: false, code: 'SCREEN_LOCKED' });
    // The supervisor's password does not unlock a cashier's counter.
    expect(await api.call('operator.unlock', { password: '123456' })).toMatchObject({ ok: false });
    expect(await api.ok('operator.unlock', { password: '1111' })).toMatchObject({ state: 'signed-in', operatorId: '01' });
  });
});

describe('lock, switch and sign-out', () => {
  it('lock keeps the operator; switch and sign-out end the session and emit events', async () => {
    const seen: OperatorSession[] = [];
    app.events.on('operator.session', (s) => seen.push(s));
    await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
    expect(await api.ok('operator.lock', {})).toMatchObject({ state: 'locked', operatorId: '01' });
    expect(await api.ok('operator.unlock', { password: '1111' })).toMatchObject({ state: 'signed-in' });
    expect(await api.ok('operator.switch', {})).toMatchObject({ state: 'signed-out', operatorId: null });
    await api.ok('operator.signIn', { operatorId: '00', password: '123456' });
    expect(await api.ok('operator.signOut', {})).toMatchObject({ state: 'signed-out' });
    expect(seen.map((s) => s.state)).toEqual(['signed-in', 'locked', 'signed-in', 'signed-out', 'signed-in', 'signed-out']);
  });
});

describe('audit log', () => {
  it('`cashdesk audit verify` finds one edited row in the file', async () => {
    await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
    await api.ok('operator.signOut', {});
    const path = app.store.path;
    await app.close();
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { cwd: root, encoding: 'utf8' });
    const clean = cli(['audit', 'verify', '--db', path]);
    expect(clean.status).toBe(0);
    const good = JSON.parse(clean.stdout) as { ok: boolean; entries: number; brokenAt: number | null };
    expect(good).toMatchObject({ ok: true, brokenAt: null });
    expect(good.entries).toBeGreaterThan(3);

    // Tamper the way someone with the file would: drop the triggers, edit a row.
    const db = new Database(path);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = '98' WHERE seq = 3").run();
    db.close();
    const tampered = cli(['audit', 'verify', '--db', path]);
    expect(tampered.status).toBe(1);
    expect(JSON.parse(tampered.stdout)).toMatchObject({ ok: false, brokenAt: 3 });
    app = await createApp({ dataDir: tmp.dir, training: false });
  });

  it('deleting the newest rows is noticed too (the chain head is kept apart)', () => {
    const before = app.audit.verify();
    expect(before.ok).toBe(true);
    app.store.db.exec('DROP TRIGGER audit_log_no_delete');
    app.store.db.prepare('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').run();
    expect(app.audit.verify()).toMatchObject({ ok: false, brokenAt: before.entries });
  });

  it('the database refuses edits and deletes of audit rows from the app', () => {
    expect(() => app.store.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare("UPDATE audit_log SET outcome = 'ok'").run()).toThrow(/append-only/);
  });
});

describe('per-transaction policy asks for the password at payments only', () => {
  it('cart work and lookups need a signed-in operator, not a password', async () => {
    await api.ok('operator.setPolicy', { policy: 'per-transaction', supervisor: SUP });
    await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
    expect(await api.ok('cart.open', {})).toMatchObject({ operatorId: '01' });
    expect(await api.call('payment.cashSale', { amount: 100, tendered: 100 })).toMatchObject({ ok: false, code: 'PASSWORD_REQUIRED' });
    expect(await api.ok('payment.cashSale', { amount: 100, tendered: 100, operatorPassword: '1111' })).toMatchObject({ ok: true });
    await api.ok('operator.lock', {});
    expect(await api.call('cart.open', {})).toMatchObject({ ok: false, code: 'SCREEN_LOCKED' });
  });
});
