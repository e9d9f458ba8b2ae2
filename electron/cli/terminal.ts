import { CashdeskError } from '../../native/errors.js';
import { createApp } from '../app.js';
import { silentLogger } from '../../native/log/logger.js';
import type { TerminalConfig } from '../terminal/terminalRepo.js';
import { parseOptions, requireOption, UsageError, type CliCommand } from './command.js';
import { withApp } from './openApp.js';
import { dirname } from 'node:path';

function hostPort(v: string): { host: string; port: number } {
  const m = /^(.+):(\d{1,5})$/.exec(v);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new UsageError(`--host must be HOST:PORT, got "${v}"`, `--host 应为 主机:端口，收到 "${v}"`);
  return { host: m[1]!, port };
}

export const commands: CliCommand[] = [
  {
    path: ['setup'],
    summary: "create or update the terminal's configuration / 终端设置",
    usage:
      'cashdesk setup --db FILE --mid MID --tid TID --host HOST:PORT --pinpad PATH [--master-slot N] [--tpdu HEX] [--header HEX] [--netcode 001|003|004] [--name NAME]\n' +
      '  first setup: CASHDESK_SUPERVISOR_PASSWORD (6 digits) and CASHDESK_ADMIN_PASSWORD (8 digits); later: CASHDESK_SUPERVISOR_PASSWORD authorises the change',
    run: async (args, io) => {
      const opts = parseOptions(args, { db: 'string', mid: 'string', tid: 'string', host: 'string', pinpad: 'string', 'master-slot': 'string', tpdu: 'string', header: 'string', netcode: 'string', name: 'string', 'reply-timeout-ms': 'string' });
      const mid = requireOption(opts, 'mid');
      const tid = requireOption(opts, 'tid');
      if (mid.length !== 15) throw new UsageError('--mid must be 15 characters', '--mid 商户号应为 15 位');
      if (tid.length !== 8) throw new UsageError('--tid must be 8 characters', '--tid 终端号应为 8 位');
      const { host, port } = hostPort(requireOption(opts, 'host'));
      const netCode = (opts.netcode as string | undefined) ?? '004';
      if (!['001', '003', '004'].includes(netCode)) throw new UsageError('--netcode must be 001, 003 or 004', '--netcode 只能是 001、003 或 004');
      const slot = opts['master-slot'] === undefined ? 0 : Number(opts['master-slot']);
      if (!Number.isInteger(slot) || slot < 0 || slot > 9) throw new UsageError('--master-slot must be 0..9', '--master-slot 应为 0 到 9');
      const tpdu = ((opts.tpdu as string | undefined) ?? '6000030000').toUpperCase();
      if (!/^60[0-9A-F]{8}$/.test(tpdu)) throw new UsageError('--tpdu must be 60 followed by 8 hex digits', '--tpdu 应为 60 加 8 位十六进制');
      const header = ((opts.header as string | undefined) ?? '603100311003').toUpperCase();
      if (!/^[0-9A-F]{12}$/.test(header)) throw new UsageError('--header must be 12 hex digits', '--header 应为 12 位十六进制');
      const supervisorPassword = io.env.CASHDESK_SUPERVISOR_PASSWORD;
      if (!supervisorPassword) throw new UsageError('set CASHDESK_SUPERVISOR_PASSWORD', '请在环境变量 CASHDESK_SUPERVISOR_PASSWORD 中提供主管密码');
      return withApp(opts, async (app) => {
        if (!app.operators.isSetUp()) {
          const adminPassword = io.env.CASHDESK_ADMIN_PASSWORD;
          if (!adminPassword) throw new UsageError('first setup: set CASHDESK_ADMIN_PASSWORD (8 digits) too', '初次设置：还需在 CASHDESK_ADMIN_PASSWORD 中提供 8 位系统管理员密码');
          await app.operators.firstSetup({ supervisorPassword, adminPassword });
        }
        const approval = await app.operators.approveAsSupervisor('00', supervisorPassword, 'terminal.configure');
        const current = app.terminal.config();
        const next: TerminalConfig = {
          accountId: 'default',
          merchantId: mid,
          terminalId: tid,
          merchantName: (opts.name as string | undefined) ?? current?.merchantName ?? '',
          host,
          port,
          tls: current?.tls ?? false,
          caFile: current?.caFile ?? null,
          tpdu,
          header,
          netCode: netCode as TerminalConfig['netCode'],
          pinpadPort: requireOption(opts, 'pinpad'),
          pinpadBaud: current?.pinpadBaud ?? 9600,
          pinpadFormat: current?.pinpadFormat ?? '8N1',
          masterKeySlot: slot,
          replyTimeoutMs: opts['reply-timeout-ms'] ? Number(opts['reply-timeout-ms']) : current?.replyTimeoutMs ?? 30_000,
          reversalRetries: current?.reversalRetries ?? 3,
          dailySignInAt: current?.dailySignInAt ?? null,
          signOffAfterSettle: current?.signOffAfterSettle ?? true,
        };
        const keysChange = !current || (['merchantId', 'terminalId', 'host', 'port', 'netCode', 'masterKeySlot', 'tpdu'] as const).some((k) => current[k] !== next[k]);
        app.store.db.transaction(() => {
          app.terminal.repo.saveConfig(next, new Date());
          if (keysChange) app.terminal.repo.clearSession('default', null);
          app.audit.append({ actor: approval.operatorId, action: 'terminal.configure', outcome: 'ok', detail: { merchantId: mid, terminalId: tid, host: `${host}:${port}` } });
        })();
        return app.terminal.config();
      });
    },
  },
  {
    path: ['terminal', 'signin'],
    summary: 'terminal sign-in (签到): keys into the PIN pad, batch adopted',
    usage: 'cashdesk terminal signin --db FILE',
    run: async (args) => {
      const opts = parseOptions(args, { db: 'string' });
      const db = requireOption(opts, 'db');
      const app = await createApp({ dataDir: dirname(db), dbPath: db, training: false, logger: silentLogger, devices: 'auto', autoSignIn: false });
      try {
        if (!app.terminal.config()) throw new CashdeskError('TERMINAL_NOT_CONFIGURED', '终端尚未设置，请先运行 cashdesk setup。', 'The terminal is not set up; run cashdesk setup first.');
        const r = await app.terminal.signIn('cli');
        return { ok: true, batch: r.batch, keys: r.keys, hostTime: r.hostTime };
      } finally {
        await app.close();
      }
    },
  },
  {
    path: ['terminal', 'signoff'],
    summary: 'terminal sign-off (签退)',
    usage: 'cashdesk terminal signoff --db FILE',
    run: async (args) => {
      const opts = parseOptions(args, { db: 'string' });
      const db = requireOption(opts, 'db');
      const app = await createApp({ dataDir: dirname(db), dbPath: db, training: false, logger: silentLogger, devices: 'auto', autoSignIn: false });
      try {
        return await app.terminal.signOff('00');
      } finally {
        await app.close();
      }
    },
  },
];
