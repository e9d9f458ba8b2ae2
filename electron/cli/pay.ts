import { dirname } from 'node:path';
import { CashdeskError } from '../../native/errors.js';
import { silentLogger } from '../../native/log/logger.js';
import { createApp, type App } from '../app.js';
import { parseOptions, requireOption, UsageError, type CliCommand, type CliIo } from './command.js';

type Opts = Record<string, string | boolean | undefined>;

function password(io: CliIo, opts: Opts, env: string, flag: string): string {
  if (typeof opts[flag] === 'string') {
    io.warn(`cashdesk: warning: --${flag} on the command line is for tests only / 警告：命令行密码仅供测试`);
    return opts[flag] as string;
  }
  const v = io.env[env];
  if (!v) throw new UsageError(`set ${env}`, `请在环境变量 ${env} 中提供密码`);
  return v;
}

function fen(v: string | undefined, name: string): number {
  const n = Number(v);
  if (v === undefined || !/^\d+$/.test(v) || !Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${name} must be a whole number of fen above 0`, `--${name} 应为大于 0 的整数（分）`);
  return n;
}

/** Opens the app on --db with its devices, signs the terminal and the operator in, runs fn. */
async function withCounter<T>(opts: Opts, io: CliIo, fn: (app: App, operatorId: string) => Promise<T>): Promise<T> {
  const db = requireOption(opts, 'db');
  const operatorId = requireOption(opts, 'operator');
  const pw = password(io, opts, 'CASHDESK_PASSWORD', 'password');
  const app = await createApp({ dataDir: dirname(db), dbPath: db, training: false, logger: silentLogger, devices: 'auto', autoSignIn: false });
  try {
    if (!app.terminal.config()) throw new CashdeskError('TERMINAL_NOT_CONFIGURED', '终端尚未设置，请先运行 cashdesk setup。', 'The terminal is not set up; run cashdesk setup first.');
    const r = await app.operators.signIn({ operatorId, password: pw });
    if (r.status !== 'signed-in') throw new CashdeskError('OPERATOR_SIGN_IN', '操作员签到需要选择账户或主管确认，请在收银界面签到。', 'The operator sign-in needs an account choice or a supervisor; sign in at the counter.');
    await app.terminal.ensureSignedIn();
    return await fn(app, operatorId);
  } finally {
    await app.close();
  }
}

const saleShape = (r: { ok: boolean; responseCode: string | null; message: string; stan: string; batch: string; rrn: string | null; authCode: string | null; maskedPan: string | null }) => ({
  ok: r.ok,
  responseCode: r.responseCode,
  message: r.message,
  stan: r.stan,
  batch: r.batch,
  rrn: r.rrn,
  authCode: r.authCode,
  maskedPan: r.maskedPan,
});

const declined = (r: { ok: boolean }, out: unknown): unknown => {
  if (!r.ok) throw Object.assign(new CashdeskError('DECLINED', '交易未成功', 'The transaction was not approved'), { output: out });
  return out;
};

export const commands: CliCommand[] = [
  {
    path: ['pay', 'sale'],
    summary: 'one sale, end to end / 消费',
    usage: 'cashdesk pay sale --db FILE --operator 01 --amount FEN --method card|qr|cash [--qr-code CODE] [--tendered FEN]  (CASHDESK_PASSWORD)',
    run: async (args, io) => {
      const opts = parseOptions(args, { db: 'string', operator: 'string', amount: 'string', method: 'string', 'qr-code': 'string', tendered: 'string', password: 'string' });
      const amount = fen(opts.amount as string | undefined, 'amount');
      const method = requireOption(opts, 'method');
      if (!['card', 'qr', 'cash'].includes(method)) throw new UsageError('--method must be card, qr or cash', '--method 只能是 card、qr 或 cash');
      if (method === 'qr' && !opts['qr-code']) throw new UsageError('--qr-code is required with --method qr', '扫码支付需要 --qr-code');
      return withCounter(opts, io, async (app, operatorId) => {
        const r =
          method === 'card'
            ? await app.payments.cardSale({ operatorId, amount })
            : method === 'qr'
              ? await app.payments.qrSale({ operatorId, amount, paymentCode: opts['qr-code'] as string })
              : await app.payments.cashSale({ operatorId, amount, tendered: opts.tendered ? fen(opts.tendered as string, 'tendered') : amount });
        return declined(r, saleShape(r));
      });
    },
  },
  {
    path: ['pay', 'void'],
    summary: 'void a sale of the open batch / 撤销',
    usage: 'cashdesk pay void --db FILE --operator 01 --stan NNNNNN [--supervisor 00]  (CASHDESK_PASSWORD, CASHDESK_SUPERVISOR_PASSWORD)',
    run: async (args, io) => {
      const opts = parseOptions(args, { db: 'string', operator: 'string', stan: 'string', password: 'string', supervisor: 'string', 'supervisor-password': 'string' });
      const stan = requireOption(opts, 'stan');
      if (!/^\d{6}$/.test(stan)) throw new UsageError('--stan must be 6 digits', '--stan 应为 6 位数字');
      const sup = password(io, opts, 'CASHDESK_SUPERVISOR_PASSWORD', 'supervisor-password');
      return withCounter(opts, io, async (app, operatorId) => {
        const approval = await app.operators.approveAsSupervisor((opts.supervisor as string | undefined) ?? '00', sup, 'payment.void');
        const r = await app.payments.void({ operatorId, stan, approval });
        return declined(r, saleShape(r));
      });
    },
  },
  {
    path: ['pay', 'refund'],
    summary: 'refund / 退货',
    usage: 'cashdesk pay refund --db FILE --operator 01 --rrn RRN --amount FEN --date MMDD [--supervisor 00]  (CASHDESK_PASSWORD, CASHDESK_SUPERVISOR_PASSWORD)',
    run: async (args, io) => {
      const opts = parseOptions(args, { db: 'string', operator: 'string', rrn: 'string', amount: 'string', date: 'string', password: 'string', supervisor: 'string', 'supervisor-password': 'string' });
      const amount = fen(opts.amount as string | undefined, 'amount');
      const rrn = requireOption(opts, 'rrn');
      const date = requireOption(opts, 'date');
      if (!/^\d{4}$/.test(date)) throw new UsageError('--date must be MMDD', '--date 应为 MMDD');
      const sup = password(io, opts, 'CASHDESK_SUPERVISOR_PASSWORD', 'supervisor-password');
      return withCounter(opts, io, async (app, operatorId) => {
        const approval = await app.operators.approveAsSupervisor((opts.supervisor as string | undefined) ?? '00', sup, 'payment.refund');
        const r = await app.payments.refund({ operatorId, rrn, amount, date, approval });
        return declined(r, saleShape(r));
      });
    },
  },
  {
    path: ['pay', 'balance'],
    summary: 'card balance inquiry / 余额查询',
    usage: 'cashdesk pay balance --db FILE --operator 01  (CASHDESK_PASSWORD)',
    run: async (args, io) => {
      const opts = parseOptions(args, { db: 'string', operator: 'string', password: 'string' });
      return withCounter(opts, io, async (app, operatorId) => {
        const r = await app.payments.balance({ operatorId });
        return declined(r, { ok: r.ok, balance: r.balance ?? null });
      });
    },
  },
  {
    path: ['settle'],
    summary: 'settlement / 结算',
    usage: 'cashdesk settle --db FILE --operator 01  (CASHDESK_PASSWORD)',
    run: async (args, io) => {
      const opts = parseOptions(args, { db: 'string', operator: 'string', password: 'string' });
      return withCounter(opts, io, async (app, operatorId) => {
        const r = await app.payments.serial(() => app.settlement.settle(operatorId));
        return { ok: r.ok, balanced: r.balanced, batch: r.batch, nextBatch: r.nextBatch, debit: r.debit, credit: r.credit };
      });
    },
  },
  {
    path: ['journal'],
    summary: 'the transaction journal / 交易流水',
    usage: 'cashdesk journal --db FILE [--batch N]',
    run: async (args) => {
      const opts = parseOptions(args, { db: 'string', batch: 'string' });
      const db = requireOption(opts, 'db');
      const app = await createApp({ dataDir: dirname(db), dbPath: db, training: false, logger: silentLogger, devices: 'none' });
      try {
        const batch = typeof opts.batch === 'string' ? opts.batch.padStart(6, '0') : undefined;
        return app.journal.query({ ...(batch ? { batchNo: batch } : {}), limit: 5000 }).map((r) => ({
          stan: r.stan,
          type: r.type,
          tender: r.tender,
          amount: r.amount,
          status: r.status,
          maskedPan: r.maskedPan,
          batch: r.batchNo,
          rrn: r.rrn,
          authCode: r.authCode,
          responseCode: r.responseCode,
          operator: r.operatorId,
          at: r.createdAt,
        }));
      } finally {
        await app.close();
      }
    },
  },
];
