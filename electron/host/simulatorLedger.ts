// What the training host believes happened, per terminal and batch: tests compare the
// terminal's journal and settlement totals with it.
import type { SettlementResult, SettlementTotals, SideTotals } from './messages.js';

export type LedgerType = 'sale' | 'qr-sale' | 'void' | 'refund';

/**
 * - `pending`: a QR sale the customer has not confirmed yet (counts nowhere);
 * - `approved`: counts in the totals;
 * - `voided`: a sale that a void undid; still counts in debit (its void counts in credit);
 * - `reversed`: undone by a 0400; counts nowhere.
 */
export type LedgerStatus = 'pending' | 'approved' | 'voided' | 'reversed';

export interface LedgerEntry {
  tid: string;
  mid: string;
  batchNo: string;
  stan: string;
  type: LedgerType;
  /** Fen. */
  amount: number;
  status: LedgerStatus;
  /** Masked (first 6, last 4); absent for QR. */
  maskedPan?: string;
  rrn: string;
  authCode: string;
  /** Host date MMDD and time hhmmss of the approval. */
  date: string;
  time: string;
  /** 内卡 (CUP cards and QR) or 外卡 (host-protocol §4.5). */
  domestic: boolean;
  /** For voids and refunds: the sale they undo. */
  original?: { batchNo: string; stan: string };
  /** For sales: fen refunded so far. */
  refunded: number;
}

export interface ReversalRecord {
  tid: string;
  batchNo: string;
  stan: string;
  /** F39 of the 0400. */
  reason: string;
  /** False when the host had no such transaction (the reply is still 00). */
  matched: boolean;
  /** True when the transaction had already been reversed (idempotent repeat). */
  repeated: boolean;
}

export interface SettlementRecord {
  tid: string;
  batchNo: string;
  terminal: SettlementTotals;
  host: SettlementTotals;
  results: [SettlementResult, SettlementResult];
}

export interface UploadRecord {
  tid: string;
  batchNo: string;
  /** F60.3: 201 a transaction, 202 end after uploads, 207 end after a balanced settlement. */
  networkCode: '201' | '202' | '207';
  /** 201: the uploaded transaction's STAN (F61) and amount; 202/207: the count in F48. */
  stan?: string;
  amount?: number;
  count?: number;
}

export interface SignatureRecord {
  tid: string;
  batchNo: string;
  saleStan: string;
  rrn: string;
  bytes: number;
}

const key = (tid: string, batchNo: string, stan: string): string => `${tid}/${batchNo}/${stan}`;

export class SimulatorLedger {
  readonly #entries = new Map<string, LedgerEntry>();
  readonly reversals: ReversalRecord[] = [];
  readonly settlements: SettlementRecord[] = [];
  readonly uploads: UploadRecord[] = [];
  readonly signatures: SignatureRecord[] = [];

  /** Entries in the order they were added, optionally of one terminal and batch. Copies. */
  entries(filter: { tid?: string; batchNo?: string } = {}): LedgerEntry[] {
    const out: LedgerEntry[] = [];
    for (const e of this.#entries.values()) {
      if (filter.tid !== undefined && e.tid !== filter.tid) continue;
      if (filter.batchNo !== undefined && e.batchNo !== filter.batchNo) continue;
      out.push({ ...e });
    }
    return out;
  }

  /** The live entry (the simulator changes it); callers outside the simulator use entries(). */
  get(tid: string, batchNo: string, stan: string): LedgerEntry | undefined {
    return this.#entries.get(key(tid, batchNo, stan));
  }

  findByRrn(tid: string, rrn: string): LedgerEntry | undefined {
    for (const e of this.#entries.values()) if (e.tid === tid && e.rrn === rrn) return e;
    return undefined;
  }

  add(entry: LedgerEntry): LedgerEntry {
    this.#entries.set(key(entry.tid, entry.batchNo, entry.stan), entry);
    return entry;
  }

  /**
   * host-protocol §4.5: debit = approved sales (card and QR, voided ones too), credit =
   * approved voids and refunds; reversed and pending count nowhere.
   */
  totals(tid: string, batchNo: string): SettlementTotals {
    const side = (): SideTotals => ({ debitAmount: 0, debitCount: 0, creditAmount: 0, creditCount: 0 });
    const t: SettlementTotals = { domestic: side(), foreign: side() };
    for (const e of this.#entries.values()) {
      if (e.tid !== tid || e.batchNo !== batchNo) continue;
      if (e.status !== 'approved' && e.status !== 'voided') continue;
      const s = e.domestic ? t.domestic : t.foreign;
      if (e.type === 'sale' || e.type === 'qr-sale') {
        s.debitAmount += e.amount;
        s.debitCount += 1;
      } else {
        s.creditAmount += e.amount;
        s.creditCount += 1;
      }
    }
    return t;
  }
}
