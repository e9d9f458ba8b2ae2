// createApp(config): the one composition root (style.md §7). It builds everything in a
// fixed order — store → devices → host link → services — and close() undoes it in
// reverse. No module creates its own singletons.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore, type Store } from '../native/store/store.js';
import { createLogger, type Logger } from '../native/log/logger.js';
import { AppEvents } from './appEvents.js';
import { Settings } from '../native/store/settings.js';
import { AuditLog } from './audit/auditLog.js';
import type { AppStatus } from './contract.js';
import type { Handlers } from './dispatch.js';
import { Operators } from './operators/operators.js';

export interface AppConfig {
  /** Folder for the database and logs. */
  dataDir: string;
  /** Training mode (培训): simulated bank host and emulated PIN pad; its own database file. */
  training: boolean;
  /** Overrides the database file (tests, CLI --db). */
  dbPath?: string;
  logger?: Logger;
  /**
   * 'auto' (the app): open the PIN pad and the host link, sign in by itself.
   * 'none' (CLI commands that only read or write the database): touch no device.
   */
  devices?: 'auto' | 'none';
  /** The clock; tests move it to check lockouts and the idle lock. */
  clock?: () => Date;
}

export interface App {
  readonly config: AppConfig;
  readonly store: Store;
  readonly events: AppEvents;
  readonly handlers: Handlers;
  readonly logger: Logger;
  readonly audit: AuditLog;
  readonly settings: Settings;
  readonly operators: Operators;
  status(): AppStatus;
  close(): Promise<void>;
}

export function packageVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  const fallback = new URL('../../package.json', import.meta.url);
  for (const u of [url, fallback]) {
    try {
      return (JSON.parse(readFileSync(u, 'utf8')) as { version: string }).version;
    } catch {
      // dist/electron/app.js is one level deeper than electron/app.ts
    }
  }
  return '0.0.0';
}

/** Training and live data never share a file (issue 5: leaving training never mixes them). */
export function defaultDbPath(config: Pick<AppConfig, 'dataDir' | 'training'>): string {
  return resolve(join(config.dataDir, config.training ? 'cashdesk-training.db' : 'cashdesk.db'));
}

export async function createApp(config: AppConfig): Promise<App> {
  const logger = config.logger ?? createLogger({ file: join(config.dataDir, 'logs', 'cashdesk.log') });
  const dbPath = config.dbPath ? resolve(config.dbPath) : defaultDbPath(config);
  const store = openStore(dbPath);
  const events = new AppEvents();
  const now = config.clock ?? (() => new Date());
  const audit = new AuditLog(store.db, now);
  const settings = new Settings(store.db);
  const operators = new Operators({ db: store.db, audit, settings, now, onSessionChange: (s) => events.emit('operator.session', s) });
  const startedAt = new Date().toISOString();
  const version = packageVersion();

  const status = (): AppStatus => ({
    version,
    dbPath,
    schemaVersion: store.schemaVersion,
    training: config.training,
    startedAt,
    devices: { pinpad: 'absent', printer: 'absent' },
    hostLink: 'disconnected',
  });

  const handlers: Handlers = {
    'app.status': () => status(),

    'operator.setupNeeded': () => ({ needed: !operators.isSetUp() }),
    'operator.firstSetup': async (r) => {
      await operators.firstSetup(r);
      return { ok: true as const };
    },
    'operator.signIn': (r) => operators.signIn(r),
    'operator.session': () => operators.session(),
    'operator.signOut': () => operators.signOut('sign-out'),
    'operator.switch': () => operators.signOut('switch'),
    'operator.lock': () => operators.lock(),
    'operator.unlock': (r) => operators.unlock(r.password),
    'operator.authorizeTransaction': (r) => operators.authorizeTransaction(r.password),
    'operator.list': () => operators.list(),
    'operator.add': async (r) => {
      const approval = await operators.approveAsSupervisor(r.supervisor.operatorId, r.supervisor.password, 'operator.add');
      return operators.add({ id: r.id, name: r.name, password: r.password }, approval);
    },
    'operator.unlockOperator': async (r) => {
      const approval = await operators.approveAsSupervisor(r.supervisor.operatorId, r.supervisor.password, 'operator.unlock');
      operators.unlockOperator(r.id, approval);
      return { ok: true as const };
    },
    'operator.policy': () => operators.policy(),
    'operator.setPolicy': async (r) => {
      const { supervisor, ...change } = r;
      const approval = await operators.approveAsSupervisor(supervisor.operatorId, supervisor.password, 'operator.setPolicy');
      return operators.setPolicy(change, approval);
    },
    'audit.verify': () => audit.verify(),
    'audit.recent': (r) => audit.recent(r.limit ?? 100),
  };

  logger.log('info', 'app.started', { version, dbPath, training: config.training });

  let closed = false;
  return {
    config,
    store,
    events,
    handlers,
    logger,
    audit,
    settings,
    operators,
    status,
    async close() {
      if (closed) return;
      closed = true;
      store.close();
      logger.log('info', 'app.closed');
    },
  };
}
