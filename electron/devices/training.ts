// Training mode (培训, issue 5): the training bank host on loopback and the emulated PIN
// pad over an in-process pipe, with a terminal configuration and operators made for
// them, so `npm start` reaches a ready-to-sell counter with no hardware and no bank.
// The keys here are the published test keys of pinpad-protocol.md: nothing secret.
import type { Logger } from '../../native/log/logger.js';
import { createPinpadDriver, type PinpadDriver } from '../../native/pinpad/driver.js';
import { createPinpadEmulator, type PinpadEmulator } from '../../native/pinpad/emulator.js';
import { createPipePair } from '../../native/serial/byteTransport.js';
import { TRAINING_PIN } from '../host/cardTable.js';
import { startTrainingHost, type TrainingHost } from '../host/simulator.js';
import type { Operators } from '../operators/operators.js';
import { TERMINAL_DEFAULTS, type TerminalRepo } from '../terminal/terminalRepo.js';

export const TRAINING_TMK_HEX = '0123456789ABCDEFFEDCBA9876543210';
export const TRAINING_MASTER_SLOT = 1;
export const TRAINING_MERCHANT_ID = '898440358120001';
export const TRAINING_TERMINAL_ID = '10000001';
/** Shown on the training banner: training data only ever lives in the training database. */
export const TRAINING_CREDENTIALS = { cashier: { id: '01', password: '1111' }, supervisor: { id: '00', password: '123456' }, admin: { id: '99', password: '12345678' } } as const;

export interface TrainingDevices {
  /** The current training host (replaced by hostUp()). */
  readonly host: TrainingHost;
  emulator: PinpadEmulator;
  driver: PinpadDriver;
  /** Training drills (培训): the bank goes away and comes back on the same port. */
  hostDown(): Promise<void>;
  hostUp(): Promise<void>;
  /** Training drills: the PIN pad cable is pulled and plugged back in. */
  padUnplug(): void;
  padReplug(): void;
  close(): Promise<void>;
}

export async function startTrainingDevices(logger: Logger): Promise<TrainingDevices> {
  const tmk = Buffer.from(TRAINING_TMK_HEX, 'hex');
  let host = await startTrainingHost({ host: '127.0.0.1', port: 0, tmk, logger: logger.child('sim-host') });
  const port = host.port;
  let hostRunning = true;
  const pipe = createPipePair();
  const emulator = createPinpadEmulator(pipe.b, { masterKeys: { [TRAINING_MASTER_SLOT]: tmk }, pin: TRAINING_PIN, model: 'Cashdesk training pad', serial: 'TRAIN0001', logger: logger.child('sim-pinpad') });
  const driver = createPinpadDriver(pipe.a, { masterSlot: TRAINING_MASTER_SLOT, logger });
  return {
    get host() {
      return host;
    },
    emulator,
    driver,
    async hostDown() {
      if (!hostRunning) return;
      hostRunning = false;
      await host.close();
    },
    async hostUp() {
      if (hostRunning) return;
      host = await startTrainingHost({ host: '127.0.0.1', port, tmk, logger: logger.child('sim-host') });
      hostRunning = true;
    },
    padUnplug: () => pipe.unplug(),
    padReplug: () => pipe.replug(),
    async close() {
      await driver.close();
      await emulator.close();
      await pipe.close();
      if (hostRunning) await host.close();
    },
  };
}

/** Points the training terminal at this run's host port and makes the training operators once. */
export async function seedTraining(repo: TerminalRepo, operators: Operators, hostPort: number, now: Date): Promise<void> {
  if (!operators.isSetUp()) {
    await operators.firstSetup({ supervisorPassword: TRAINING_CREDENTIALS.supervisor.password, adminPassword: TRAINING_CREDENTIALS.admin.password });
    const approval = { operatorId: '00', at: now.toISOString() };
    await operators.add({ id: TRAINING_CREDENTIALS.cashier.id, name: '培训收银员', password: TRAINING_CREDENTIALS.cashier.password }, approval);
  }
  const existing = repo.config('default');
  repo.saveConfig(
    {
      ...TERMINAL_DEFAULTS,
      accountId: 'default',
      merchantId: TRAINING_MERCHANT_ID,
      terminalId: TRAINING_TERMINAL_ID,
      merchantName: existing?.merchantName || '培训商户 Training Shop',
      host: '127.0.0.1',
      port: hostPort,
      masterKeySlot: TRAINING_MASTER_SLOT,
      replyTimeoutMs: existing?.replyTimeoutMs ?? 10_000,
      reversalRetries: existing?.reversalRetries ?? 3,
      signOffAfterSettle: existing?.signOffAfterSettle ?? true,
    },
    now,
  );
}
