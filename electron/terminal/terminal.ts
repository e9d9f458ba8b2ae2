// Terminal sign-in (签到), the bank side (issue 5; host-protocol §3). A state machine:
// probe the pad → select the master key → 0800 → load every working key into the pad
// with its KCV checked (X2) → adopt the batch → signed in. Clear working keys exist only
// inside the PIN pad; the database keeps the ciphertexts and KCVs the host sent.
import { CashdeskError, toCashdeskError } from '../../native/errors.js';
import { silentLogger, type Logger } from '../../native/log/logger.js';
import type { PinpadDriver } from '../../native/pinpad/driver.js';
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { HostLink } from '../host/link.js';
import type { MacFn } from '../host/messageMac.js';
import { buildSignIn, buildSignOff, parseReply, parseSignInReply, type TerminalContext } from '../host/messages.js';
import type { SignInStep, TerminalSignInView, TerminalStatus } from '../contract.js';
import { notConfigured, notSignedIn, padCannotSignIn, signInDeclined } from './signInErrors.js';
import { TerminalRepo, type NetCode, type StoredKey, type TerminalConfig } from './terminalRepo.js';

/** How long sign-in waits for a pad whose line is (re)opening before calling it absent. */
export const PINPAD_LINE_WAIT_MS = 5000;

/** Back-off between automatic sign-in attempts (issue 5: 1, 2, 4 … 60 s). */
export const SIGN_IN_BACKOFF_MS = [1000, 2000, 4000, 8000, 16000, 32000, 60000] as const;

export type SignInTrigger = 'start' | 'manual' | 'daily' | 'host-request' | 'reset' | 'cli';

export interface TerminalDeps {
  db: Db;
  audit: AuditLog;
  accountId: string;
  pinpad: () => PinpadDriver | null;
  /** Opens the pad when none is connected yet (it may have been absent at start). */
  connectPinpad?: () => Promise<PinpadDriver | null>;
  hostLink: () => HostLink | null;
  logger?: Logger;
  now?: () => Date;
  onStatus?: (s: TerminalStatus) => void;
  /** Training mode: the host forgets its sessions when restarted, so never restore. */
  alwaysFreshSignIn?: boolean;
  /** Tests shorten the back-off. */
  backoffMs?: readonly number[];
}

const WORKING_KEY_USAGE = { pinKey: 'P', macKey: 'M', trackKey: 'D' } as const;
const KEY_LABEL = { pinKey: 'PIK', macKey: 'MAK', trackKey: 'TDK' } as const;

export class Terminal {
  readonly repo: TerminalRepo;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly backoff: readonly number[];
  private step: SignInStep = 'idle';
  private failure: TerminalStatus['failure'] = null;
  private attempts = 0;
  private nextRetryAt: Date | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private dailyTimer: NodeJS.Timeout | undefined;
  private running: Promise<TerminalSignInView> | null = null;
  private restored = false;
  private clockDrift: number | null = null;
  private closed = false;

  constructor(private readonly deps: TerminalDeps) {
    this.repo = new TerminalRepo(deps.db);
    this.log = (deps.logger ?? silentLogger).child('terminal');
    this.now = deps.now ?? (() => new Date());
    this.backoff = deps.backoffMs ?? SIGN_IN_BACKOFF_MS;
    if (!this.config()) this.step = 'not-configured';
  }

  config(): TerminalConfig | null {
    return this.repo.config(this.deps.accountId);
  }

  status(): TerminalStatus {
    const c = this.config();
    const s = this.repo.session(this.deps.accountId);
    const pad = this.deps.pinpad()?.pinpadInfo ?? null;
    const keys = s.signedIn ? (['pinKey', 'macKey', 'trackKey'] as const).filter((k) => s[k]).map((k) => KEY_LABEL[k]) : [];
    return {
      step: c ? this.step : 'not-configured',
      signedIn: s.signedIn && this.step === 'signed-in',
      accountId: this.deps.accountId,
      merchantId: c?.merchantId ?? null,
      terminalId: c?.terminalId ?? null,
      merchantName: c?.merchantName ?? null,
      batchNo: c ? s.batchNo : null,
      signedInAt: s.signedInAt,
      hostTime: s.hostTime,
      clockDriftSeconds: this.clockDrift,
      keys,
      pad: pad ? { protocol: pad.protocol, model: pad.model, serial: pad.serial } : null,
      failure: this.failure,
      attempts: this.attempts,
      nextRetryAt: this.nextRetryAt?.toISOString() ?? null,
      restored: this.restored,
    };
  }

  /** Message fields every request carries (host-protocol §1, §3). */
  context(operator: string): TerminalContext {
    const c = this.config();
    if (!c) throw notConfigured();
    const s = this.repo.session(this.deps.accountId);
    return { tid: c.terminalId, mid: c.merchantId, tpdu: c.tpdu, header: c.header, batchNo: s.batchNo, operator, keyScheme: s.keyScheme ?? c.netCode };
  }

  /** The CUP MAC computed inside the PIN pad with the stored MAC key (host-protocol §5.2). */
  macFn(): MacFn {
    return async (xorBlock) => {
      const pad = this.deps.pinpad();
      if (!pad) throw notSignedIn();
      return pad.mac('E', xorBlock);
    };
  }

  /** Payments call this first: signed in, keys loaded. */
  requireSignedIn(): void {
    if (!this.status().signedIn) throw notSignedIn();
  }

  /**
   * At start: restore a still-valid session (reload its keys into the pad, check their
   * KCVs, no 0800), or sign in afresh. Failures retry by themselves with back-off.
   */
  async start(): Promise<void> {
    if (!this.config()) {
      this.setStep('not-configured');
      return;
    }
    this.scheduleDaily();
    if (await this.tryRestore()) return;
    await this.signIn('start').catch(() => undefined);
  }

  /** One-shot readiness for the CLI: restore a still-valid session, else sign in once (no retries). */
  async ensureSignedIn(): Promise<void> {
    if (this.status().signedIn) return;
    if (await this.tryRestore()) return;
    await this.signIn('cli');
  }

  /** Restores the stored session when it is still valid; false when a new 0800 is needed. */
  private async tryRestore(): Promise<boolean> {
    const s = this.repo.session(this.deps.accountId);
    if (this.deps.alwaysFreshSignIn || !s.signedIn || !this.sessionStillValid(s.signedInAt)) return false;
    try {
      await this.restore();
      return true;
    } catch (e) {
      this.log.log('warn', 'restore.failed', { error: toCashdeskError(e) });
      return false;
    }
  }

  /**
   * A full sign-in. Concurrent calls share one attempt. On failure the session keeps no
   * key from the reply, the reason is kept for the UI, and an automatic retry is
   * scheduled (except for a manual attempt, which the cashier repeats).
   */
  signIn(trigger: SignInTrigger): Promise<TerminalSignInView> {
    if (this.running) return this.running;
    this.clearRetry();
    this.running = this.runSignIn(trigger).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** A host reply of 77/99/A0/A7 or a header asking for it: sign in again now. */
  requestSignIn(reason: string): Promise<TerminalSignInView> {
    this.log.log('info', 'sign-in.requested', { reason });
    this.repo.clearSession(this.deps.accountId, null);
    this.setStep('idle');
    return this.signIn('host-request');
  }

  async signOff(operator = '00'): Promise<{ ok: true }> {
    const c = this.config();
    if (!c) throw notConfigured();
    const link = this.deps.hostLink();
    this.clearRetry();
    this.setStep('signing-off');
    try {
      if (link) {
        const stan = this.repo.nextStan(this.deps.accountId);
        const reply = await link.exchange(buildSignOff(this.context(operator), { stan }));
        const info = parseReply(reply.message);
        if (!info.outcome.approved) this.log.log('warn', 'sign-off.declined', { code: info.outcome.code });
      }
    } finally {
      // Whatever the host said, the terminal stops using its keys.
      this.repo.clearSession(this.deps.accountId, this.now().toISOString());
      this.deps.audit.append({ actor: operator, action: 'terminal.signOff', outcome: 'ok' });
      this.setStep('signed-off');
    }
    return { ok: true };
  }

  close(): void {
    this.closed = true;
    this.clearRetry();
    if (this.dailyTimer) clearTimeout(this.dailyTimer);
  }

  // ---- internals --------------------------------------------------------------------

  private async runSignIn(trigger: SignInTrigger): Promise<TerminalSignInView> {
    const c = this.config();
    if (!c) {
      this.setStep('not-configured');
      throw notConfigured();
    }
    this.attempts++;
    this.failure = null;
    this.restored = false;
    try {
      const pad = await this.preparePad(c);
      this.setStep('contacting-host');
      const link = this.deps.hostLink();
      if (!link) throw notConfigured();
      const session = this.repo.session(c.accountId);
      const stan = this.repo.nextStan(c.accountId);
      const request = buildSignIn({ ...this.context('001'), batchNo: session.batchNo }, { stan, scheme: c.netCode });
      const reply = await link.exchange(request, { timeoutMs: c.replyTimeoutMs });
      const info = parseSignInReply(reply.message, c.netCode);
      if (!info.outcome.approved || !info.keys) {
        throw signInDeclined(info.outcome.code, info.outcome.zh, info.outcome.en);
      }
      this.setStep('loading-keys');
      const stored: Record<'pinKey' | 'macKey' | 'trackKey', StoredKey | null> = { pinKey: null, macKey: null, trackKey: null };
      for (const k of ['pinKey', 'macKey', 'trackKey'] as const) {
        const key = info.keys[k];
        if (!key) continue;
        const cipher = key.ciphertext.toString('hex').toUpperCase();
        const kcv = key.kcv.toString('hex').toUpperCase();
        // X2 refuses a key whose KCV differs (KcvMismatchError): the sign-in fails, nothing is kept.
        await pad.loadWorkingKey(WORKING_KEY_USAGE[k], cipher, kcv);
        stored[k] = { cipher, kcv };
      }
      const batchNo = info.batchNo ?? session.batchNo;
      const hostTime = info.hostDate && info.hostTime ? `${info.hostDate}${info.hostTime}` : null;
      this.clockDrift = hostTime ? this.driftSeconds(info.hostDate!, info.hostTime!) : null;
      this.deps.db.transaction(() => {
        this.repo.saveSignedIn({ accountId: c.accountId, batchNo, keyScheme: c.netCode, pinKey: stored.pinKey!, macKey: stored.macKey!, trackKey: stored.trackKey, signedInAt: this.now().toISOString(), hostTime });
        this.deps.audit.append({ actor: 'system', action: 'terminal.signIn', outcome: 'ok', detail: { trigger, batchNo, keys: Object.keys(stored).filter((k) => stored[k as keyof typeof stored]) } });
      })();
      this.attempts = 0;
      this.setStep('signed-in');
      this.log.log('info', 'sign-in.ok', { trigger, batchNo });
      return { ok: true, batch: batchNo, keys: this.status().keys, hostTime, restored: false };
    } catch (e) {
      const err = toCashdeskError(e);
      this.repo.clearSession(c.accountId, null);
      this.failure = { code: err.code, message: err.message };
      this.deps.audit.append({ actor: 'system', action: 'terminal.signIn', outcome: 'failed', detail: { trigger, code: err.code } });
      this.log.log('warn', 'sign-in.failed', { trigger, code: err.code, message: err.en });
      if (trigger === 'manual' || trigger === 'cli') this.setStep('failed');
      else this.scheduleRetry();
      throw err;
    }
  }

  /** Restores a still-valid session: the stored ciphertexts go back into the pad, KCVs checked. */
  private async restore(): Promise<void> {
    const c = this.config()!;
    const s = this.repo.session(c.accountId);
    const pad = await this.preparePad(c);
    this.setStep('loading-keys');
    for (const k of ['pinKey', 'macKey', 'trackKey'] as const) {
      const key = s[k];
      if (key) await pad.loadWorkingKey(WORKING_KEY_USAGE[k], key.cipher, key.kcv);
    }
    this.restored = true;
    this.failure = null;
    this.deps.audit.append({ actor: 'system', action: 'terminal.restore', outcome: 'ok', detail: { batchNo: s.batchNo } });
    this.setStep('signed-in');
  }

  private async preparePad(c: TerminalConfig): Promise<PinpadDriver> {
    this.setStep('probing-pad');
    const pad = this.deps.pinpad() ?? (await this.deps.connectPinpad?.()) ?? null;
    if (!pad) {
      throw new CashdeskError('PINPAD_ABSENT', '未找到密码键盘。请检查 USB 线是否插好，或在“设置”中选择端口。', 'No PIN pad found. Check the USB cable, or choose the port in Settings.');
    }
    if (pad.state === 'disconnected' || pad.state === 'connecting') {
      // The serial line may still be opening (start-up) or coming back (replug).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        pad.whenReady(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new CashdeskError('PINPAD_ABSENT', `密码键盘在 ${PINPAD_LINE_WAIT_MS / 1000} 秒内没有连接上。请检查 USB 线，或在“设置”中选择正确的端口。`, `The PIN pad did not come online within ${PINPAD_LINE_WAIT_MS / 1000} s. Check the USB cable, or choose the right port in Settings.`)), PINPAD_LINE_WAIT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
    }
    const info = await pad.probe();
    if (!info.capabilities.includes('X2') || !info.capabilities.includes('KCV')) throw padCannotSignIn();
    this.setStep('selecting-key');
    await pad.selectMasterKey(c.masterKeySlot);
    return pad;
  }

  private sessionStillValid(signedInAt: string | null): boolean {
    if (!signedInAt) return false;
    const at = new Date(signedInAt);
    const now = this.now();
    if (at.toDateString() !== now.toDateString()) return false;
    const daily = this.config()?.dailySignInAt;
    if (daily) {
      const due = this.todayAt(daily);
      if (now >= due && at < due) return false;
    }
    return true;
  }

  private todayAt(hhmm: string): Date {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    const d = new Date(this.now());
    d.setHours(h, m, 0, 0);
    return d;
  }

  private driftSeconds(mmdd: string, hhmmss: string): number {
    const now = this.now();
    const host = new Date(now.getFullYear(), Number(mmdd.slice(0, 2)) - 1, Number(mmdd.slice(2, 4)), Number(hhmmss.slice(0, 2)), Number(hhmmss.slice(2, 4)), Number(hhmmss.slice(4, 6)));
    return Math.round((host.getTime() - now.getTime()) / 1000);
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    const delay = this.backoff[Math.min(this.attempts - 1, this.backoff.length - 1)] ?? 60_000;
    this.nextRetryAt = new Date(this.now().getTime() + delay);
    this.setStep('retry-wait');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.nextRetryAt = null;
      void this.signIn('start').catch(() => undefined);
    }, delay);
    this.retryTimer.unref?.();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.nextRetryAt = null;
  }

  private scheduleDaily(): void {
    const daily = this.config()?.dailySignInAt;
    if (!daily || this.closed) return;
    let due = this.todayAt(daily);
    if (due <= this.now()) due = new Date(due.getTime() + 24 * 3600_000);
    this.dailyTimer = setTimeout(() => {
      void this.signIn('daily').catch(() => undefined);
      this.scheduleDaily();
    }, due.getTime() - this.now().getTime());
    this.dailyTimer.unref?.();
  }

  private setStep(step: SignInStep): void {
    this.step = step;
    this.deps.onStatus?.(this.status());
  }
}

export type { NetCode, SignInStep, TerminalConfig, TerminalStatus };
