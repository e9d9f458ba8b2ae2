// The `cashdesk` command line (spec/cli.md): a thin layer over the main-process
// services. One JSON document on stdout on success; one readable line on stderr on
// failure; exit 2 for bad input, 1 for a failed operation; never a stack trace for an
// expected failure.
import { isCashdeskError, toCashdeskError } from '../native/errors.js';
import { packageVersion } from './app.js';
import { CliExit, UsageError, type CliCommand, type CliIo } from './cli/command.js';

// Each group file exports `commands: CliCommand[]`; add a group by adding one line.
const groups: Array<() => Promise<{ commands: CliCommand[] }>> = [
  () => import('./cli/audit.js'),
  () => import('./cli/operator.js'),
  () => import('./cli/terminal.js'),
  () => import('./cli/pay.js'),
  () => import('./cli/sale.js'),
  () => import('./cli/iso8583.js'),
  () => import('./cli/simHost.js'),
  () => import('./cli/pinpad.js'),
  () => import('./cli/simPinpad.js'),
];

async function loadCommands(): Promise<CliCommand[]> {
  const all: CliCommand[] = [];
  for (const g of groups) all.push(...(await g()).commands);
  return all;
}

function helpText(commands: CliCommand[]): string {
  const lines = ['cashdesk — 收银台 / counter cashier', '', 'Usage: cashdesk <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.path.join(' ').padEnd(20)} ${c.summary}`);
  lines.push('', 'Options: --help, --version, --json (errors as JSON on stdout)');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  const commands = await loadCommands();
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    process.stdout.write(helpText(commands));
    return args.length === 0 ? 2 : 0;
  }
  if (args[0] === '--version' || args[0] === '-v') {
    process.stdout.write(JSON.stringify({ version: packageVersion() }) + '\n');
    return 0;
  }
  const cmd = commands
    .filter((c) => c.path.every((w, i) => args[i] === w))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const io: CliIo = {
    env: process.env,
    signal: controller.signal,
    warn: (line) => process.stderr.write(line + '\n'),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  try {
    if (!cmd) throw new UsageError(`unknown command "${args.slice(0, 2).join(' ')}"; see cashdesk --help`, `未知命令 "${args.slice(0, 2).join(' ')}"；请查看 cashdesk --help`);
    const rest = args.slice(cmd.path.length);
    if (rest.includes('--help')) {
      process.stdout.write(`${cmd.usage}\n`);
      return 0;
    }
    const result = await cmd.run(rest, io);
    if (result instanceof CliExit) {
      process.stdout.write(JSON.stringify(result.output) + '\n');
      return result.exitCode;
    }
    if (result !== undefined) process.stdout.write(JSON.stringify(result) + '\n');
    return 0;
  } catch (e) {
    const err = isCashdeskError(e) ? e : toCashdeskError(e);
    process.stderr.write(`cashdesk: ${err.message}\n`);
    const output = (e as { output?: unknown }).output;
    if (output !== undefined) process.stdout.write(JSON.stringify(output) + '\n');
    else if (json) process.stdout.write(JSON.stringify({ ok: false, code: err.code, message: err.message }) + '\n');
    return err instanceof UsageError ? 2 : 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

// Run directly (`node dist/electron/cli.js`, or `node --import tsx electron/cli.ts` in tests).
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
