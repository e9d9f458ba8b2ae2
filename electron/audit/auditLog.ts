import { createHash } from 'node:crypto';
import type { Db } from '../../native/store/store.js';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  /** Operator number ('01', '00', '99'), 'system', or 'cli'. */
  actor: string;
  /** Dotted verb, e.g. 'operator.signIn', 'stock.adjust', 'drawer.open'. */
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  /** Small JSON-able detail. Never a PIN, password, key or full PAN. */
  detail?: Record<string, unknown> | null;
}

export interface AuditRow extends Required<Omit<AuditEntry, 'detail'>> {
  seq: number;
  at: string;
  detail: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** seq of the first row whose hash or link does not match, or null. */
  brokenAt: number | null;
}

const GENESIS = '0'.repeat(64);

function rowHash(r: { seq: number; at: string; actor: string; action: string; target: string | null; outcome: string; detail: string | null; prevHash: string }): string {
  // A fixed field order with separators that cannot appear in JSON strings unescaped.
  return createHash('sha256')
    .update(JSON.stringify([r.seq, r.at, r.actor, r.action, r.target, r.outcome, r.detail, r.prevHash]))
    .digest('hex');
}

/** The hash-chained audit log (issue 5): who, what, when, outcome. */
export class AuditLog {
  private readonly last;
  private readonly insert;
  private readonly all;
  private readonly setHead;
  private readonly getHead;

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {
    this.last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(
      'INSERT INTO audit_log (seq, at, actor, action, target, outcome, detail, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @target, @outcome, @detail, @prevHash, @hash)',
    );
    // The head (last seq and hash) is kept apart from the rows so that deleting the
    // newest rows, which leaves a valid shorter chain, is still noticed.
    this.setHead = db.prepare("INSERT INTO app_meta (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    this.getHead = db.prepare("SELECT value FROM app_meta WHERE key = 'audit_head'");
    this.all = db.prepare('SELECT seq, at, actor, action, target, outcome, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq');
  }

  /** Appends one entry; call inside the caller's transaction to make it part of the same change. */
  append(entry: AuditEntry): AuditRow {
    const prev = this.last.get() as { seq: number; hash: string } | undefined;
    const row = {
      seq: (prev?.seq ?? 0) + 1,
      at: this.now().toISOString(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      outcome: entry.outcome,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      prevHash: prev?.hash ?? GENESIS,
    };
    const hash = rowHash(row);
    this.db.transaction(() => {
      this.insert.run({ ...row, hash });
      this.setHead.run(`${row.seq}:${hash}`);
    })();
    return { ...row, hash };
  }

  recent(limit = 100): AuditRow[] {
    return (this.db.prepare('SELECT seq, at, actor, action, target, outcome, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit) as AuditRow[]);
  }

  /** Walks the chain: an edited row breaks its own hash, a deleted row breaks the next link. */
  verify(): AuditVerification {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let entries = 0;
    for (const r of this.all.iterate() as Iterable<AuditRow>) {
      entries++;
      if (r.seq !== expectedSeq || r.prevHash !== prevHash || rowHash(r) !== r.hash) {
        return { ok: false, entries, brokenAt: r.seq };
      }
      prevHash = r.hash;
      expectedSeq++;
    }
    const head = (this.getHead.get() as { value: string } | undefined)?.value ?? null;
    const expectedHead = entries ? `${expectedSeq - 1}:${prevHash}` : null;
    if (head !== expectedHead) return { ok: false, entries, brokenAt: entries + 1 };
    return { ok: true, entries, brokenAt: null };
  }
}
