// `cashdesk sim host` (spec/cli.md): the training bank host, one JSON line per message
// on stdout until SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { CashdeskError } from '../../native/errors.js';
import { redactFields, type Logger } from '../../native/log/logger.js';
import { DEFAULT_CARDS, loadCardFile, QR_CODE_DECLINED, QR_CODE_NEVER_COMPLETES, type TrainingCard } from '../host/cardTable.js';
import { startTrainingHost, type TrainingHost } from '../host/simulator.js';
import { parseOptions, requireOption, UsageError, type CliCommand } from './command.js';

/** JSON lines on stdout: the command's output is its log. */
function stdoutLogger(scope: string): Logger {
  return {
    log(level, event, fields = {}) {
      process.stdout.write(JSON.stringify({ ts: new Date().toISOString(), level, scope, event, ...redactFields(fields) }) + '\n');
    },
    child(sub) {
      return stdoutLogger(`${scope}.${sub}`);
    },
  };
}

function parseListen(value: string): { host: string; port: number } {
  const i = value.lastIndexOf(':');
  const host = i > 0 ? value.slice(0, i).replace(/^\[|\]$/g, '') : '';
  const port = Number(value.slice(i + 1));
  if (!host || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--listen must be HOST:PORT (PORT 0 picks a free one), got "${value}"`, `--listen 格式应为 主机:端口，实际为 "${value}"`);
  }
  return { host, port };
}

const cardLines = DEFAULT_CARDS.map((c) => `    ${c.pan.padEnd(20)} PIN ${c.pin ?? '-'}  balance ${c.balance} fen${c.respond ? `  always ${c.respond}` : ''}`).join('\n');

export const commands: CliCommand[] = [
  {
    path: ['sim', 'host'],
    summary: 'run the training bank host / 运行培训主机',
    usage:
      'cashdesk sim host --listen 127.0.0.1:PORT --tmk HEX [--cards FILE] [--qr-pending N] [--tls-key FILE --tls-cert FILE]\n' +
      '  --tmk     terminal master key, 16/32/48 hex digits (the PIN pad holds the same key)\n' +
      '  --cards   JSON array of {"pan","pin","balance" (fen),"respond"?,"requirePin"?}\n' +
      '  --qr-pending  replies that say Q1 before a QR sale is approved (default 1)\n' +
      '  Logs one JSON line per message on stdout; stops on SIGINT/SIGTERM.\n' +
      `  Default cards (any other PAN declines 14):\n${cardLines}\n` +
      `  QR payment code ${QR_CODE_NEVER_COMPLETES} never completes; ${QR_CODE_DECLINED} declines 51.`,
    run: async (args, io) => {
      const opts = parseOptions(args, { listen: 'string', tmk: 'string', cards: 'string', 'qr-pending': 'string', 'tls-key': 'string', 'tls-cert': 'string' });
      const { host, port } = parseListen(requireOption(opts, 'listen'));
      const tmkHex = requireOption(opts, 'tmk');
      if (!/^(?:[0-9A-Fa-f]{16}){1,3}$/.test(tmkHex)) throw new UsageError('--tmk must be 16, 32 or 48 hex digits', '--tmk 必须是 16、32 或 48 位十六进制');
      let cards: TrainingCard[] | undefined;
      if (typeof opts.cards === 'string') {
        try {
          cards = loadCardFile(opts.cards);
        } catch (e) {
          throw new UsageError(e instanceof Error ? e.message : String(e), `卡表文件无法读取：${opts.cards}`);
        }
      }
      let qrPendingReplies: number | undefined;
      if (typeof opts['qr-pending'] === 'string') {
        qrPendingReplies = Number(opts['qr-pending']);
        if (!Number.isInteger(qrPendingReplies) || qrPendingReplies < 0) throw new UsageError('--qr-pending must be a whole number >= 0', '--qr-pending 必须是非负整数');
      }
      const tlsKey = opts['tls-key'];
      const tlsCert = opts['tls-cert'];
      if ((typeof tlsKey === 'string') !== (typeof tlsCert === 'string')) throw new UsageError('--tls-key and --tls-cert go together', '--tls-key 与 --tls-cert 必须同时给出');

      const logger = stdoutLogger('sim.host');
      let sim: TrainingHost;
      try {
        sim = await startTrainingHost({
          host,
          port,
          tmk: Buffer.from(tmkHex, 'hex'),
          logger,
          ...(cards ? { cards } : {}),
          ...(qrPendingReplies !== undefined ? { qrPendingReplies } : {}),
          ...(typeof tlsKey === 'string' && typeof tlsCert === 'string' ? { tls: { key: readFileSync(tlsKey), cert: readFileSync(tlsCert) } } : {}),
        });
      } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        throw new CashdeskError('SIM_LISTEN', `培训主机无法在 ${host}:${port} 启动（${detail}）。请换一个端口。`, `The training host cannot listen on ${host}:${port} (${detail}). Choose another port.`);
      }
      logger.log('info', 'sim.listening', { host: sim.host, port: sim.port });
      if (!io.signal.aborted) await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
      await sim.close();
      logger.log('info', 'sim.stopped', { messages: sim.messageCount });
      return undefined;
    },
  },
];
