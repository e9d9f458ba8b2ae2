// `npm start`: launch Electron in training mode. Where no Electron binary is installed
// (its download is blocked on some machines), say in one line how to run instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = undefined;
}
if (typeof electronPath !== 'string') {
  process.stderr.write('cashdesk: no Electron binary is installed here; run `npm run dev:browser` to use Cashdesk in a browser / 未安装 Electron，请运行 npm run dev:browser 在浏览器中使用\n');
  process.exit(1);
}
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
