import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real serial pair for integration tests: `socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`.
 * Bytes written to one link come out of the other. kill() pulls the cable (both ends see
 * their port close); restart() plugs it back in on the same link paths.
 */
export interface PtyPair {
  /** Path of end A (a symlink to a /dev/pts/N). */
  a: string;
  /** Path of end B. */
  b: string;
  /** Stops socat: both ends' ports close, the links go away. */
  kill(): Promise<void>;
  /** Starts socat again with the same link paths (kills it first if running). */
  restart(): Promise<void>;
  /** Stops socat and removes the temp dir it made. */
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 5_000;

export async function startPtyPair(dir?: string): Promise<PtyPair> {
  const own = dir === undefined;
  const base = dir ?? mkdtempSync(join(tmpdir(), 'cashdesk-pty-'));
  const a = join(base, 'A');
  const b = join(base, 'B');
  let proc: ChildProcess | undefined;

  async function start(): Promise<void> {
    // A socat killed hard leaves dangling links; remove them so "exists" means "ready".
    rmSync(a, { force: true });
    rmSync(b, { force: true });
    const p = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    proc = p;
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (stderr.includes('starting data transfer loop') && existsSync(a) && existsSync(b)) done();
        else if (Date.now() - started > START_TIMEOUT_MS) fail(new Error(`socat did not start within ${START_TIMEOUT_MS} ms: ${stderr}`));
      }, 10);
      const cleanup = (): void => {
        clearInterval(poll);
        p.removeListener('exit', onExit);
        p.removeListener('error', onError);
      };
      const done = (): void => {
        cleanup();
        resolve();
      };
      const fail = (e: Error): void => {
        cleanup();
        p.kill('SIGKILL');
        reject(e);
      };
      const onExit = (code: number | null): void => fail(new Error(`socat exited with ${code}: ${stderr}`));
      const onError = (e: Error): void => fail(new Error(`cannot run socat (is it installed?): ${e.message}`));
      p.once('exit', onExit);
      p.once('error', onError);
      p.stderr!.on('data', (d: Buffer) => {
        if (stderr.length < 10_000) stderr += d.toString();
      });
    });
  }

  async function kill(): Promise<void> {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  }

  await start();
  return {
    a,
    b,
    kill,
    async restart() {
      await kill();
      await start();
    },
    async close() {
      await kill();
      if (own) rmSync(base, { recursive: true, force: true });
      else {
        rmSync(a, { force: true });
        rmSync(b, { force: true });
      }
    },
  };
}
