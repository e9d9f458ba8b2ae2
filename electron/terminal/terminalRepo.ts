// SQL of the terminal (style.md §8: prepared statements, named parameters).
import type { Db } from '../../native/store/store.js';
import type { TerminalConfigView } from '../contract.js';

export type NetCode = TerminalConfigView['netCode'];

/** The terminal's configuration; the contract's view is the whole of it (nothing in it is secret). */
export type TerminalConfig = TerminalConfigView;

/** Defaults for what setup does not ask (host-protocol §1 TPDU/header, §3 net code 004). */
export const TERMINAL_DEFAULTS: Omit<TerminalConfig, 'accountId' | 'merchantId' | 'terminalId' | 'host' | 'port'> = {
  merchantName: '',
  tls: false,
  caFile: null,
  tpdu: '6000030000',
  header: '603100311003',
  netCode: '004',
  pinpadPort: null,
  pinpadBaud: 9600,
  pinpadFormat: '8N1',
  masterKeySlot: 0,
  replyTimeoutMs: 30_000,
  reversalRetries: 3,
  dailySignInAt: null,
  signOffAfterSettle: true,
};

export interface StoredKey {
  cipher: string;
  kcv: string;
}

export interface TerminalSessionRow {
  accountId: string;
  signedIn: boolean;
  batchNo: string;
  keyScheme: NetCode | null;
  pinKey: StoredKey | null;
  macKey: StoredKey | null;
  trackKey: StoredKey | null;
  signedInAt: string | null;
  hostTime: string | null;
  signedOffAt: string | null;
}

interface ConfigRow {
  account_id: string;
  merchant_id: string;
  terminal_id: string;
  merchant_name: string;
  host: string;
  port: number;
  tls: number;
  ca_file: string | null;
  tpdu: string;
  header: string;
  net_code: NetCode;
  pinpad_port: string | null;
  pinpad_baud: number;
  pinpad_format: '8N1' | '7E1';
  master_key_slot: number;
  reply_timeout_ms: number;
  reversal_retries: number;
  daily_sign_in_at: string | null;
  sign_off_after_settle: number;
}

interface SessionRow {
  account_id: string;
  signed_in: number;
  batch_no: string;
  key_scheme: NetCode | null;
  pik_cipher: string | null;
  pik_kcv: string | null;
  mak_cipher: string | null;
  mak_kcv: string | null;
  tdk_cipher: string | null;
  tdk_kcv: string | null;
  signed_in_at: string | null;
  host_time: string | null;
  signed_off_at: string | null;
}

const key = (cipher: string | null, kcv: string | null): StoredKey | null => (cipher && kcv ? { cipher, kcv } : null);

export class TerminalRepo {
  constructor(private readonly db: Db) {}

  config(accountId: string): TerminalConfig | null {
    const r = this.db.prepare('SELECT * FROM terminal_config WHERE account_id = ?').get(accountId) as ConfigRow | undefined;
    if (!r) return null;
    return {
      accountId: r.account_id,
      merchantId: r.merchant_id,
      terminalId: r.terminal_id,
      merchantName: r.merchant_name,
      host: r.host,
      port: r.port,
      tls: r.tls === 1,
      caFile: r.ca_file,
      tpdu: r.tpdu,
      header: r.header,
      netCode: r.net_code,
      pinpadPort: r.pinpad_port,
      pinpadBaud: r.pinpad_baud,
      pinpadFormat: r.pinpad_format,
      masterKeySlot: r.master_key_slot,
      replyTimeoutMs: r.reply_timeout_ms,
      reversalRetries: r.reversal_retries,
      dailySignInAt: r.daily_sign_in_at,
      signOffAfterSettle: r.sign_off_after_settle === 1,
    };
  }

  saveConfig(c: TerminalConfig, now: Date): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO merchant_accounts (id, name) VALUES (?, ?)').run(c.accountId, c.merchantName || c.accountId);
      this.db
        .prepare(
          `INSERT INTO terminal_config (account_id, merchant_id, terminal_id, merchant_name, host, port, tls, ca_file, tpdu, header, net_code,
             pinpad_port, pinpad_baud, pinpad_format, master_key_slot, reply_timeout_ms, reversal_retries, daily_sign_in_at, sign_off_after_settle, updated_at)
           VALUES (@accountId, @merchantId, @terminalId, @merchantName, @host, @port, @tls, @caFile, @tpdu, @header, @netCode,
             @pinpadPort, @pinpadBaud, @pinpadFormat, @masterKeySlot, @replyTimeoutMs, @reversalRetries, @dailySignInAt, @signOffAfterSettle, @updatedAt)
           ON CONFLICT(account_id) DO UPDATE SET merchant_id = excluded.merchant_id, terminal_id = excluded.terminal_id, merchant_name = excluded.merchant_name,
             host = excluded.host, port = excluded.port, tls = excluded.tls, ca_file = excluded.ca_file, tpdu = excluded.tpdu, header = excluded.header,
             net_code = excluded.net_code, pinpad_port = excluded.pinpad_port, pinpad_baud = excluded.pinpad_baud, pinpad_format = excluded.pinpad_format,
             master_key_slot = excluded.master_key_slot, reply_timeout_ms = excluded.reply_timeout_ms, reversal_retries = excluded.reversal_retries,
             daily_sign_in_at = excluded.daily_sign_in_at, sign_off_after_settle = excluded.sign_off_after_settle, updated_at = excluded.updated_at`,
        )
        .run({ ...c, tls: c.tls ? 1 : 0, signOffAfterSettle: c.signOffAfterSettle ? 1 : 0, updatedAt: now.toISOString() });
      this.db.prepare('INSERT OR IGNORE INTO terminal_session (account_id) VALUES (?)').run(c.accountId);
      this.db.prepare('INSERT OR IGNORE INTO stan_counter (account_id) VALUES (?)').run(c.accountId);
    })();
  }

  session(accountId: string): TerminalSessionRow {
    const r = this.db.prepare('SELECT * FROM terminal_session WHERE account_id = ?').get(accountId) as SessionRow | undefined;
    return {
      accountId,
      signedIn: r?.signed_in === 1,
      batchNo: r?.batch_no ?? '000001',
      keyScheme: r?.key_scheme ?? null,
      pinKey: key(r?.pik_cipher ?? null, r?.pik_kcv ?? null),
      macKey: key(r?.mak_cipher ?? null, r?.mak_kcv ?? null),
      trackKey: key(r?.tdk_cipher ?? null, r?.tdk_kcv ?? null),
      signedInAt: r?.signed_in_at ?? null,
      hostTime: r?.host_time ?? null,
      signedOffAt: r?.signed_off_at ?? null,
    };
  }

  /** Called only after every key was loaded into the pad with its KCV checked. */
  saveSignedIn(s: { accountId: string; batchNo: string; keyScheme: NetCode; pinKey: StoredKey; macKey: StoredKey; trackKey: StoredKey | null; signedInAt: string; hostTime: string | null }): void {
    this.db
      .prepare(
        `INSERT INTO terminal_session (account_id, signed_in, batch_no, key_scheme, pik_cipher, pik_kcv, mak_cipher, mak_kcv, tdk_cipher, tdk_kcv, signed_in_at, host_time, signed_off_at)
         VALUES (@accountId, 1, @batchNo, @keyScheme, @pikCipher, @pikKcv, @makCipher, @makKcv, @tdkCipher, @tdkKcv, @signedInAt, @hostTime, NULL)
         ON CONFLICT(account_id) DO UPDATE SET signed_in = 1, batch_no = excluded.batch_no, key_scheme = excluded.key_scheme,
           pik_cipher = excluded.pik_cipher, pik_kcv = excluded.pik_kcv, mak_cipher = excluded.mak_cipher, mak_kcv = excluded.mak_kcv,
           tdk_cipher = excluded.tdk_cipher, tdk_kcv = excluded.tdk_kcv, signed_in_at = excluded.signed_in_at, host_time = excluded.host_time, signed_off_at = NULL`,
      )
      .run({
        accountId: s.accountId,
        batchNo: s.batchNo,
        keyScheme: s.keyScheme,
        pikCipher: s.pinKey.cipher,
        pikKcv: s.pinKey.kcv,
        makCipher: s.macKey.cipher,
        makKcv: s.macKey.kcv,
        tdkCipher: s.trackKey?.cipher ?? null,
        tdkKcv: s.trackKey?.kcv ?? null,
        signedInAt: s.signedInAt,
        hostTime: s.hostTime,
      });
  }

  /** Sign-off or a failed sign-in: the session ends and its keys are forgotten. */
  clearSession(accountId: string, at: string | null): void {
    this.db
      .prepare(
        `UPDATE terminal_session SET signed_in = 0, key_scheme = NULL, pik_cipher = NULL, pik_kcv = NULL, mak_cipher = NULL, mak_kcv = NULL,
           tdk_cipher = NULL, tdk_kcv = NULL, signed_off_at = COALESCE(@at, signed_off_at) WHERE account_id = @accountId`,
      )
      .run({ accountId, at });
  }

  setBatch(accountId: string, batchNo: string): void {
    this.db.prepare('UPDATE terminal_session SET batch_no = ? WHERE account_id = ?').run(batchNo, accountId);
  }

  /**
   * The next STAN. Call it inside the transaction that journals the message
   * (architecture.md step 4): if that transaction rolls back, so does the STAN.
   */
  nextStan(accountId: string): string {
    const r = this.db.prepare('UPDATE stan_counter SET last_stan = last_stan + 1 WHERE account_id = ? RETURNING last_stan').get(accountId) as { last_stan: number } | undefined;
    if (!r) throw new Error(`no STAN counter for account ${accountId}: configure the terminal first`);
    // n6 wraps after 999999 to 000001; 000000 is never used.
    return String(((r.last_stan - 1) % 999_999) + 1).padStart(6, '0');
  }
}
