// The receipt printer driver against the emulator over an in-process pipe: queue,
// status from DLE EOT, failures that keep the job, retry, the drawer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReceiptPrinter, type PrinterStatus, type ReceiptPrinterOptions } from '../../../native/printer/receiptPrinter.js';
import { PrinterError } from '../../../native/printer/errors.js';
import type { PrintDocument } from '../../../native/printer/printDocument.js';
import { eSlipDocument } from '../../../electron/receipts/slipLayout.js';
import { looksLikeAPicture, pipePrinter, receiptText, sampleESlip } from '../../support/escposEmulator.js';

const timeouts = { connectMs: 200, statusMs: 150, msPerByte: 0 };
const doc = (title: string, text = title): PrintDocument => ({ title, blocks: [{ kind: 'text', text }] });

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function rig(o: Partial<ReceiptPrinterOptions> = {}) {
  const p = pipePrinter();
  const printer = createReceiptPrinter({ connection: { kind: 'transport', transport: p.pipe.a }, paperWidth: 58, timeouts, pollMs: 0, ...o });
  const statuses: PrinterStatus[] = [];
  printer.onStatus((s) => statuses.push(s));
  closers.push(async () => {
    await printer.close();
    await p.close();
  });
  return { ...p, printer, statuses };
}

describe('printing', () => {
  it('prints an e-slip: the emulator has its text and the signature picture', async () => {
    const { printer, emulator } = rig();
    const job = await printer.print(eSlipDocument(sampleESlip()), { kind: 'e-slip', ref: '42' });
    expect(job).toMatchObject({ state: 'printed', attempts: 1, kind: 'e-slip', ref: '42', error: null });
    const [r] = emulator.receipts();
    expect(receiptText(r)).toContain('商户名称');
    expect(receiptText(r)).toContain('622202******1234');
    expect(receiptText(r)).toContain('￥12.34');
    expect(looksLikeAPicture(r!.images[0])).toBe(true);
    expect(printer.status()).toMatchObject({ state: 'ready', answersStatus: true, queued: 0, failed: 0 });
  });

  it('jobs print one at a time, in order', async () => {
    const { printer, emulator } = rig();
    const results = await Promise.all(['一', '二', '三'].map((t) => printer.print(doc(t))));
    expect(results.map((j) => j.state)).toEqual(['printed', 'printed', 'printed']);
    expect(emulator.receipts().map((r) => r.lines[0])).toEqual(['一', '二', '三']);
  });
});

describe('a printer that cannot print: the job fails, keeps its receipt, and retries', () => {
  it('paper out (DLE EOT): nothing is sent, the job and status say so, and retry prints it once the paper is in', async () => {
    const { printer, emulator, statuses } = rig();
    emulator.set({ paperOut: true });
    const job = await printer.print(doc('签购单 000123', '商户名称 测试'));
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('PRINTER_PAPER_OUT');
    expect(job.error?.zh).toContain('缺纸');
    expect(job.error?.en).toContain('out of paper');
    expect(job.error?.zh).toContain('交易已保存');
    expect(printer.status()).toMatchObject({ state: 'paper-out', failed: 1 });
    expect(statuses.some((s) => s.state === 'paper-out')).toBe(true);
    // Nothing was sent but the status queries: a printer keeps what it gets while out of
    // paper and would print it later, doubling the retry.
    expect(emulator.received().toString('hex')).toMatch(/^(10040[1-4])+$/);
    expect(printer.documentOf(job.id)?.title).toBe('签购单 000123');

    emulator.set({ paperOut: false });
    const again = await printer.retry(job.id);
    expect(again).toMatchObject({ id: job.id, state: 'printed', attempts: 2, error: null });
    expect(emulator.receipts()).toHaveLength(1);
    expect(receiptText(emulator.receipts()[0])).toBe('商户名称 测试');
    expect(printer.status()).toMatchObject({ state: 'ready', failed: 0 });
  });

  it('cover open and fault are told apart', async () => {
    const { printer, emulator } = rig();
    emulator.set({ coverOpen: true });
    expect((await printer.print(doc('a'))).error?.code).toBe('PRINTER_COVER_OPEN');
    emulator.set({ coverOpen: false, fault: true });
    expect((await printer.print(doc('b'))).error?.code).toBe('PRINTER_FAULT');
    expect(printer.status().state).toBe('fault');
    expect(printer.jobs().map((j) => j.state)).toEqual(['failed', 'failed']);
  });

  it('paper running out during a job fails it after the fact, and the retry prints the whole receipt', async () => {
    const { printer, emulator } = rig();
    // The printer reads the job, then the roll ends: it answers the next status query with paper-out.
    const off = emulator.onEvent((e) => {
      if (e.type === 'printed' && e.item.kind === 'text' && e.item.text === 'LINE 1') emulator.set({ paperOut: true });
    });
    const job = await printer.print({ title: 'r', blocks: [{ kind: 'text', text: 'LINE 1' }, { kind: 'text', text: 'LINE 2' }] });
    off();
    expect(job.error?.code).toBe('PRINTER_PAPER_OUT');
    emulator.clearPaper();
    emulator.powerCycle(); // the roll is changed with the printer off: what it held is gone
    emulator.set({ paperOut: false });
    expect((await printer.retry(job.id)).state).toBe('printed');
    expect(emulator.receipts().map((r) => r.lines)).toEqual([['LINE 1', 'LINE 2']]);
  });

  it('the line going away mid-job fails it as interrupted; after replug the retry prints it', async () => {
    const { printer, emulator, pipe } = rig();
    // The receipt's bytes arrive (more than a 3-byte status query), then the cable is pulled.
    const off = emulator.onEvent((e) => {
      if (e.type === 'bytes' && e.count > 3) pipe.unplug();
    });
    const job = await printer.print(eSlipDocument(sampleESlip()));
    off();
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('PRINTER_INTERRUPTED');
    expect(job.error?.zh).toContain('可能只打印了一部分');
    expect(printer.status().state).toBe('disconnected');
    expect(printer.status().message?.zh).toContain('未连接');
    // While unplugged a retry fails again (after the connect wait) and the job stays.
    expect((await printer.retry(job.id)).error?.code).toBe('PRINTER_DISCONNECTED');
    pipe.replug();
    const printed = await printer.retry(job.id);
    expect(printed).toMatchObject({ state: 'printed', attempts: 3 });
    expect(receiptText(emulator.receipts().at(-1))).toContain('￥12.34');
  });

  it('a printer that never answers DLE EOT is printed to blind; one that answered and stops is reported', async () => {
    const blind = rig();
    blind.emulator.set({ answersStatus: false });
    const started = Date.now();
    expect((await blind.printer.print(doc('x'))).state).toBe('printed');
    // One status timeout (150 ms) before the job, none after it.
    expect(Date.now() - started).toBeLessThan(2 * timeouts.statusMs);
    await blind.emulator.waitFor((em) => em.receipts().length === 1);
    expect(blind.emulator.received().toString('hex').match(/1004/g)).toHaveLength(1);
    expect(blind.printer.status().answersStatus).toBe(false);
    expect(blind.emulator.receipts()).toHaveLength(1);

    const { printer, emulator } = rig();
    expect((await printer.print(doc('y'))).state).toBe('printed');
    emulator.set({ answersStatus: false });
    const job = await printer.print(doc('z'));
    expect(job.error?.code).toBe('PRINTER_NO_ANSWER');
    expect(job.error?.zh).toContain('没有应答');
    expect(printer.status().state).toBe('no-answer');
  });

  it('"required" status treats a printer that never answers as a failure', async () => {
    const { printer, emulator } = rig({ statusQueries: 'required' });
    emulator.set({ answersStatus: false });
    expect((await printer.print(doc('x'))).error?.code).toBe('PRINTER_NO_ANSWER');
    expect(emulator.receipts()).toHaveLength(0);
  });
});

describe('the job list', () => {
  it('retry of a printed or unknown job is refused in words; dismiss forgets a failed job', async () => {
    const { printer, emulator } = rig();
    const ok = await printer.print(doc('ok'));
    await expect(printer.retry(ok.id)).rejects.toMatchObject({ code: 'PRINT_JOB_NOT_FAILED' });
    await expect(printer.retry('job-999')).rejects.toBeInstanceOf(PrinterError);
    emulator.set({ paperOut: true });
    const bad = await printer.print(doc('bad'));
    expect(printer.status().failed).toBe(1);
    printer.dismiss(bad.id);
    expect(printer.jobs().map((j) => j.id)).toEqual([ok.id]);
    expect(printer.status().failed).toBe(0);
  });

  it('close() fails what is still queued, in words', async () => {
    const { printer, pipe } = rig();
    pipe.unplug();
    const pending = printer.print(doc('late'));
    const queued = printer.print(doc('later'));
    await vi.waitFor(() => expect(printer.jobs()[0]?.state).toBe('printing'));
    await printer.close();
    expect((await pending).error?.code).toBe('PRINTER_DISCONNECTED');
    expect((await queued).error?.code).toBe('PRINTER_CLOSED');
    expect(printer.status().state).toBe('closed');
  });
});

describe('cash drawer', () => {
  it('kickDrawer sends ESC p to the drawer port', async () => {
    const { printer, emulator } = rig();
    await printer.kickDrawer();
    await emulator.waitFor((em) => em.drawerKicks().length === 1);
    expect(emulator.drawerKicks()).toEqual([{ pin: 2, onMs: 50, offMs: 500 }]);
    expect(emulator.receipts()).toHaveLength(0);
  });

  it('an offline printer refuses the kick instead of keeping it to open the drawer later', async () => {
    const { printer, emulator } = rig();
    emulator.set({ coverOpen: true });
    await expect(printer.kickDrawer()).rejects.toMatchObject({ code: 'PRINTER_COVER_OPEN' });
    emulator.set({ coverOpen: false });
    expect(emulator.drawerKicks()).toHaveLength(0);
  });
});

describe('status', () => {
  it('checkStatus reports paper near end and paper out, and comes back to ready', async () => {
    const { printer, emulator } = rig();
    emulator.set({ paperNearEnd: true });
    expect(await printer.checkStatus()).toMatchObject({ state: 'ready', paperNearEnd: true });
    emulator.set({ paperOut: true });
    expect((await printer.checkStatus()).state).toBe('paper-out');
    emulator.set({ paperOut: false, paperNearEnd: false });
    expect(await printer.checkStatus()).toMatchObject({ state: 'ready', paperNearEnd: false, message: null });
  });

  it('unplug and replug show as disconnected then ready', async () => {
    const { printer, pipe, statuses } = rig();
    pipe.unplug();
    expect(printer.status().state).toBe('disconnected');
    pipe.replug();
    expect(printer.status().state).toBe('ready');
    expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['disconnected', 'ready']));
  });
});
