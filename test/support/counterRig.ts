// A shop counter made of real parts for integration tests (issue 5, 6): the training
// bank host on TCP (loopback), the PIN pad emulator on one end of a socat pty pair with
// the app's driver on the other, and a SQLite file in a temp dir.
import { join } from 'node:path';
import { createApp, type App, type AppConfig } from '../../electron/app.js';
import { TRAINING_PIN } from '../../electron/host/cardTable.js';
import { startTrainingHost, type TrainingHost } from '../../electron/host/simulator.js';
import { createLogger, type MemoryLogger } from '../../native/log/logger.js';
import { createPinpadEmulator, type PinpadEmulator } from '../../native/pinpad/emulator.js';
import { openSerialTransport } from '../../native/serial/serialTransport.js';
import type { ByteTransport } from '../../native/serial/byteTransport.js';
import { startPtyPair, type PtyPair } from './ptyPair.js';
import { makeTempDir } from './tempDir.js';

export const RIG_TMK_HEX = '0123456789ABCDEFFEDCBA9876543210';
export const RIG_MASTER_SLOT = 3;
export const SUPERVISOR = { operatorId: '00', password: '246810' };
export const ADMIN_PASSWORD = '13579135';
export const CASHIER = { operatorId: '01', password: '4321' };

export interface Rig {
  dir: string;
  dbPath: string;
  logFile: string;
  pty: PtyPair;
  host: TrainingHost;
  emulator: PinpadEmulator;
  emulatorTransport: ByteTransport;
  logger: MemoryLogger;
  /** Opens the app on the rig (devices on, automatic sign-in unless told otherwise). */
  open(extra?: Partial<AppConfig>): Promise<App>;
  /** Configures the terminal and operators in the database (first run only). */
  setUp(options?: { replyTimeoutMs?: number; netCode?: '001' | '003' | '004' }): Promise<void>;
  close(): Promise<void>;
}

export async function waitFor<T>(what: string, fn: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startRig(options: { emulatorMasterKeyHex?: string; hostTmkHex?: string; qrPendingReplies?: number } = {}): Promise<Rig> {
  const tmp = makeTempDir('cashdesk-rig-');
  const pty = await startPtyPair(tmp.dir);
  const host = await startTrainingHost({ host: '127.0.0.1', port: 0, tmk: Buffer.from(options.hostTmkHex ?? RIG_TMK_HEX, 'hex'), qrPendingReplies: options.qrPendingReplies });
  const emulatorTransport = await openSerialTransport({ path: pty.b });
  const emulator = createPinpadEmulator(emulatorTransport, { masterKeys: { [RIG_MASTER_SLOT]: options.emulatorMasterKeyHex ?? RIG_TMK_HEX }, pin: TRAINING_PIN });
  const logFile = join(tmp.dir, 'logs', 'cashdesk.log');
  const logger = createLogger({ file: logFile, minLevel: 'debug' });
  const dbPath = join(tmp.dir, 'cashdesk.db');
  const apps: App[] = [];
  const rig: Rig = {
    dir: tmp.dir,
    dbPath,
    logFile,
    pty,
    host,
    emulator,
    emulatorTransport,
    logger,
    async setUp(o = {}) {
      const app = await createApp({ dataDir: tmp.dir, dbPath, training: false, devices: 'none', logger });
      try {
        if (!app.operators.isSetUp()) {
          await app.operators.firstSetup({ supervisorPassword: SUPERVISOR.password, adminPassword: ADMIN_PASSWORD });
          await app.operators.add({ id: CASHIER.operatorId, password: CASHIER.password }, { operatorId: '00', at: new Date().toISOString() });
        }
        app.terminal.repo.saveConfig(
          {
            accountId: 'default',
            merchantId: '898440358120099',
            terminalId: '20000001',
            merchantName: '测试小店',
            host: '127.0.0.1',
            port: host.port,
            tls: false,
            caFile: null,
            tpdu: '6000030000',
            header: '603100311003',
            netCode: o.netCode ?? '004',
            pinpadPort: pty.a,
            pinpadBaud: 9600,
            pinpadFormat: '8N1',
            masterKeySlot: RIG_MASTER_SLOT,
            replyTimeoutMs: o.replyTimeoutMs ?? 3000,
            reversalRetries: 3,
            dailySignInAt: null,
            signOffAfterSettle: false,
          },
          new Date(),
        );
      } finally {
        await app.close();
      }
    },
    async open(extra = {}) {
      const app = await createApp({ dataDir: tmp.dir, dbPath, training: false, logger, signInBackoffMs: [200, 400, 800], qrTiming: { intervalMs: 50, windowMs: 600 }, ...extra });
      apps.push(app);
      return app;
    },
    async close() {
      for (const a of apps) await a.close().catch(() => undefined);
      await emulator.close().catch(() => undefined);
      await emulatorTransport.close().catch(() => undefined);
      await host.close().catch(() => undefined);
      await pty.close().catch(() => undefined);
      tmp.cleanup();
    },
  };
  return rig;
}

export async function signedIn(app: App, timeoutMs = 15_000): Promise<void> {
  await waitFor('terminal sign-in', () => app.terminal.status().signedIn, timeoutMs);
}
