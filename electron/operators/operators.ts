// Operators (the people side of 签到, issue 5): accounts, roles, lockout, the sign-in
// policy and the counter's operator session. The policy is enforced here, in main: the
// UI only reflects it.
import { CashdeskError } from '../../native/errors.js';
import type { Settings } from '../../native/store/settings.js';
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Operator, OperatorSession, PolicySettings, Role, SignInResult } from '../contract.js';
import { assertOperatorId, assertPasswordShape, roleOfId } from './roles.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 5 * 60_000;

export type { Operator, OperatorSession, OperatorSessionState, PolicySettings, SignInPolicy, SignInResult } from '../contract.js';

export const DEFAULT_POLICY: PolicySettings = { policy: 'per-shift', idleMinutes: 5, supervisorAtSignIn: false };

/** Proof that a supervisor (or admin) just entered their password. */
export interface SupervisorApproval {
  readonly operatorId: string;
  readonly at: string;
}

export class OperatorError extends CashdeskError {}

const wrongPassword = (left: number): OperatorError =>
  new OperatorError('WRONG_PASSWORD', `操作员号或密码错误，还可尝试 ${left} 次。`, `Wrong operator number or password; ${left} tries left.`);
const lockedOut = (until: string): OperatorError => {
  const t = new Date(until).toLocaleTimeString('zh-CN', { hour12: false });
  return new OperatorError('OPERATOR_LOCKED', `密码错误次数过多，该操作员已锁定至 ${t}。请稍后再试，或请主管解锁。`, `Too many wrong passwords: this operator is locked until ${new Date(until).toISOString()}. Wait, or ask a supervisor to unlock.`);
};
const notSignedIn = (): OperatorError =>
  new OperatorError('NOT_SIGNED_IN', '请先签到（输入操作员号和密码）。', 'Sign in first (operator number and password).');
const screenLocked = (): OperatorError =>
  new OperatorError('SCREEN_LOCKED', '收银台已锁定，请原操作员输入密码解锁。', 'The counter is locked; the same operator unlocks it with their password.');

interface OperatorRow {
  id: string;
  role: Role;
  name: string;
  password_hash: string;
  password_salt: string;
  failed_attempts: number;
  locked_until: string | null;
  active: number;
}

export interface OperatorsDeps {
  db: Db;
  audit: AuditLog;
  settings: Settings;
  now?: () => Date;
  onSessionChange?: (s: OperatorSession) => void;
}

export class Operators {
  private readonly db: Db;
  private readonly audit: AuditLog;
  private readonly settings: Settings;
  private readonly now: () => Date;
  private readonly onSessionChange: (s: OperatorSession) => void;
  private current: { operatorId: string; role: Role; accountId: string; since: string; locked: boolean } | null = null;
  private lastActivity = 0;

  constructor(deps: OperatorsDeps) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.settings = deps.settings;
    this.now = deps.now ?? (() => new Date());
    this.onSessionChange = deps.onSessionChange ?? (() => {});
  }

  // ---- accounts -------------------------------------------------------------------

  /** Setup is done when the supervisor and the admin have set their own passwords. */
  isSetUp(): boolean {
    const n = this.db.prepare("SELECT count(*) AS n FROM operators WHERE id IN ('00', '99')").get() as { n: number };
    return n.n === 2;
  }

  /**
   * First setup: the supervisor (00) and the admin (99) choose their passwords. There
   * is no default password to survive it.
   */
  async firstSetup(input: { supervisorPassword: string; adminPassword: string; accounts?: Array<{ id: string; name: string }> }): Promise<void> {
    if (this.isSetUp()) {
      throw new OperatorError('ALREADY_SET_UP', '已完成初始设置；修改密码请由主管操作。', 'First setup is already done; a supervisor changes passwords.');
    }
    assertPasswordShape('supervisor', input.supervisorPassword);
    assertPasswordShape('admin', input.adminPassword);
    const sup = await hashPassword(input.supervisorPassword);
    const adm = await hashPassword(input.adminPassword);
    const accounts = input.accounts?.length ? input.accounts : [{ id: 'default', name: '默认商户 / Default merchant' }];
    this.db.transaction(() => {
      const acc = this.db.prepare('INSERT OR IGNORE INTO merchant_accounts (id, name) VALUES (@id, @name)');
      for (const a of accounts) acc.run(a);
      this.insertOperator('00', 'supervisor', '主管', sup);
      this.insertOperator('99', 'admin', '系统管理员', adm);
      for (const id of ['00', '99']) for (const a of accounts) this.linkAccount(id, a.id);
      this.audit.append({ actor: 'system', action: 'setup.first', outcome: 'ok', detail: { accounts: accounts.map((a) => a.id) } });
    })();
  }

  async add(input: { id: string; name?: string; password: string; role?: Role; accounts?: string[] }, approval: SupervisorApproval): Promise<Operator> {
    assertOperatorId(input.id);
    const role = roleOfId(input.id);
    if (input.role && input.role !== role) {
      throw new OperatorError('ROLE_MISMATCH', `操作员号 ${input.id} 对应的角色是${role}，不能设为${input.role}。`, `Operator number ${input.id} is a ${role}, not a ${input.role}.`);
    }
    assertPasswordShape(role, input.password);
    if (this.row(input.id)) {
      throw new OperatorError('OPERATOR_EXISTS', `操作员 ${input.id} 已存在。`, `Operator ${input.id} already exists.`);
    }
    const pw = await hashPassword(input.password);
    const accounts = input.accounts ?? this.accountIds();
    this.db.transaction(() => {
      this.insertOperator(input.id, role, input.name ?? '', pw);
      for (const a of accounts) this.linkAccount(input.id, a);
      this.audit.append({ actor: approval.operatorId, action: 'operator.add', target: input.id, outcome: 'ok', detail: { role } });
    })();
    return this.get(input.id)!;
  }

  async changePassword(id: string, password: string, approval: SupervisorApproval): Promise<void> {
    const row = this.requireRow(id);
    assertPasswordShape(row.role, password);
    const pw = await hashPassword(password);
    this.db.transaction(() => {
      this.db.prepare('UPDATE operators SET password_hash = @hash, password_salt = @salt, failed_attempts = 0, locked_until = NULL WHERE id = @id').run({ id, ...pw });
      this.audit.append({ actor: approval.operatorId, action: 'operator.changePassword', target: id, outcome: 'ok' });
    })();
  }

  list(): Operator[] {
    const rows = this.db.prepare('SELECT * FROM operators ORDER BY id').all() as OperatorRow[];
    return rows.map((r) => this.toOperator(r));
  }

  get(id: string): Operator | null {
    const r = this.row(id);
    return r ? this.toOperator(r) : null;
  }

  accounts(): Array<{ id: string; name: string }> {
    return this.db.prepare('SELECT id, name FROM merchant_accounts ORDER BY id').all() as Array<{ id: string; name: string }>;
  }

  /** A supervisor lifts a lockout early. */
  unlockOperator(id: string, approval: SupervisorApproval): void {
    this.requireRow(id);
    this.db.transaction(() => {
      this.db.prepare('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
      this.audit.append({ actor: approval.operatorId, action: 'operator.unlock', target: id, outcome: 'ok' });
    })();
  }

  // ---- passwords ------------------------------------------------------------------

  /**
   * Checks one password attempt with lockout: 5 wrong tries lock the operator for 5
   * minutes; every attempt is audited.
   */
  async checkPassword(id: string, password: string, action: string): Promise<OperatorRow> {
    const row = this.row(id);
    const nowIso = this.now().toISOString();
    if (!row || !row.active) {
      // Same wording as a wrong password: do not reveal which numbers exist.
      this.audit.append({ actor: id, action, outcome: 'denied', detail: { reason: 'unknown-operator' } });
      throw wrongPassword(MAX_FAILED_ATTEMPTS);
    }
    if (row.locked_until && row.locked_until > nowIso) {
      this.audit.append({ actor: id, action, outcome: 'denied', detail: { reason: 'locked' } });
      throw lockedOut(row.locked_until);
    }
    const ok = await verifyPassword(password, { hash: row.password_hash, salt: row.password_salt });
    if (ok) {
      this.db.transaction(() => {
        this.db.prepare('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
        this.audit.append({ actor: id, action, outcome: 'ok' });
      })();
      return row;
    }
    // A lock that has expired starts a fresh count.
    const failed = (row.locked_until ? 0 : row.failed_attempts) + 1;
    const lockUntil = failed >= MAX_FAILED_ATTEMPTS ? new Date(this.now().getTime() + LOCKOUT_MS).toISOString() : null;
    this.db.transaction(() => {
      this.db.prepare('UPDATE operators SET failed_attempts = @failed, locked_until = @lockUntil WHERE id = @id').run({ id, failed: lockUntil ? 0 : failed, lockUntil });
      this.audit.append({ actor: id, action, outcome: 'denied', detail: { reason: 'wrong-password', attempt: failed, lockedUntil: lockUntil } });
    })();
    if (lockUntil) throw lockedOut(lockUntil);
    throw wrongPassword(MAX_FAILED_ATTEMPTS - failed);
  }

  /** A supervisor's (or admin's) confirmation for voids, refunds, overrides. */
  async approveAsSupervisor(id: string, password: string, purpose: string): Promise<SupervisorApproval> {
    const row = await this.checkPassword(id, password, `supervisor.approve:${purpose}`);
    if (row.role === 'cashier') {
      this.audit.append({ actor: id, action: `supervisor.approve:${purpose}`, outcome: 'denied', detail: { reason: 'not-supervisor' } });
      throw new OperatorError('NOT_SUPERVISOR', '此操作需要主管授权，请主管（00）输入密码。', 'This needs a supervisor: the supervisor (00) enters their password.');
    }
    return { operatorId: id, at: this.now().toISOString() };
  }

  // ---- the counter's session --------------------------------------------------------

  policy(): PolicySettings {
    return { ...DEFAULT_POLICY, ...this.settings.get<Partial<PolicySettings>>('operators.policy', {}) };
  }

  setPolicy(p: Partial<PolicySettings>, approval: SupervisorApproval): PolicySettings {
    const next = { ...this.policy(), ...p };
    this.db.transaction(() => {
      this.settings.set('operators.policy', next);
      this.audit.append({ actor: approval.operatorId, action: 'operators.setPolicy', outcome: 'ok', detail: { ...next } });
    })();
    this.changed();
    return next;
  }

  session(): OperatorSession {
    this.applyIdleLock();
    const c = this.current;
    return {
      state: !c ? 'signed-out' : c.locked ? 'locked' : 'signed-in',
      operatorId: c?.operatorId ?? null,
      role: c?.role ?? null,
      accountId: c?.accountId ?? null,
      since: c?.since ?? null,
      policy: this.policy().policy,
    };
  }

  /**
   * The seed's flow: number and password → the merchant account when the operator
   * may use several → a supervisor's confirmation when the policy asks → signed in.
   */
  async signIn(input: { operatorId: string; password: string; accountId?: string; supervisor?: { operatorId: string; password: string } }): Promise<SignInResult> {
    assertOperatorId(input.operatorId);
    const row = await this.checkPassword(input.operatorId, input.password, 'operator.signIn');
    const accounts = this.accountsOf(row.id);
    let accountId = input.accountId;
    if (accountId === undefined) {
      if (accounts.length > 1) return { status: 'choose-account', accounts };
      accountId = accounts[0]?.id ?? 'default';
    } else if (!accounts.some((a) => a.id === accountId)) {
      throw new OperatorError('ACCOUNT_NOT_ALLOWED', `操作员 ${row.id} 无权使用商户账户 ${accountId}。`, `Operator ${row.id} may not use merchant account ${accountId}.`);
    }
    if (this.policy().supervisorAtSignIn && row.role === 'cashier') {
      if (!input.supervisor) return { status: 'needs-supervisor' };
      await this.approveAsSupervisor(input.supervisor.operatorId, input.supervisor.password, 'operator.signIn');
    }
    this.current = { operatorId: row.id, role: row.role, accountId, since: this.now().toISOString(), locked: false };
    this.lastActivity = this.now().getTime();
    this.changed();
    return { status: 'signed-in', session: this.session() };
  }

  /** Sign-out or switch operator: the operator session ends; no bank sign-off, no data touched. */
  signOut(reason: 'sign-out' | 'switch' | 'reset' = 'sign-out'): OperatorSession {
    if (this.current) {
      this.audit.append({ actor: this.current.operatorId, action: `operator.${reason === 'switch' ? 'switch' : reason === 'reset' ? 'reset' : 'signOut'}`, outcome: 'ok' });
    }
    this.current = null;
    this.changed();
    return this.session();
  }

  lock(): OperatorSession {
    if (!this.current) throw notSignedIn();
    if (!this.current.locked) {
      this.current.locked = true;
      this.audit.append({ actor: this.current.operatorId, action: 'operator.lock', outcome: 'ok' });
      this.changed();
    }
    return this.session();
  }

  /** Only the operator who was signed in unlocks the counter. */
  async unlock(password: string): Promise<OperatorSession> {
    this.applyIdleLock();
    if (!this.current) throw notSignedIn();
    await this.checkPassword(this.current.operatorId, password, 'operator.unlock');
    this.current.locked = false;
    this.lastActivity = this.now().getTime();
    this.changed();
    return this.session();
  }

  /** Any cashier action counts as activity for the idle lock. */
  touch(): void {
    if (this.current && !this.applyIdleLock()) this.lastActivity = this.now().getTime();
  }

  /**
   * Who is at the counter, for everything that is not a payment (cart edits, lookups, a
   * supervisor-approved void): signed in and not locked. Counts as activity.
   */
  requireOperator(): { operatorId: string; accountId: string } {
    this.applyIdleLock();
    const c = this.current;
    if (!c) throw notSignedIn();
    if (c.locked) throw screenLocked();
    this.lastActivity = this.now().getTime();
    return { operatorId: c.operatorId, accountId: c.accountId };
  }

  /**
   * Called by payments before every transaction: who is doing it, enforced by policy.
   * per-transaction: the password is required every time.
   */
  async authorizeTransaction(password?: string): Promise<{ operatorId: string; accountId: string }> {
    this.applyIdleLock();
    const c = this.current;
    if (!c) throw notSignedIn();
    if (c.locked) throw screenLocked();
    if (this.policy().policy === 'per-transaction') {
      if (!password) {
        throw new OperatorError('PASSWORD_REQUIRED', '按设置，每笔交易前都需要输入操作员密码。', 'The policy asks for the operator password before every transaction.');
      }
      await this.checkPassword(c.operatorId, password, 'operator.authorizeTransaction');
    }
    this.lastActivity = this.now().getTime();
    return { operatorId: c.operatorId, accountId: c.accountId };
  }

  /** Locks the session when idle-lock applies and the idle time has passed. Returns true when it locked now. */
  applyIdleLock(): boolean {
    const c = this.current;
    const p = this.policy();
    if (!c || c.locked || p.policy !== 'idle-lock') return false;
    if (this.now().getTime() - this.lastActivity < p.idleMinutes * 60_000) return false;
    c.locked = true;
    this.audit.append({ actor: c.operatorId, action: 'operator.idleLock', outcome: 'ok' });
    this.changed();
    return true;
  }

  // ---- internals ------------------------------------------------------------------

  private changed(): void {
    const c = this.current;
    this.onSessionChange({
      state: !c ? 'signed-out' : c.locked ? 'locked' : 'signed-in',
      operatorId: c?.operatorId ?? null,
      role: c?.role ?? null,
      accountId: c?.accountId ?? null,
      since: c?.since ?? null,
      policy: this.policy().policy,
    });
  }

  private row(id: string): OperatorRow | undefined {
    return this.db.prepare('SELECT * FROM operators WHERE id = ?').get(id) as OperatorRow | undefined;
  }

  private requireRow(id: string): OperatorRow {
    const r = this.row(id);
    if (!r) throw new OperatorError('OPERATOR_UNKNOWN', `没有操作员 ${id}。`, `There is no operator ${id}.`);
    return r;
  }

  private accountIds(): string[] {
    return this.accounts().map((a) => a.id);
  }

  private accountsOf(id: string): Array<{ id: string; name: string }> {
    return this.db.prepare('SELECT a.id, a.name FROM merchant_accounts a JOIN operator_accounts oa ON oa.account_id = a.id WHERE oa.operator_id = ? ORDER BY a.id').all(id) as Array<{ id: string; name: string }>;
  }

  private insertOperator(id: string, role: Role, name: string, pw: { hash: string; salt: string }): void {
    this.db
      .prepare('INSERT INTO operators (id, role, name, password_hash, password_salt, created_at) VALUES (@id, @role, @name, @hash, @salt, @at)')
      .run({ id, role, name, hash: pw.hash, salt: pw.salt, at: this.now().toISOString() });
  }

  private linkAccount(operatorId: string, accountId: string): void {
    this.db.prepare('INSERT OR IGNORE INTO operator_accounts (operator_id, account_id) VALUES (?, ?)').run(operatorId, accountId);
  }

  private toOperator(r: OperatorRow): Operator {
    return { id: r.id, role: r.role, name: r.name, active: r.active === 1, lockedUntil: r.locked_until, accounts: this.accountsOf(r.id).map((a) => a.id) };
  }
}
