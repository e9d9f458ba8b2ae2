#!/usr/bin/env node
// The package's bin: runs the compiled CLI (npm install builds it through `prepare`).
import { existsSync } from 'node:fs';
const entry = new URL('../dist/electron/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('cashdesk: not built yet; run `npm run build` first / 尚未构建，请先运行 npm run build\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
