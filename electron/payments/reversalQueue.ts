// Reversals (冲正, host-protocol §4.4): durable before the send, cleared only by a final
// verified reply or the 0410, sent before any new financial message and before
// settlement, 3 tries (setting) and then kept and listed on the settlement report.
import { toCashdeskError } from '../../native/errors.js';
import type { PanVault } from '../../native/crypto/panVault.js';
import type { Logger } from '../../native/log/logger.js';
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import { buildReversal } from '../host/messages.js';
import type { Terminal } from '../terminal/terminal.js';
import type { HostLink } from '../host/link.js';
import { reversalBlocking } from './paymentErrors.js';
import type { ReversalView } from '../contract.js';
import type { JournalRepo, ReversalPhase, ReversalReason, ReversalRow } from './journalRepo.js';

/** Card fields that are sealed, never stored in the clear (architecture.md rules). */
export const SEALED_FIELDS = [2, 14, 23, 55] as const;

/** A record left by a crash gets the reason its phase implies (host-protocol §4.4 table). */
export function reasonForLeftover(phase: ReversalPhase, reason: ReversalReason): ReversalReason {
  switch (phase) {
    case 'prepared':
      return '06';
    case 'sent':
      return '98';
    case 'approved-not-completed':
      return '96';
    case 'pending':
      return reason;
  }
}

export interface ReversalDeps {
  db: Db;
  journal: JournalRepo;
  terminal: Terminal;
  hostLink: () => HostLink | null;
  vault: PanVault;
  audit: AuditLog;
  logger: Logger;
  maxAttempts: () => number;
}

export type { ReversalView };

export class ReversalQueue {
  constructor(private readonly d: ReversalDeps) {}

  /** Splits the original's fields: the card fields are sealed, the rest kept as they are. */
  seal(source: Record<number, string>): { source: Record<number, string>; sealed: string | null } {
    const clear = { ...source };
    const secret: Record<number, string> = {};
    for (const no of SEALED_FIELDS) {
      if (clear[no] !== undefined) {
        secret[no] = clear[no]!;
        delete clear[no];
      }
    }
    return { source: clear, sealed: Object.keys(secret).length ? this.d.vault.seal(JSON.stringify(secret)) : null };
  }

  list(): ReversalView[] {
    return this.d.journal.reversals().map((r) => this.view(r));
  }

  /**
   * Sends every pending reversal, oldest first. Throws when one that still has tries left
   * could not be sent: a new transaction must not go ahead of it.
   */
  async flush(): Promise<void> {
    for (const r of this.d.journal.reversals()) {
      if (r.attempts >= this.d.maxAttempts()) continue;
      const ok = await this.send(r);
      if (!ok && r.attempts + 1 < this.d.maxAttempts()) {
        const row = this.d.journal.get(r.journalId);
        throw reversalBlocking(row?.stan ?? '?');
      }
    }
  }

  /** Settlement sends even the exhausted ones once more (host-protocol §4.5: pending reversals first). */
  async flushAll(): Promise<void> {
    for (const r of this.d.journal.reversals()) await this.send(r);
  }

  private async send(listed: ReversalRow): Promise<boolean> {
    // Re-read: an earlier send in this loop, or a reply, may have settled it meanwhile.
    const r = this.d.journal.reversal(listed.journalId);
    const row = this.d.journal.get(listed.journalId);
    const link = this.d.hostLink();
    if (!r) return true;
    if (!row || !link) return false;
    const reason = reasonForLeftover(r.phase, r.reason);
    try {
      // Inside the try: a record the vault cannot open (key file lost) uses up its tries
      // instead of blocking every sale and settlement for ever.
      const source = { ...r.source, ...(r.panSealed ? (JSON.parse(this.d.vault.open(r.panSealed)) as Record<number, string>) : {}) };
      const cfg = this.d.terminal.config();
      const request = buildReversal({ tpdu: cfg?.tpdu ?? '6000030000', header: cfg?.header ?? '603100311003' }, { source, reason });
      const reply = await link.exchange(request, { macFn: this.d.terminal.macFn() });
      const code = reply.message.fields[39] ?? '';
      this.d.db.transaction(() => {
        this.d.journal.clearReversal(r.journalId);
        this.d.journal.complete(r.journalId, { status: 'reversed' });
        this.d.audit.append({ actor: 'system', action: 'payment.reversal', target: row.stan, outcome: 'ok', detail: { reason, reply: code } });
      })();
      this.d.logger.log('info', 'reversal.done', { stan: row.stan, reason, reply: code });
      return true;
    } catch (e) {
      const err = toCashdeskError(e);
      this.d.db.transaction(() => {
        this.d.journal.reversalAttempted(r.journalId, err.message);
        if (r.phase !== 'pending') this.d.journal.setReversalPhase(r.journalId, 'pending', reason);
      })();
      this.d.logger.log('warn', 'reversal.failed', { stan: row.stan, reason, code: err.code });
      return false;
    }
  }

  private view(r: ReversalRow): ReversalView {
    const row = this.d.journal.get(r.journalId);
    return {
      journalId: r.journalId,
      stan: row?.stan ?? '',
      amount: row?.amount ?? 0,
      maskedPan: row?.maskedPan ?? null,
      reason: reasonForLeftover(r.phase, r.reason),
      attempts: r.attempts,
      lastError: r.lastError,
      exhausted: r.attempts >= this.d.maxAttempts(),
    };
  }
}
