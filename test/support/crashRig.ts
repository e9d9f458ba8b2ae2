// The counter of the crash-safety test (issue 6): the training bank host (in the test
// process, so its ledger outlives every killed counter), the PIN pad emulator on one end
// of a socat pty pair and a SQLite file, like counterRig.ts; in addition it keeps every
// request the host received, in order, so a test can tell what reached the bank first
// after a restart. The counter itself runs in child processes (crashSale.ts) that are
// killed with SIGKILL.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createApp } from '../../electron/app.js';
import { TRAINING_PIN } from '../../electron/host/cardTable.js';
import { startTrainingHost, type TrainingHost } from '../../electron/host/simulator.js';
import type { Logger, LogFields } from '../../native/log/logger.js';
import { silentLogger } from '../../native/log/logger.js';
import { createPinpadEmulator, type PinpadEmulator } from '../../native/pinpad/emulator.js';
import type { ByteTransport } from '../../native/serial/byteTransport.js';
import { openSerialTransport } from '../../native/serial/serialTransport.js';
import { ADMIN_PASSWORD, CASHIER, RIG_MASTER_SLOT, RIG_TMK_HEX, SUPERVISOR } from './counterRig.js';
import { startPtyPair, type PtyPair } from './ptyPair.js';
import { makeTempDir } from './tempDir.js';

export const CRASH_TID = '20000001';

/** One request as the training host logged it (`sim.message`). */
export interface HostMessage {
  mti: string | null;
  kind?: string;
  stan?: string;
  amount?: number;
  responseCode?: string;
  /** 0400: F39 of the reversal. */
  reason?: string;
  matched?: boolean;
  faults?: string[];
}

/** Requests that move money or close a batch (sign-in, sign-off and signature uploads do not). */
export const MONEY_MTIS = new Set(['0200', '0220', '0400', '0500', '0320']);

export interface CrashRig {
  dir: string;
  dbPath: string;
  pty: PtyPair;
  host: TrainingHost;
  emulator: PinpadEmulator;
  /** Every request the host received, in order. */
  messages: HostMessage[];
  close(): Promise<void>;
}

export async function startCrashRig(): Promise<CrashRig> {
  const tmp = makeTempDir('cashdesk-crash-');
  const messages: HostMessage[] = [];
  const hostLog: Logger = {
    log(_level, event, fields?: LogFields) {
      if (event === 'sim.message' && fields) messages.push({ ...(fields as unknown as HostMessage) });
    },
    child() {
      return hostLog;
    },
  };
  const pty = await startPtyPair(tmp.dir);
  const host = await startTrainingHost({ host: '127.0.0.1', port: 0, tmk: Buffer.from(RIG_TMK_HEX, 'hex'), logger: hostLog });
  const emulatorTransport: ByteTransport = await openSerialTransport({ path: pty.b });
  const emulator = createPinpadEmulator(emulatorTransport, { masterKeys: { [RIG_MASTER_SLOT]: RIG_TMK_HEX }, pin: TRAINING_PIN });
  const dbPath = join(tmp.dir, 'cashdesk.db');

  const app = await createApp({ dataDir: tmp.dir, dbPath, training: false, devices: 'none', logger: silentLogger });
  try {
    await app.operators.firstSetup({ supervisorPassword: SUPERVISOR.password, adminPassword: ADMIN_PASSWORD });
    await app.operators.add({ id: CASHIER.operatorId, password: CASHIER.password }, { operatorId: '00', at: new Date().toISOString() });
    app.terminal.repo.saveConfig(
      {
        accountId: 'default',
        merchantId: '898440358120099',
        terminalId: CRASH_TID,
        merchantName: '测试小店',
        host: '127.0.0.1',
        port: host.port,
        tls: false,
        caFile: null,
        tpdu: '6000030000',
        header: '603100311003',
        netCode: '004',
        pinpadPort: pty.a,
        pinpadBaud: 9600,
        pinpadFormat: '8N1',
        masterKeySlot: RIG_MASTER_SLOT,
        // Long enough that a reply the host holds back is still awaited when the test kills the counter.
        replyTimeoutMs: 10_000,
        reversalRetries: 3,
        dailySignInAt: null,
        signOffAfterSettle: false,
      },
      new Date(),
    );
  } finally {
    await app.close();
  }

  return {
    dir: tmp.dir,
    dbPath,
    pty,
    host,
    emulator,
    messages,
    async close() {
      await emulator.close().catch(() => undefined);
      await emulatorTransport.close().catch(() => undefined);
      await host.close().catch(() => undefined);
      await pty.close().catch(() => undefined);
      tmp.cleanup();
    },
  };
}

/** What the counter child (crashSale.ts) printed, one JSON object a line. */
export type CrashChildLine =
  | { step: 'signed-in'; restored: boolean; ms: number }
  | { step: 'sale'; ok: boolean; status: string; stan: string; journalId: number; ms: number }
  | { step: 'signature'; status: string }
  | { step: 'error'; message: string };

export interface CrashChild {
  proc: ChildProcess;
  lines: CrashChildLine[];
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/**
 * Starts one counter process: opens the app on the rig's database with its devices,
 * waits for the terminal (restored session), runs one card sale of `amount` fen, then
 * the signature. `faultPoint` sets CASHDESK_FAULT_POINT: the process kills itself there.
 */
export function startCrashChild(rig: CrashRig, o: { script: string; amount: number; faultPoint?: string; execArgv?: string[] }): CrashChild {
  const env: NodeJS.ProcessEnv = { ...process.env, CRASH_DB: rig.dbPath, CRASH_AMOUNT: String(o.amount) };
  delete env.CASHDESK_FAULT_POINT;
  if (o.faultPoint) env.CASHDESK_FAULT_POINT = o.faultPoint;
  const proc = spawn(process.execPath, [...(o.execArgv ?? []), o.script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: CrashChildLine[] = [];
  createInterface({ input: proc.stdout! }).on('line', (l) => {
    try {
      lines.push(JSON.parse(l) as CrashChildLine);
    } catch {
      // not ours
    }
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < 20_000) stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { proc, lines, exited };
}

/** The journal and reversal records as the database file holds them (read-only). */
export function readJournal(dbPath: string): {
  rows: Array<{ id: number; stan: string; type: string; tender: string; amount: number; status: string; batchNo: string }>;
  reversals: Array<{ journalId: number; phase: string; reason: string }>;
  signatures: number[];
} {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id, stan, type, tender, amount, status, batch_no AS batchNo FROM journal ORDER BY id').all() as Array<{ id: number; stan: string; type: string; tender: string; amount: number; status: string; batchNo: string }>;
    const reversals = db.prepare('SELECT journal_id AS journalId, phase, reason FROM reversals ORDER BY journal_id').all() as Array<{ journalId: number; phase: string; reason: string }>;
    const signatures = (db.prepare('SELECT journal_id AS journalId FROM signatures').all() as Array<{ journalId: number }>).map((s) => s.journalId);
    return { rows, reversals, signatures };
  } finally {
    db.close();
  }
}
