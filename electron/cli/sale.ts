// `cashdesk sale …` (spec/cli.md "The shop, headless"): the counter's checkout from a
// terminal. Every step is a call into electron/checkout — the same path the counter UI
// takes — so no flow is written twice here.
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { CashdeskError } from '../../native/errors.js';
import { silentLogger } from '../../native/log/logger.js';
import { createApp, type App } from '../app.js';
import type { CheckoutTender, CheckoutView, SaleReturnView } from '../checkout/checkoutSchemas.js';
import type { SaleView } from '../sales/salesSchemas.js';
import { yuan } from '../money.js';
import { UsageError, type CliCommand, type CliIo } from './command.js';

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;
type Spec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/** Strict options (unknown ones, `--__proto__` included, are usage errors), with the order kept. */
function options(args: string[], spec: Spec) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!, `选项有误：${(e as Error).message.split('\n')[0]!}`);
  }
}

function str(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`, `缺少必需的选项 --${name}`);
  return v;
}

function secret(io: CliIo, values: Values, env: string, flag: string): string {
  const v = values[flag];
  if (typeof v === 'string') {
    io.warn(`cashdesk: warning: --${flag} on the command line is for tests only / 警告：命令行密码仅供测试`);
    return v;
  }
  const e = io.env[env];
  if (!e) throw new UsageError(`set ${env}`, `请在环境变量 ${env} 中提供密码`);
  return e;
}

const wholeFen = (v: string, what: string): number => {
  const n = Number(v);
  if (!/^\d{1,12}$/.test(v) || !Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${what} must be a whole number of fen above 0`, `${what} 应为大于 0 的整数（分）`);
  return n;
};

const saleNo = (v: string): string => {
  if (!/^\d{8,20}$/.test(v)) throw new UsageError('--sale must be the sale number printed on the receipt', '--sale 应为小票上的销售单号');
  return v;
};

interface TenderAsk {
  method: 'card' | 'qr' | 'cash' | 'stored';
  fen: number | null;
}

function parseTender(v: string): TenderAsk {
  const m = /^(card|qr|cash|stored)(?::(\d+))?$/.exec(v);
  if (!m) throw new UsageError(`--tender ${v}: use card, qr, cash or stored, optionally :FEN`, `--tender ${v}：应为 card、qr、cash 或 stored，可加 :金额（分）`);
  return { method: m[1] as TenderAsk['method'], fen: m[2] !== undefined ? wholeFen(m[2], '--tender FEN') : null };
}

/**
 * Opens the counter on --db (its printer too: the receipt prints) and signs the operator in;
 * the terminal signs in to the bank only when a tender needs it.
 */
async function withCounter<T>(db: string, operatorId: string, password: string, bank: boolean, fn: (app: App) => Promise<T>): Promise<T> {
  const app = await createApp({ dataDir: dirname(db), dbPath: db, training: false, logger: silentLogger, devices: 'auto', autoSignIn: false });
  try {
    const r = await app.operators.signIn({ operatorId, password });
    if (r.status !== 'signed-in') throw new CashdeskError('OPERATOR_SIGN_IN', '操作员签到需要选择账户或主管确认，请在收银界面签到。', 'The operator sign-in needs an account choice or a supervisor; sign in at the counter.');
    if (bank) {
      if (!app.terminal.config()) throw new CashdeskError('TERMINAL_NOT_CONFIGURED', '终端尚未设置，请先运行 cashdesk setup。', 'The terminal is not set up; run cashdesk setup first.');
      await app.terminal.ensureSignedIn();
    }
    return await fn(app);
  } finally {
    await app.close();
  }
}

function saleShape(app: App, sale: SaleView, v: CheckoutView | null, ok: boolean) {
  return {
    ok,
    saleNo: sale.saleNo,
    lines: sale.lines.map((l) => ({ barcode: l.barcode, name: l.name, qty: l.quantity, unit: l.unit, priceFen: l.unitPriceFen, amountFen: l.netFen })),
    totalFen: sale.totalFen,
    changeFen: sale.tenders.reduce((s, t) => s + (t.changeFen ?? 0), 0),
    tenders: sale.tenders.map((t) => {
      const id = /^journal:(\d+)$/.exec(t.reference ?? '')?.[1];
      const row = id ? app.journal.get(Number(id)) : null;
      return { method: t.kind === 'storedValue' ? 'stored' : t.kind, amountFen: t.amountFen, ...(t.tenderedFen !== null ? { tenderedFen: t.tenderedFen } : {}), status: row ? tenderStatus(row.status) : 'approved', stan: row?.stan || null, rrn: row?.rrn ?? null };
    }),
    status: sale.status,
    ...(v?.receipt ? { receipt: v.receipt } : {}),
  };
}

const tenderStatus = (s: string): string => (s === 'approved' || s === 'voided' || s === 'declined' || s === 'reversed' ? s : s === 'unknown' || s === 'reversal-pending' ? 'unknown' : s);

const returnShape = (r: SaleReturnView) => ({
  ok: r.complete,
  saleNo: r.saleNo,
  amountFen: r.amountFen,
  tenders: r.tenders.map((t) => ({ method: t.kind === 'storedValue' ? 'stored' : t.kind, amountFen: t.amountFen, status: t.status, stan: t.stan, rrn: t.rrn })),
  message: r.message,
});

const failed = (out: unknown, zh: string, en: string): never => {
  throw Object.assign(new CashdeskError('SALE_NOT_COMPLETED', zh, en), { output: out });
};

export const commands: CliCommand[] = [
  {
    path: ['sale'],
    summary: 'one whole sale through checkout / 整单收银',
    usage:
      'cashdesk sale --db FILE --operator 01 --scan CODE [--qty N] [--scan CODE ...] [--member PHONE] --tender card|qr|cash|stored[:FEN] [--tender ...] [--qr-code CODE]  (CASHDESK_PASSWORD; stored value: CASHDESK_MEMBER_PASSWORD)',
    run: async (args, io) => {
      const { values, tokens } = options(args, {
        db: { type: 'string' },
        operator: { type: 'string' },
        scan: { type: 'string', multiple: true },
        qty: { type: 'string', multiple: true },
        member: { type: 'string' },
        tender: { type: 'string', multiple: true },
        'qr-code': { type: 'string' },
        password: { type: 'string' },
        'member-password': { type: 'string' },
      });
      const db = str(values, 'db');
      const operatorId = str(values, 'operator');
      // --qty N applies to the next --scan.
      const scans: Array<{ code: string; qty: number }> = [];
      let qty: number | null = null;
      for (const t of tokens ?? []) {
        if (t.kind !== 'option') continue;
        if (t.name === 'qty') {
          if (!/^\d{1,5}$/.test(t.value ?? '') || Number(t.value) < 1) throw new UsageError('--qty must be a whole number from 1 to 99999', '--qty 应为 1 到 99999 的整数');
          qty = Number(t.value);
        } else if (t.name === 'scan') {
          scans.push({ code: t.value ?? '', qty: qty ?? 1 });
          qty = null;
        }
      }
      if (qty !== null) throw new UsageError('--qty must come before the --scan it applies to', '--qty 应写在它所修饰的 --scan 之前');
      if (scans.length === 0) throw new UsageError('at least one --scan CODE is required', '至少需要一个 --scan 条码');
      const tenders = ((values.tender as string[] | undefined) ?? []).map(parseTender);
      if (tenders.length === 0) throw new UsageError('at least one --tender is required', '至少需要一个 --tender 支付方式');
      if (tenders.some((t) => t.method === 'qr') && !values['qr-code']) throw new UsageError('--qr-code is required with a qr tender', '扫码支付需要 --qr-code');
      const password = secret(io, values, 'CASHDESK_PASSWORD', 'password');
      const memberPassword = tenders.some((t) => t.method === 'stored') ? secret(io, values, 'CASHDESK_MEMBER_PASSWORD', 'member-password') : '';
      const bank = tenders.some((t) => t.method === 'card' || t.method === 'qr');

      return withCounter(db, operatorId, password, bank, async (app) => {
        const { carts } = app.shop;
        const cart = carts.open({ operatorId });
        if (cart.lines.length > 0) {
          throw new CashdeskError('CART_OPEN_NOT_EMPTY', `操作员 ${operatorId} 在收银台还有未结的购物车 #${cart.id}，请先在收银台结账或作废。`, `Operator ${operatorId} has an unfinished cart #${cart.id} at the counter; finish or discard it there first.`);
        }
        const checkout = app.checkout;
        try {
          for (const s of scans) checkout.edit(cart.id, () => carts.addByBarcode({ cartId: cart.id, barcode: s.code, quantity: s.qty }));
          if (typeof values.member === 'string') checkout.edit(cart.id, () => carts.attachMember({ cartId: cart.id, phoneOrCard: values.member as string }));
        } catch (e) {
          checkout.abandon(cart.id, operatorId);
          throw e;
        }
        let view: CheckoutView = await checkout.status(cart.id);
        for (const t of tenders) {
          if (view.sale) break;
          const tender: CheckoutTender =
            t.method === 'cash'
              ? { kind: 'cash', tenderedFen: t.fen ?? view.remainingFen }
              : t.method === 'card'
                ? { kind: 'card', ...(t.fen ? { amountFen: t.fen } : {}) }
                : t.method === 'qr'
                  ? { kind: 'qr', paymentCode: values['qr-code'] as string, ...(t.fen ? { amountFen: t.fen } : {}) }
                  : { kind: 'storedValue', password: memberPassword, ...(t.fen ? { amountFen: t.fen } : {}) };
          view = await checkout.pay(cart.id, tender, operatorId);
          if (view.payment && !view.payment.ok) break;
        }
        if (view.sale) return saleShape(app, view.sale, view, true);
        const out = {
          ok: false,
          saleNo: null,
          totalFen: view.totalFen,
          paidFen: view.paidFen,
          remainingFen: view.remainingFen,
          tenders: view.paid.map((p) => ({ method: p.kind, amountFen: p.amountFen, status: 'approved', stan: p.stan, rrn: p.rrn })),
          message: view.payment?.message ?? null,
        };
        if (view.paidFen === 0) {
          checkout.abandon(cart.id, operatorId);
          return failed(out, '交易未成功，没有收款，购物车已作废。', 'The payment was not approved; nothing was taken and the cart was discarded.');
        }
        return failed(out, `已收 ¥${yuan(view.paidFen)}，还差 ¥${yuan(view.remainingFen)}；购物车已冻结，请在收银台收齐余款或撤销已收款项。`, `¥${yuan(view.paidFen)} was taken and ¥${yuan(view.remainingFen)} is still due; the cart is frozen: take the rest at the counter or void what was paid.`);
      });
    },
  },
  {
    path: ['sale', 'void'],
    summary: 'void a whole completed sale / 整单撤销',
    usage: 'cashdesk sale void --db FILE --operator 01 --sale NO [--supervisor 00]  (CASHDESK_PASSWORD, CASHDESK_SUPERVISOR_PASSWORD)',
    run: async (args, io) => {
      const { values } = options(args, { db: { type: 'string' }, operator: { type: 'string' }, sale: { type: 'string' }, supervisor: { type: 'string' }, password: { type: 'string' }, 'supervisor-password': { type: 'string' } });
      const no = saleNo(str(values, 'sale'));
      const sup = secret(io, values, 'CASHDESK_SUPERVISOR_PASSWORD', 'supervisor-password');
      const password = secret(io, values, 'CASHDESK_PASSWORD', 'password');
      return withCounter(str(values, 'db'), str(values, 'operator'), password, true, async (app) => {
        const sale = app.checkout.saleByNo(no);
        const approval = await app.operators.approveAsSupervisor((values.supervisor as string | undefined) ?? '00', sup, 'sale.void');
        const r = await app.checkout.voidSale({ saleId: sale.id, operatorId: str(values, 'operator'), approval, reason: '整单撤销 / whole-sale void (cli)' });
        return r.complete ? returnShape(r) : failed(returnShape(r), r.message.split(' / ')[0]!, r.message.split(' / ')[1] ?? r.message);
      });
    },
  },
  {
    path: ['sale', 'refund'],
    summary: 'refund lines of a completed sale / 退货',
    usage: 'cashdesk sale refund --db FILE --operator 01 --sale NO [--line N:QTY ...] [--supervisor 00]  (CASHDESK_PASSWORD, CASHDESK_SUPERVISOR_PASSWORD)',
    run: async (args, io) => {
      const { values } = options(args, {
        db: { type: 'string' },
        operator: { type: 'string' },
        sale: { type: 'string' },
        line: { type: 'string', multiple: true },
        supervisor: { type: 'string' },
        password: { type: 'string' },
        'supervisor-password': { type: 'string' },
      });
      const no = saleNo(str(values, 'sale'));
      const asked = ((values.line as string[] | undefined) ?? []).map((v) => {
        const m = /^(\d{1,3}):(\d{1,6})$/.exec(v);
        if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--line ${v}: use N:QTY (line number on the receipt, quantity)`, `--line ${v}：应为 行号:数量`);
        return { lineNo: Number(m[1]), quantity: Number(m[2]) };
      });
      const sup = secret(io, values, 'CASHDESK_SUPERVISOR_PASSWORD', 'supervisor-password');
      const password = secret(io, values, 'CASHDESK_PASSWORD', 'password');
      return withCounter(str(values, 'db'), str(values, 'operator'), password, true, async (app) => {
        const sale = app.checkout.saleByNo(no);
        const lines = asked.map((a) => {
          const line = sale.lines.find((l) => l.lineNo === a.lineNo);
          if (!line) throw new UsageError(`sale ${no} has no line ${a.lineNo}`, `销售单 ${no} 没有第 ${a.lineNo} 行`);
          return { saleLineId: line.id, quantity: a.quantity };
        });
        const approval = await app.operators.approveAsSupervisor((values.supervisor as string | undefined) ?? '00', sup, 'sale.refund');
        const r = await app.checkout.refundSale({ saleId: sale.id, ...(lines.length ? { lines } : {}), operatorId: str(values, 'operator'), approval, reason: '退货 / refund (cli)' });
        return r.complete ? returnShape(r) : failed(returnShape(r), r.message.split(' / ')[0]!, r.message.split(' / ')[1] ?? r.message);
      });
    },
  },
  {
    path: ['sale', 'show'],
    summary: 'one completed sale / 查看销售单',
    usage: 'cashdesk sale show --db FILE --sale NO',
    run: async (args) => {
      const { values } = options(args, { db: { type: 'string' }, sale: { type: 'string' } });
      const no = saleNo(str(values, 'sale'));
      const db = str(values, 'db');
      const app = await createApp({ dataDir: dirname(db), dbPath: db, training: false, logger: silentLogger, devices: 'none' });
      try {
        const sale = app.checkout.saleByNo(no);
        const refunds = app.shop.sales.refunds(sale.id).map((r) => ({ refundNo: r.refundNo, kind: r.kind, amountFen: r.amountFen, lines: r.lines, tenders: r.tenders.map((t) => ({ method: t.kind === 'storedValue' ? 'stored' : t.kind, amountFen: t.amountFen })) }));
        return { ...saleShape(app, sale, null, true), refunds };
      } finally {
        await app.close();
      }
    },
  },
];
