// A USB-serial receipt printer and a serial barcode scanner over real socat pty pairs.
import { afterEach, describe, expect, it } from 'vitest';
import { createHotplugTransport } from '../../../native/serial/hotplugTransport.js';
import { createReceiptPrinter, type PrinterStatus } from '../../../native/printer/receiptPrinter.js';
import { createSerialScanner, type ScanReject, type ScannerStatus } from '../../../native/scanner/serialScanner.js';
import type { ScanSuffix } from '../../../native/scanner/scanDecoder.js';
import { eSlipDocument } from '../../../electron/receipts/slipLayout.js';
import { startPtyPair, type PtyPair } from '../../support/ptyPair.js';
import { looksLikeAPicture, ptyPrinter, receiptText, sampleESlip } from '../../support/escposEmulator.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function pair(): Promise<PtyPair> {
  const p = await startPtyPair();
  closers.push(() => p.close());
  return p;
}

describe('serial receipt printer over a pty pair', () => {
  it('prints a 58 mm e-slip; a pulled cable fails the next job in words; after replug the retry prints it', async () => {
    const p = await pair();
    let em = await ptyPrinter(p);
    closers.push(() => em.close());
    const printer = createReceiptPrinter({ connection: { kind: 'serial', path: p.a, baudRate: 115200 }, paperWidth: 58, timeouts: { connectMs: 1_000, statusMs: 300, msPerByte: 0.1 }, pollMs: 0 });
    closers.push(() => printer.close());
    const statuses: PrinterStatus[] = [];
    printer.onStatus((s) => statuses.push(s));

    const first = await printer.print(eSlipDocument(sampleESlip()), { kind: 'e-slip', ref: '42' });
    expect(first.state).toBe('printed');
    const [r] = em.emulator.receipts();
    expect(receiptText(r)).toContain('商户名称');
    expect(receiptText(r)).toContain('消费 SALE');
    expect(receiptText(r)).toContain('622202******1234');
    expect(receiptText(r)).toContain('￥12.34');
    expect(looksLikeAPicture(r!.images[0])).toBe(true);
    expect(printer.status().answersStatus).toBe(true);

    await p.kill();
    await expect.poll(() => printer.status().state, { timeout: 3_000 }).toBe('disconnected');
    const job = await printer.print(eSlipDocument(sampleESlip({ stan: '000124' })));
    expect(job.error?.code).toBe('PRINTER_DISCONNECTED');
    expect(job.error?.zh).toContain('交易已保存');

    await p.restart();
    await em.close();
    em = await ptyPrinter(p);
    closers.push(() => em.close());
    await expect.poll(() => printer.status().state, { timeout: 5_000 }).toBe('ready');
    expect((await printer.retry(job.id)).state).toBe('printed');
    expect(receiptText(em.emulator.receipts()[0])).toMatch(/凭证号\(VOUCHER NO\.\): +000124/);
    expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['disconnected', 'ready']));
  });

  it('kicks the drawer over the serial line', async () => {
    const p = await pair();
    const em = await ptyPrinter(p);
    closers.push(() => em.close());
    const printer = createReceiptPrinter({ connection: { kind: 'serial', path: p.a, baudRate: 115200 }, paperWidth: 80, timeouts: { statusMs: 300 }, pollMs: 0 });
    closers.push(() => printer.close());
    await expect.poll(() => printer.status().state).toBe('ready');
    await printer.kickDrawer();
    await em.emulator.waitFor((e) => e.drawerKicks().length === 1);
  });
});

const SUFFIX: Record<ScanSuffix, string> = { CR: '\r', LF: '\n', CRLF: '\r\n', TAB: '\t', none: '' };

async function scannerRig(suffix: ScanSuffix) {
  const p = await pair();
  const gun = createHotplugTransport({ path: p.b, pollMs: 50, baudRate: 9600 });
  closers.push(() => gun.close());
  await gun.whenOpen();
  const scanner = createSerialScanner({ connection: { kind: 'serial', path: p.a, baudRate: 9600 }, suffix, idleGapMs: 80, partialTimeoutMs: 300 });
  closers.push(() => scanner.close());
  const codes: string[] = [];
  const rejects: ScanReject[] = [];
  const statuses: ScannerStatus[] = [];
  scanner.onScan((c) => codes.push(c));
  scanner.onReject((r) => rejects.push(r));
  scanner.onStatus((s) => statuses.push(s));
  await expect.poll(() => scanner.status().state).toBe('ready');
  return { p, gun, scanner, codes, rejects, statuses };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('serial barcode scanner over a pty pair', () => {
  for (const suffix of ['CR', 'LF', 'CRLF', 'TAB', 'none'] as const) {
    it(`${suffix}: codes arrive as scans, including one sent a byte at a time`, async () => {
      const { gun, codes } = await scannerRig(suffix);
      const send = async (code: string): Promise<void> => {
        await gun.write(Buffer.from(code + SUFFIX[suffix], 'latin1'));
        // Without a suffix only the pause ends a code: a person does not scan twice in 80 ms.
        if (suffix === 'none') await pause(200);
      };
      await send('6901234567892');
      await send('2834567890123456');
      for (const ch of 'ABC-123' + SUFFIX[suffix]) {
        await gun.write(Buffer.from(ch, 'latin1'));
        await pause(5);
      }
      await expect.poll(() => codes, { timeout: 3_000 }).toEqual(['6901234567892', '2834567890123456', 'ABC-123']);
    });
  }

  it('garbage and a cut-off code are rejected without a scan or a crash; the next code scans', async () => {
    const { gun, codes, rejects, scanner } = await scannerRig('CR');
    await gun.write(Buffer.from([0x31, 0x00, 0xff, 0x1b, 0x32, 0x0d]));
    await gun.write(Buffer.from('9'.repeat(200) + '\r'));
    await gun.write(Buffer.from('69012'));
    await pause(500); // past the partial timeout: the half code is dropped
    await gun.write(Buffer.from('6901234567892\r'));
    await expect.poll(() => codes, { timeout: 3_000 }).toEqual(['6901234567892']);
    expect(rejects.map((r) => r.reason)).toEqual(['control-byte', 'too-long', 'no-suffix']);
    expect(scanner.status().rejected).toBe(3);
  });

  // Pulling a pty under heavy load sometimes leaves the replugged line unopened past the
  // test's budget; one retry keeps CI honest without hiding a scanner that never recovers.
  it('an unplugged scanner shows as disconnected in words, and scans again after replug', { retry: 1, timeout: 30_000 }, async () => {
    const { p, scanner, codes, statuses } = await scannerRig('CR');
    await p.kill();
    await expect.poll(() => scanner.status().state, { timeout: 3_000 }).toBe('disconnected');
    expect(scanner.status().message?.zh).toContain('未连接');
    await p.restart();
    const gun = createHotplugTransport({ path: p.b, pollMs: 50, baudRate: 9600 });
    closers.push(() => gun.close());
    await Promise.race([gun.whenOpen(), new Promise((_, reject) => setTimeout(() => reject(new Error('the replugged pty did not open within 10 s')), 10_000))]);
    await expect.poll(() => scanner.status().state, { timeout: 5_000 }).toBe('ready');
    await gun.write(Buffer.from('123\r'));
    await expect.poll(() => codes, { timeout: 3_000 }).toEqual(['123']);
    expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['disconnected', 'ready']));
  });
});
