import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const SHELL_FILES = ['electron/main.ts', 'electron/preload.ts', 'electron/windows.ts', 'electron/ipc.ts'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const full = join(root, dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(relative(root, full)));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) out.push(relative(root, full));
  }
  return out;
}

const importsOf = (file: string): string[] => {
  const text = readFileSync(join(root, file), 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    specs.push((m[1] ?? m[2] ?? m[3])!);
  }
  return specs;
};

const all = [...sourceFiles('electron'), ...sourceFiles('native'), ...sourceFiles('renderer/src')];

describe('architecture.md: who may import what', () => {
  it('only the four shell files import electron', () => {
    const offenders = all.filter((f) => !SHELL_FILES.includes(f) && importsOf(f).includes('electron'));
    expect(offenders).toEqual([]);
  });

  it('the check itself sees a shell file importing electron (so it can fail)', () => {
    expect(importsOf('electron/main.ts')).toContain('electron');
  });

  it('contract.ts imports zod and the services\u2019 schema modules only, and those import zod only', () => {
    const schemaModules = ['./sales/salesSchemas.js', './members/memberSchemas.js', './reports/reportSchemas.js', './checkout/checkoutSchemas.js'];
    expect([...new Set(importsOf('electron/contract.ts'))].sort()).toEqual(['zod', ...schemaModules].sort());
    // A schema module imports zod, and other schema modules or the contract's reply types.
    const allowed = new Set(['zod', '../contract.js', ...schemaModules.map((m) => m.replace('./', '../'))]);
    for (const m of schemaModules) expect(importsOf(join('electron', m.replace(/\.js$/, '.ts'))).filter((s) => !allowed.has(s))).toEqual([]);
  });

  it('the renderer imports only types from the main side, and no Node module', () => {
    const bad: string[] = [];
    for (const f of sourceFiles('renderer/src')) {
      const text = readFileSync(join(root, f), 'utf8');
      for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s*['"]([^'"]+)['"]/gm)) {
        const spec = m[2]!;
        if (spec.startsWith('node:') || spec === 'electron') bad.push(`${f}: ${spec}`);
        if (/\/(electron|native)\//.test(spec) && !m[1]) bad.push(`${f}: value import of ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('native/ never reaches up into electron/ (the lower layer stays app-free)', () => {
    const offenders = sourceFiles('native').filter((f) => importsOf(f).some((s) => /(^|\/)electron\//.test(s)));
    expect(offenders).toEqual([]);
  });
});
