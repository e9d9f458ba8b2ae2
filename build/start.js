// `npm start`: launch Electron (a development run: training unless --live is given). Where
// no Electron binary is installed (its download is blocked on some machines), start the
// browser mode instead; it prints the address to open.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = undefined;
}
const args = process.argv.slice(2);
let child;
if (typeof electronPath === 'string') {
  child = spawn(electronPath, ['.', ...args], { stdio: 'inherit' });
} else {
  process.stderr.write('cashdesk: no Electron binary is installed here; starting the browser mode instead / 未安装 Electron，改为以浏览器模式启动\n');
  const devBrowser = fileURLToPath(new URL('../dist/electron/bridge/devBrowser.js', import.meta.url));
  child = spawn(process.execPath, [devBrowser, ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
