// E-signature (电签, issue 6): after an approved card sale the cardholder signs on the
// customer display. The strokes and a ≤999-byte PNG are kept with the e-slip and the
// 0820 upload is queued durably and retried. A refused or timed-out signature is
// recorded; it never touches the sale (host-protocol §4.4: not a reason to reverse).
import { CashdeskError, toCashdeskError } from '../../native/errors.js';
import type { Logger } from '../../native/log/logger.js';
import type { Db } from '../../native/store/store.js';
import type { HostLink } from '../host/link.js';
import { buildSignatureUpload, parseReply } from '../host/messages.js';
import type { Terminal } from '../terminal/terminal.js';
import { faultPoint } from './faultPoints.js';
import type { JournalRepo } from './journalRepo.js';
import { signaturePng, type Stroke } from './signatureImage.js';
import type { SignatureRecord } from '../contract.js';

export const SIGNATURE_UPLOAD_ATTEMPTS = 5;

export type SignatureStatus = 'signed' | 'refused' | 'timed-out';

export type { SignatureRecord };

export interface SignatureDeps {
  db: Db;
  journal: JournalRepo;
  terminal: Terminal;
  hostLink: () => HostLink | null;
  logger: Logger;
  now: () => Date;
}

export class Signatures {
  constructor(private readonly d: SignatureDeps) {}

  submit(journalId: number, input: { status: SignatureStatus; strokes?: Stroke[] }): SignatureRecord {
    const row = this.d.journal.get(journalId);
    if (!row || row.type !== 'sale' || row.tender !== 'card' || (row.status !== 'approved' && row.status !== 'voided')) {
      throw new CashdeskError('NO_SIGNATURE_NEEDED', '这笔交易不需要签名。', 'This transaction takes no signature.');
    }
    const existing = this.get(journalId);
    if (existing?.status === 'signed') {
      throw new CashdeskError('ALREADY_SIGNED', '持卡人已经签过名，签名不能更改。', 'The cardholder has already signed; a signature cannot be replaced.');
    }
    faultPoint('during-signature');
    const signed = input.status === 'signed' && input.strokes && input.strokes.some((s) => s.points.length > 0);
    const png = signed ? signaturePng(input.strokes!) : null;
    const at = this.d.now().toISOString();
    this.d.db
      .prepare(
        `INSERT INTO signatures (journal_id, status, strokes, png, upload_status, created_at, updated_at) VALUES (@journalId, @status, @strokes, @png, @upload, @at, @at)
         ON CONFLICT(journal_id) DO UPDATE SET status = excluded.status, strokes = excluded.strokes, png = excluded.png, upload_status = excluded.upload_status,
           upload_attempts = 0, upload_error = NULL, updated_at = excluded.updated_at`,
      )
      .run({ journalId, status: signed ? 'signed' : input.status === 'signed' ? 'refused' : input.status, strokes: signed ? JSON.stringify(input.strokes) : null, png, upload: signed ? 'queued' : 'none', at });
    return this.get(journalId)!;
  }

  get(journalId: number): SignatureRecord | null {
    const r = this.d.db.prepare('SELECT journal_id AS journalId, status, png, upload_status AS uploadStatus, upload_attempts AS uploadAttempts, upload_error AS uploadError FROM signatures WHERE journal_id = ?').get(journalId) as
      | (Omit<SignatureRecord, 'pngBase64'> & { png: Buffer | null })
      | undefined;
    if (!r) return null;
    const { png, ...rest } = r;
    return { ...rest, pngBase64: png ? png.toString('base64') : null };
  }

  /** Sends queued uploads; each failure is counted and retried later, up to SIGNATURE_UPLOAD_ATTEMPTS. */
  async uploadPending(operator = '001'): Promise<{ uploaded: number; failed: number }> {
    const link = this.d.hostLink();
    if (!link || !this.d.terminal.status().signedIn) return { uploaded: 0, failed: 0 };
    const queued = this.d.db.prepare("SELECT journal_id AS journalId, png FROM signatures WHERE upload_status = 'queued' ORDER BY journal_id").all() as Array<{ journalId: number; png: Buffer }>;
    let uploaded = 0;
    let failed = 0;
    for (const q of queued) {
      const sale = this.d.journal.get(q.journalId);
      if (!sale?.rrn) continue;
      try {
        const stan = this.d.terminal.repo.nextStan(sale.accountId);
        const reply = await link.exchange(buildSignatureUpload(this.d.terminal.context(operator), { stan, sale: { stan: sale.stan, rrn: sale.rrn }, image: q.png }), { macFn: this.d.terminal.macFn() });
        const info = parseReply(reply.message);
        if (!info.outcome.approved) throw new CashdeskError(`SIGNATURE_UPLOAD_${info.outcome.code}`, info.outcome.zh, info.outcome.en);
        this.d.db.prepare("UPDATE signatures SET upload_status = 'uploaded', upload_attempts = upload_attempts + 1, upload_error = NULL, updated_at = ? WHERE journal_id = ?").run(this.d.now().toISOString(), q.journalId);
        uploaded++;
      } catch (e) {
        const err = toCashdeskError(e);
        this.d.db
          .prepare(`UPDATE signatures SET upload_attempts = upload_attempts + 1, upload_error = ?, upload_status = CASE WHEN upload_attempts + 1 >= ${SIGNATURE_UPLOAD_ATTEMPTS} THEN 'failed' ELSE 'queued' END, updated_at = ? WHERE journal_id = ?`)
          .run(err.message, this.d.now().toISOString(), q.journalId);
        this.d.logger.log('warn', 'signature.upload-failed', { stan: sale.stan, code: err.code });
        failed++;
      }
    }
    return { uploaded, failed };
  }

  failedUploads(): Array<{ journalId: number; stan: string; error: string | null }> {
    return this.d.db
      .prepare("SELECT s.journal_id AS journalId, j.stan AS stan, s.upload_error AS error FROM signatures s JOIN journal j ON j.id = s.journal_id WHERE s.upload_status IN ('failed', 'queued') ORDER BY s.journal_id")
      .all() as Array<{ journalId: number; stan: string; error: string | null }>;
  }
}
