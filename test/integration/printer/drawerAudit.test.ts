// The supervisor's "open drawer" lands in the real hash-chained audit log (SQLite file),
// and a cash sale's receipt opens the drawer while a card sale's does not — over TCP.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/auditLog.js';
import { Operators } from '../../../electron/operators/operators.js';
import { Receipts } from '../../../electron/receipts/receipts.js';
import { Settings } from '../../../native/store/settings.js';
import { openStore } from '../../../native/store/store.js';
import { createReceiptPrinter } from '../../../native/printer/receiptPrinter.js';
import { makeTempDir } from '../../support/tempDir.js';
import { sampleESlip, startTcpPrinterEmulator } from '../../support/escposEmulator.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function rig() {
  const tmp = makeTempDir();
  closers.push(() => tmp.cleanup());
  const store = openStore(join(tmp.dir, 'cashdesk.db'));
  closers.push(() => store.close());
  const audit = new AuditLog(store.db);
  const tcp = await startTcpPrinterEmulator();
  const printer = createReceiptPrinter({ connection: { kind: 'tcp', host: tcp.host, port: tcp.port }, paperWidth: 80, pollMs: 0 });
  closers.push(async () => {
    await printer.close();
    await tcp.close();
  });
  const receipts = new Receipts({ printer: () => printer, audit });
  return { store, audit, tcp, printer, receipts };
}

describe('cash drawer with the real audit log', () => {
  it('a supervisor approved by the operators module opens the drawer; the audit chain records it and still verifies', async () => {
    const { store, audit, tcp, receipts } = await rig();
    const operators = new Operators({ db: store.db, audit, settings: new Settings(store.db) });
    await operators.firstSetup({ supervisorPassword: '123456', adminPassword: '12345678' });
    // What the IPC handler will do: the supervisor's number and password → an approval → the drawer.
    await expect(operators.approveAsSupervisor('00', '000000', 'drawer.open')).rejects.toBeDefined();
    const approval = await operators.approveAsSupervisor('00', '123456', 'drawer.open');
    await receipts.openDrawer(approval, { reason: '备用金 float', cashierId: '01' });
    await tcp.emulator.waitFor((e) => e.drawerKicks().length === 1);
    const rows = audit.recent(10).filter((r) => r.action === 'drawer.open');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: '00', outcome: 'ok', target: `tcp:127.0.0.1:${tcp.port}` });
    expect(JSON.parse(rows[0]!.detail!)).toEqual({ reason: '备用金 float', cashier: '01' });
    expect(audit.verify()).toMatchObject({ ok: true });

    tcp.emulator.set({ paperOut: true });
    await expect(receipts.openDrawer({ operatorId: '00' }, { reason: 'again' })).rejects.toMatchObject({ code: 'PRINTER_PAPER_OUT' });
    const failed = audit.recent(10).filter((r) => r.action === 'drawer.open' && r.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(tcp.emulator.drawerKicks()).toHaveLength(1);
  });

  it('only the cash receipt opens the drawer', async () => {
    const { tcp, receipts } = await rig();
    await receipts.printESlip(sampleESlip({ tender: 'card' }));
    await receipts.printESlip(sampleESlip({ tender: 'qr', maskedPan: null, typeZh: '扫码消费', typeEn: 'QR SALE', signatureStatus: null, signaturePngBase64: null }));
    expect(tcp.emulator.drawerKicks()).toHaveLength(0);
    await receipts.printESlip(sampleESlip({ tender: 'cash', typeZh: '现金', typeEn: 'CASH', maskedPan: null, signatureStatus: null, signaturePngBase64: null }));
    expect(tcp.emulator.drawerKicks()).toHaveLength(1);
    expect(tcp.emulator.receipts()).toHaveLength(3);
  });
});
