import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

const root = join(import.meta.dirname, '..', '..');
export function cashdesk(args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cashdesk CLI basics (spec/cli.md)', () => {
  it('--version prints the package version as JSON', () => {
    const r = cashdesk(['--version']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ version: (require('../../package.json') as { version: string }).version });
  });

  it('--help lists commands and exits 0', () => {
    const r = cashdesk(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: cashdesk');
  });

  it('an unknown command is a usage error: exit 2, one line in both languages, no stack trace', () => {
    const r = cashdesk(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/未知命令.*unknown command/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('--json also puts the error on stdout as JSON', () => {
    const r = cashdesk(['frobnicate', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, code: 'USAGE' });
  });
});
