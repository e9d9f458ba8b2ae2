// `cashdesk pinpad list|probe` and `cashdesk sim pinpad` as real processes on a socat pty
// pair (spec/cli.md: JSON on stdout, exit 0; one zh/en line and exit 1 when no pad answers).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPtyPair, type PtyPair } from '../../support/ptyPair.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { cwd: process.cwd() });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `sim pinpad` and resolves once it has its port open. */
function startSim(args: string[]): Promise<{ proc: ChildProcess; lines: () => Array<Record<string, unknown>>; stop(): Promise<number | null> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'sim', 'pinpad', ...args], { cwd: process.cwd() });
  let out = '';
  const lines = (): Array<Record<string, unknown>> =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sim pinpad did not open its port: ${out}`)), 20_000);
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (lines().some((l) => l.event === 'port-open')) {
        clearTimeout(timer);
        resolve({
          proc,
          lines,
          stop: () =>
            new Promise((r) => {
              if (proc.exitCode !== null) return r(proc.exitCode);
              proc.once('exit', (code) => r(code));
              proc.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

describe('cashdesk pinpad / sim pinpad', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const pty = async (): Promise<PtyPair> => {
    const pair = await startPtyPair();
    cleanups.push(() => pair.close());
    return pair;
  };

  it('probe finds the PPX/1 training pad run by `sim pinpad`, which logs requests but no key', async () => {
    const pair = await pty();
    const dir = mkdtempSync(join(tmpdir(), 'cashdesk-card-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const cardFile = join(dir, 'card.json');
    writeFileSync(cardFile, JSON.stringify({ pan: '6222021234567890128', expiry: '2812', track2: '6222021234567890128D28122201234567' }));
    const sim = await startSim(['--port', pair.b, '--mk', '0:0123456789ABCDEF,1:0123456789ABCDEFFEDCBA9876543210', '--pin', '4321', '--card', cardFile]);
    cleanups.push(() => sim.stop());

    const run = await cli(['pinpad', 'probe', '--port', pair.a]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ protocol: 'PPX/1', model: 'CASHDESK-SIM', firmware: '1.0', serial: 'SIM00000001', capabilities: expect.arrayContaining(['X4', 'MACE']) });
    expect(sim.lines().some((l) => l.event === 'request' && l.id === 'X0')).toBe(true);
    expect(await sim.stop()).toBe(0);
    expect(JSON.stringify(sim.lines())).not.toMatch(/0123456789ABCDEF/i);
  });

  it('probe reports a core-only pad as PP1000SE with its serial number', async () => {
    const pair = await pty();
    const sim = await startSim(['--port', pair.b, '--mk', '0:0123456789ABCDEF', '--mode', 'core']);
    cleanups.push(() => sim.stop());
    const run = await cli(['pinpad', 'probe', '--port', pair.a, '--ack-timeout', '500']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ protocol: 'PP1000SE', model: null, serial: 'SIM00000001', capabilities: expect.arrayContaining(['Z60']) });
  });

  it('probe exits 1 with one Chinese/English line when nothing answers, and 2 on bad input', async () => {
    const pair = await pty();
    const run = await cli(['pinpad', 'probe', '--port', pair.a, '--ack-timeout', '100']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('没有密码键盘应答');
    expect(lines[0]).toContain('No PIN pad answers');
    expect(lines[0]).toContain('PINPAD_ACK_TIMEOUT_MS');

    expect((await cli(['pinpad', 'probe', '--port', pair.a, '--format', '9N1'])).code).toBe(2);
    expect((await cli(['pinpad', 'probe', '--port', pair.a, '--baud', '300'])).code).toBe(2);
    expect((await cli(['pinpad', 'probe'])).code).toBe(2);
    expect((await cli(['sim', 'pinpad', '--port', pair.b, '--mk', '0:XYZ'])).code).toBe(2);
  });

  it('list shows the configured port with its probe result', async () => {
    const pair = await pty();
    const sim = await startSim(['--port', pair.b, '--mk', '0:0123456789ABCDEF']);
    cleanups.push(() => sim.stop());
    const run = await cli(['pinpad', 'list', '--port', pair.a]);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ path: string; pinpad: { protocol: string } | null }>;
    expect(rows.find((r) => r.path === pair.a)).toMatchObject({ vendorId: null, productId: null, pinpad: { protocol: 'PPX/1' } });
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['manufacturer', 'path', 'pinpad', 'productId', 'vendorId']);
  });
});
