// `cashdesk iso8583 decode|encode` and `cashdesk sim host` as real processes (spec/cli.md).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { desEncrypt } from '../../../native/crypto/des.js';
import { iso0PinBlock } from '../../../native/crypto/pinBlock.js';
import { HostLink } from '../../../electron/host/link.js';
import { buildSale, parseReply } from '../../../electron/host/messages.js';
import { signInForTest, TEST_TMK, terminalContext } from '../../support/hostFixtures.js';
import { vectors } from '../../support/vectors.js';

const CLI = ['--import', 'tsx', 'electron/cli.ts'];

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: process.cwd(), encoding: 'utf8', input, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cashdesk iso8583', () => {
  it.each(vectors.frames)('decode prints the fields of $name', (v) => {
    const r = cli(['iso8583', 'decode', v.hex]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(v.expect);
  });

  it('encode is the inverse of decode, from an argument or from stdin (-)', () => {
    const v = vectors.frames[1]!;
    const fromArg = cli(['iso8583', 'encode', JSON.stringify(v.expect)]);
    expect(fromArg.status).toBe(0);
    expect(JSON.parse(fromArg.stdout)).toEqual({ hex: v.hex });
    const fromStdin = cli(['iso8583', 'encode', '-'], JSON.stringify(v.expect));
    expect(JSON.parse(fromStdin.stdout)).toEqual({ hex: v.hex });
  });

  it.each([
    ['bad hex', ['iso8583', 'decode', 'ZZ01'], /hexadecimal/],
    ['an odd number of digits', ['iso8583', 'decode', '007'], /hexadecimal/],
    ['a frame that does not decode', ['iso8583', 'decode', vectors.frames[0]!.hex.replace(/^007F6000/, '007F6100')], /TPDU at byte 2/],
    ['JSON that does not parse', ['iso8583', 'encode', '{nope'], /JSON/],
    ['a value that does not fit its field', ['iso8583', 'encode', '{"mti":"0200","fields":{"4":"12"}}'], /F4/],
  ])('%s: exit 2 with one line on stderr, no stack trace', (_what, args, message) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('cashdesk sim host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cashdesk-sim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('listens, logs one JSON line per message, uses the card file, and stops on SIGTERM', async () => {
    const cards = join(dir, 'cards.json');
    writeFileSync(cards, JSON.stringify([{ pan: '6230000000000000001', pin: '2468', balance: 500 }, { pan: '6230000000000000002', balance: 500, respond: '05' }]));
    const child = spawn(process.execPath, [...CLI, 'sim', 'host', '--listen', '127.0.0.1:0', '--tmk', TEST_TMK.toString('hex'), '--cards', cards], { cwd: process.cwd() });
    const lines: Array<Record<string, unknown>> = [];
    const waiters: Array<() => void> = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
      waiters.splice(0).forEach((w) => w());
    });
    const waitFor = async (pred: (l: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
      for (;;) {
        const hit = lines.find(pred);
        if (hit) return hit;
        await new Promise<void>((r) => waiters.push(r));
      }
    };
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));

    const listening = await waitFor((l) => l.event === 'sim.listening');
    const link = new HostLink({ host: '127.0.0.1', port: listening.port as number });
    const ctx = terminalContext();
    const keys = await signInForTest(link, ctx, '000001');
    const sale = (pan: string, pin: string, stan: string): ReturnType<typeof buildSale> =>
      buildSale({ ...ctx, batchNo: keys.batchNo }, { stan, amount: 400, card: { entry: 'chip', pan }, pinBlock: desEncrypt(keys.pinKey, iso0PinBlock(pin, pan)) });
    const ok = await link.exchange(sale('6230000000000000001', '2468', '000002'), { macFn: keys.macFn });
    expect(parseReply(ok.message).outcome.code).toBe('00');
    const declined = await link.exchange(sale('6230000000000000002', '1111', '000003'), { macFn: keys.macFn });
    expect(parseReply(declined.message).outcome.code).toBe('05');
    await link.close();

    await waitFor((l) => l.event === 'sim.message' && l.stan === '000003');
    expect(lines.filter((l) => l.event === 'sim.message').map((l) => [l.mti, l.responseCode])).toEqual([
      ['0800', '00'],
      ['0200', '00'],
      ['0200', '05'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('6230000000000000001');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.at(-1)).toMatchObject({ event: 'sim.stopped', messages: 3 });
  });

  it('refuses a TMK that is not 16, 32 or 48 hex digits with exit 2', () => {
    const r = cli(['sim', 'host', '--listen', '127.0.0.1:0', '--tmk', '1234']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--tmk/);
  });
});
