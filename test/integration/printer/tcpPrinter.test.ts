// A network receipt printer on TCP (the emulator listening like port 9100): e-slip and
// settlement report on paper, paper-out from DLE EOT, and the printer losing power in
// the middle of a slip — the job fails, keeps its receipt, and prints whole on retry.
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiptPrinter, type PrinterStatus, type ReceiptPrinter } from '../../../native/printer/receiptPrinter.js';
import { createTcpTransport } from '../../../native/printer/tcpTransport.js';
import { Receipts } from '../../../electron/receipts/receipts.js';
import { eSlipDocument } from '../../../electron/receipts/slipLayout.js';
import { looksLikeAPicture, receiptText, sampleESlip, sampleSettlement, startTcpPrinterEmulator, type TcpPrinterEmulator } from '../../support/escposEmulator.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function rig(paperWidth: 58 | 80 = 80): Promise<{ tcp: TcpPrinterEmulator; printer: ReceiptPrinter; statuses: PrinterStatus[] }> {
  const tcp = await startTcpPrinterEmulator();
  const line = createTcpTransport({ host: tcp.host, port: tcp.port, reconnectMs: 50, connectTimeoutMs: 500 });
  await line.whenOpen();
  const printer = createReceiptPrinter({ connection: { kind: 'transport', transport: line }, paperWidth, timeouts: { connectMs: 1_000, statusMs: 300, msPerByte: 0.01 }, pollMs: 0 });
  const statuses: PrinterStatus[] = [];
  printer.onStatus((s) => statuses.push(s));
  closers.push(async () => {
    await printer.close();
    await tcp.close();
  });
  return { tcp, printer, statuses };
}

describe('receipt printer over TCP', () => {
  it('prints an e-slip and a settlement report: Chinese text, masked card, amount and signature on paper', async () => {
    const { tcp, printer } = await rig(80);
    const receipts = new Receipts({ printer: () => printer, audit: { append: () => undefined } });
    const slip = await receipts.printESlip(sampleESlip());
    expect(slip.printed).toBe(true);
    const report = await receipts.printSettlement(sampleSettlement(), { merchantName: '测试便利店', merchantId: '898110054119999', terminalId: '10000001', operatorId: '00' });
    expect(report.state).toBe('printed');

    const [eSlip, settlement] = tcp.emulator.receipts();
    const slipText = receiptText(eSlip);
    expect(slipText).toContain('商户名称');
    expect(slipText).toContain('测试便利店（朝阳门店）');
    expect(slipText).toContain('消费 SALE');
    expect(slipText).toContain('622202******1234');
    expect(slipText).toContain('￥12.34');
    expect(eSlip!.images).toHaveLength(1);
    expect(eSlip!.images[0]!.width).toBeGreaterThan(0);
    expect(eSlip!.images[0]!.height).toBeGreaterThan(0);
    expect(looksLikeAPicture(eSlip!.images[0])).toBe(true);

    const reportText = receiptText(settlement);
    expect(reportText).toContain('结算总计单');
    expect(reportText).toContain('对账平衡 BALANCED');
    expect(reportText).toMatch(/借记 DEBIT +3 +￥156\.34/);
    expect(reportText).toMatch(/批次号\(BATCH NO\.\): +000001/);
  });

  it('paper out is read from DLE EOT over the network; the job waits for retry and prints once', async () => {
    const { tcp, printer } = await rig();
    tcp.emulator.set({ paperOut: true });
    const job = await printer.print(eSlipDocument(sampleESlip()), { kind: 'e-slip', ref: '42' });
    expect(job.error?.code).toBe('PRINTER_PAPER_OUT');
    expect(printer.status()).toMatchObject({ state: 'paper-out', failed: 1 });
    tcp.emulator.set({ paperOut: false });
    expect((await printer.retry(job.id)).state).toBe('printed');
    expect(tcp.emulator.receipts()).toHaveLength(1);
  });

  it('the printer losing power mid-slip: reported, the job keeps its slip, and the retry after power-on prints it whole', async () => {
    const { tcp, printer, statuses } = await rig();
    const doc = eSlipDocument(sampleESlip());
    // The status queries (3 bytes each) go through, then 400 bytes of the slip, then the power goes.
    let armed = false;
    tcp.emulator.onEvent((e) => {
      if (!armed && e.type === 'status-query' && e.n === 4) {
        armed = true;
        tcp.powerOffAfter(400);
      }
    });
    const job = await printer.print(doc, { kind: 'e-slip', ref: '42' });
    expect(job.state).toBe('failed');
    expect(['PRINTER_INTERRUPTED', 'PRINTER_NO_ANSWER']).toContain(job.error?.code);
    expect(job.error?.zh).toContain('重新打印');
    expect(job.error?.en).toContain('Retry');
    expect(statuses.some((s) => s.state === 'disconnected' || s.state === 'no-answer')).toBe(true);
    // Part of the slip is on paper, without its cut.
    const partial = tcp.emulator.paper();
    expect(partial.some((i) => i.kind === 'text' && i.text.includes('POS签购单'))).toBe(true);
    expect(partial.some((i) => i.kind === 'cut')).toBe(false);

    // The sale is intact: the failed job still holds the very slip it was given.
    expect(printer.jobs()).toEqual([expect.objectContaining({ id: job.id, state: 'failed', ref: '42' })]);
    expect(printer.documentOf(job.id)).toBe(doc);

    await tcp.powerOn();
    tcp.emulator.clearPaper();
    const again = await printer.retry(job.id);
    expect(again).toMatchObject({ id: job.id, state: 'printed', attempts: 2 });
    const [r] = tcp.emulator.receipts();
    expect(receiptText(r)).toContain('POS签购单');
    expect(receiptText(r)).toContain('￥12.34');
    expect(looksLikeAPicture(r!.images[0])).toBe(true);
    expect(tcp.emulator.paper().at(-1)).toEqual({ kind: 'cut' });
    expect(printer.status()).toMatchObject({ state: 'ready', failed: 0 });
  });

  it('a printer that is off when the job comes fails it as not connected, in words; the status follows power', async () => {
    const { tcp, printer, statuses } = await rig();
    await tcp.powerOff();
    await expect.poll(() => printer.status().state).toBe('disconnected');
    const job = await printer.print(eSlipDocument(sampleESlip()));
    expect(job.error?.code).toBe('PRINTER_DISCONNECTED');
    expect(job.error?.zh).toContain('未连接');
    await tcp.powerOn();
    await expect.poll(() => printer.status().state, { timeout: 3_000 }).toBe('ready');
    expect((await printer.retry(job.id)).state).toBe('printed');
    expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['disconnected', 'ready']));
  });

  it('opens from connection settings (tcp host/port) too', async () => {
    const tcp = await startTcpPrinterEmulator();
    const printer = createReceiptPrinter({ connection: { kind: 'tcp', host: tcp.host, port: tcp.port }, paperWidth: 58, pollMs: 0 });
    closers.push(async () => {
      await printer.close();
      await tcp.close();
    });
    expect(printer.name).toBe(`tcp:127.0.0.1:${tcp.port}`);
    expect((await printer.print({ title: 't', blocks: [{ kind: 'text', text: '测试打印 TEST PRINT' }] })).state).toBe('printed');
    expect(tcp.emulator.receipts()[0]?.lines).toEqual(['测试打印 TEST PRINT']);
  });
});
