// `cashdesk sale`, `sale void`, `sale refund`, `sale show` (spec/cli.md "The shop,
// headless"), run as a user runs them: the real CLI in a child process, against the
// training host on TCP and the PIN pad emulator on a socat pty, on a SQLite file.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/app.js';
import { silentLogger } from '../../../native/log/logger.js';
import { CASHIER, SUPERVISOR, startRig, type Rig } from '../../support/counterRig.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let rig: Rig;

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: Record<string, unknown> | null; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, CASHDESK_PASSWORD: CASHIER.password, CASHDESK_SUPERVISOR_PASSWORD: SUPERVISOR.password, ...env },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => resolve({ code: code ?? -1, out: out.trim() ? (JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>) : null, err }));
  });
}

beforeAll(async () => {
  rig = await startRig();
  await rig.setUp();
  const app = await createApp({ dataDir: rig.dir, dbPath: rig.dbPath, training: false, devices: 'none', logger: silentLogger });
  try {
    app.shop.catalog.create({ barcodes: ['6901234567892'], name: '可口可乐 330ml', priceFen: 350, openingStock: 100, operatorId: '00' });
    app.shop.catalog.create({ barcodes: ['6909876543210'], name: '康师傅红烧牛肉面', priceFen: 450, openingStock: 50, operatorId: '00' });
  } finally {
    await app.close();
  }
});
afterAll(async () => {
  await rig.close();
});

describe('cashdesk sale (headless checkout)', () => {
  const base = () => ['--db', rig.dbPath, '--operator', CASHIER.operatorId];

  it('sells with --qty for the next scan, card then cash, and prints the sale as the contract says', async () => {
    const r = await cli(['sale', ...base(), '--qty', '2', '--scan', '6901234567892', '--scan', '6909876543210', '--tender', 'card:650', '--tender', 'cash']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({
      ok: true,
      totalFen: 1150,
      changeFen: 0,
      lines: [
        { barcode: '6901234567892', name: '可口可乐 330ml', qty: 2, priceFen: 350, amountFen: 700 },
        { barcode: '6909876543210', qty: 1, amountFen: 450 },
      ],
    });
    const tenders = r.out!.tenders as Array<Record<string, unknown>>;
    expect(tenders.map((t) => [t.method, t.amountFen, t.status])).toEqual([['card', 650, 'approved'], ['cash', 500, 'approved']]);
    expect(tenders[0]!.stan).toMatch(/^\d{6}$/);
    expect(rig.host.ledger.entries().find((e) => e.type === 'sale' && e.amount === 650)).toBeDefined();

    const shown = await cli(['sale', 'show', '--db', rig.dbPath, '--sale', r.out!.saleNo as string]);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatchObject({ saleNo: r.out!.saleNo, totalFen: 1150, status: 'completed', refunds: [] });

    // Refund line 1, one can: back the way the sale was paid, the card first, at the bank.
    const refund = await cli(['sale', 'refund', ...base(), '--sale', r.out!.saleNo as string, '--line', '1:1']);
    expect(refund.code).toBe(0);
    expect(refund.out).toMatchObject({ ok: true, amountFen: 350, tenders: [{ method: 'card', amountFen: 350, status: 'refunded' }] });
    expect(rig.host.ledger.entries().find((e) => e.type === 'refund' && e.amount === 350)).toBeDefined();

    // Void what is left? A partly refunded sale is not voidable: refund the rest instead.
    const v = await cli(['sale', 'void', ...base(), '--sale', r.out!.saleNo as string]);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/撤销|void/i);
  }, 60_000);

  it('gives change for cash over the total, and voids a whole sale', async () => {
    const r = await cli(['sale', ...base(), '--scan', '6909876543210', '--tender', 'cash:1000']);
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({ ok: true, totalFen: 450, changeFen: 550, tenders: [{ method: 'cash', amountFen: 450, tenderedFen: 1000 }] });
    const v = await cli(['sale', 'void', ...base(), '--sale', r.out!.saleNo as string]);
    expect(v.code).toBe(0);
    expect(v.out).toMatchObject({ ok: true, tenders: [{ method: 'cash', amountFen: 450, status: 'voided' }] });
    const shown = await cli(['sale', 'show', '--db', rig.dbPath, '--sale', r.out!.saleNo as string]);
    expect(shown.out).toMatchObject({ status: 'voided' });
  }, 60_000);

  it('refuses bad input with exit 2 and sells nothing', async () => {
    const before = rig.host.ledger.entries().length;
    const cases: string[][] = [
      ['sale', ...base(), '--tender', 'cash'],
      ['sale', ...base(), '--scan', '6909876543210', '--tender', 'bitcoin'],
      ['sale', ...base(), '--scan', '6909876543210', '--tender', 'qr'],
      ['sale', ...base(), '--scan', '6909876543210', '--qty', '0', '--tender', 'cash'],
      ['sale', ...base(), '--scan', '6909876543210', '--tender', 'cash', '--__proto__', 'x'],
      ['sale', 'void', ...base(), '--sale', 'abc'],
    ];
    for (const args of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^cashdesk: /);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    }
    const unknown = await cli(['sale', ...base(), '--scan', '0000000000000', '--tender', 'cash']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/不在商品库中/);
    expect(rig.host.ledger.entries().length).toBe(before);
  }, 90_000);
});
