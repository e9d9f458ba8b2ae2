// The drawer opens only for cash; a supervisor's open is audited; reprints never open it.
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiptPrinter, type ReceiptPrinter } from '../../../native/printer/receiptPrinter.js';
import { Receipts, shouldKickDrawer, type AuditSink } from '../../../electron/receipts/receipts.js';
import { pipePrinter, receiptText, sampleESlip, sampleSettlement } from '../../support/escposEmulator.js';

type Entry = Parameters<AuditSink['append']>[0];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function rig(withPrinter = true) {
  const p = pipePrinter();
  const printer: ReceiptPrinter = createReceiptPrinter({ connection: { kind: 'transport', transport: p.pipe.a }, paperWidth: 58, timeouts: { connectMs: 100, statusMs: 100, msPerByte: 0 }, pollMs: 0 });
  const entries: Entry[] = [];
  const receipts = new Receipts({ printer: () => (withPrinter ? printer : null), audit: { append: (e) => entries.push(e) } });
  closers.push(async () => {
    await printer.close();
    await p.close();
  });
  return { ...p, printer, receipts, entries };
}

describe('drawer policy', () => {
  it('kicks for cash, and for a split tender with any cash; never for card, QR or stored value', () => {
    expect(shouldKickDrawer('cash')).toBe(true);
    expect(shouldKickDrawer([{ kind: 'card' }, { kind: 'cash' }])).toBe(true);
    for (const t of ['card', 'qr', 'stored-value', 'storedValue']) expect(shouldKickDrawer(t)).toBe(false);
    expect(shouldKickDrawer([{ kind: 'card' }, { kind: 'qr' }])).toBe(false);
    expect(shouldKickDrawer([])).toBe(false);
  });

  it('a cash receipt opens the drawer before printing; a card slip prints without opening it', async () => {
    const { receipts, emulator } = rig();
    const card = await receipts.printESlip(sampleESlip());
    expect(card).toMatchObject({ drawer: 'not-needed', printed: true });
    expect(emulator.drawerKicks()).toHaveLength(0);

    const cash = await receipts.printESlip(sampleESlip({ tender: 'cash', typeZh: '现金', typeEn: 'CASH', maskedPan: null, signatureStatus: null, signaturePngBase64: null }));
    expect(cash).toMatchObject({ drawer: 'kicked', printed: true });
    expect(emulator.drawerKicks()).toHaveLength(1);
    // The kick came before the receipt's first line.
    const firstCashLine = emulator.paper().findIndex((i) => i.kind === 'text' && i.text === '收款凭证');
    expect(firstCashLine).toBeGreaterThan(0);
    const rx = emulator.received();
    expect(rx.indexOf(Buffer.from([0x1b, 0x70]))).toBeLessThan(rx.lastIndexOf(Buffer.from([0x1b, 0x40])));
  });

  it('a card slip for a split sale with cash opens it; a reprint of a cash receipt does not', async () => {
    const { receipts, emulator } = rig();
    await receipts.printESlip(sampleESlip(), { tenders: [{ kind: 'card' }, { kind: 'cash' }] });
    expect(emulator.drawerKicks()).toHaveLength(1);
    const again = await receipts.printESlip(sampleESlip({ tender: 'cash' }), { reprint: true });
    expect(again.drawer).toBe('not-needed');
    expect(emulator.drawerKicks()).toHaveLength(1);
    expect(receiptText(emulator.receipts().at(-1))).toContain('重打印凭证 REPRINT');
  });

  it('when the drawer cannot open the receipt still prints its job, and both failures are in words', async () => {
    const { receipts, emulator } = rig();
    emulator.set({ paperOut: true });
    const r = await receipts.printESlip(sampleESlip({ tender: 'cash' }));
    expect(r.drawer).toBe('failed');
    expect(r.drawerError?.code).toBe('PRINTER_PAPER_OUT');
    expect(r.printed).toBe(false);
    expect(r.jobs[0]?.error?.zh).toContain('缺纸');
  });

  it('both copies print when asked', async () => {
    const { receipts, emulator } = rig();
    await receipts.printESlip(sampleESlip(), { copies: ['merchant', 'cardholder'] });
    expect(emulator.receipts().map((x) => x.lines.at(-1))).toEqual(['商户存根 MERCHANT COPY', '持卡人存根 CARDHOLDER COPY']);
  });

  it('a declined transaction has no slip; no printer configured is said in words', async () => {
    const { receipts } = rig();
    await expect(receipts.printESlip(sampleESlip({ status: 'declined' }))).rejects.toMatchObject({ code: 'ESLIP_NOT_PRINTABLE' });
    const none = rig(false);
    await expect(none.receipts.printESlip(sampleESlip())).rejects.toMatchObject({ code: 'PRINTER_NOT_CONFIGURED' });
    await expect(none.receipts.printSettlement(sampleSettlement(), { merchantName: 'M', merchantId: '1', terminalId: '2' })).rejects.toMatchObject({ code: 'PRINTER_NOT_CONFIGURED' });
  });
});

describe('supervisor opens the drawer', () => {
  it('is audited with the supervisor, the reason and the cashier', async () => {
    const { receipts, emulator, entries } = rig();
    await receipts.openDrawer({ operatorId: '00' }, { reason: '换零钱 change for the float', cashierId: '01' });
    await emulator.waitFor((em) => em.drawerKicks().length === 1);
    expect(entries).toEqual([{ actor: '00', action: 'drawer.open', target: 'pipe:a', outcome: 'ok', detail: { reason: '换零钱 change for the float', cashier: '01' } }]);
  });

  it('without an approval it is refused and audited as denied; the drawer stays shut', async () => {
    const { receipts, emulator, entries } = rig();
    await expect(receipts.openDrawer(undefined, { reason: 'x', cashierId: '01' })).rejects.toMatchObject({ code: 'DRAWER_NEEDS_SUPERVISOR' });
    expect(entries).toEqual([expect.objectContaining({ actor: '01', action: 'drawer.open', outcome: 'denied' })]);
    expect(emulator.drawerKicks()).toHaveLength(0);
  });

  it('a printer that cannot kick is audited as failed and the error reaches the caller', async () => {
    const { receipts, emulator, entries } = rig();
    emulator.set({ coverOpen: true });
    await expect(receipts.openDrawer({ operatorId: '00' }, { reason: 'x' })).rejects.toMatchObject({ code: 'PRINTER_COVER_OPEN' });
    expect(entries).toEqual([expect.objectContaining({ actor: '00', action: 'drawer.open', outcome: 'failed', detail: expect.objectContaining({ code: 'PRINTER_COVER_OPEN' }) })]);
  });
});

describe('device state for AppStatus', () => {
  it('folds the printer and scanner states into the contract words', async () => {
    const { printerDeviceState, scannerDeviceState } = await import('../../../electron/receipts/deviceStatus.js');
    const base = { name: 'p', paperWidth: 58 as const, paperNearEnd: false, answersStatus: true, queued: 0, failed: 0, message: null, checkedAt: null };
    expect(printerDeviceState(null)).toBe('absent');
    expect(printerDeviceState({ ...base, state: 'ready' })).toBe('ready');
    expect(printerDeviceState({ ...base, state: 'printing' })).toBe('busy');
    expect(printerDeviceState({ ...base, state: 'paper-out' })).toBe('error');
    expect(printerDeviceState({ ...base, state: 'disconnected' })).toBe('disconnected');
    expect(scannerDeviceState({ state: 'ready', name: 's', suffix: 'CR', lastScanAt: null, rejected: 0, message: null })).toBe('ready');
    expect(scannerDeviceState(null)).toBe('absent');
  });
});
