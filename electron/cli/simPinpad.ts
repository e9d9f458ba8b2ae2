// `cashdesk sim pinpad` (spec/cli.md): the training PIN pad on one end of a serial pair,
// one JSON line per event on stdout, until SIGINT/SIGTERM. It follows its port through
// unplugs (a restarted socat) like the app does.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { redactFields, type Logger } from '../../native/log/logger.js';
import { createPinpadEmulator, type EmulatorMode } from '../../native/pinpad/emulator.js';
import type { EmulatorCard } from '../../native/pinpad/emulatorScript.js';
import { createHotplugTransport } from '../../native/serial/hotplugTransport.js';
import { parseOptions, requireOption, UsageError, type CliCommand } from './command.js';
import { parseLineArgs } from './pinpad.js';

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

/** `SLOT:HEX[,SLOT:HEX…]`: master keys in the clear, 16 or 32 hex digits. */
export function parseMasterKeys(value: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const part of value.split(',')) {
    const m = /^(\d):([0-9A-Fa-f]{16}|[0-9A-Fa-f]{32})$/.exec(part.trim());
    if (!m) throw new UsageError(`--mk must be SLOT:HEX (slot 0-9, 16 or 32 hex digits), got "${part}"`, `--mk 格式应为 槽位:十六进制密钥（槽位 0-9，16 或 32 位），实际为 "${part}"`);
    out[Number(m[1])] = m[2]!.toUpperCase();
  }
  return out;
}

const CardFile = z.object({
  pan: z.string().regex(/^\d{8,19}$/),
  expiry: z.string().regex(/^\d{4}$/),
  track2: z.string().regex(/^[0-9]+[D=][0-9]+$/i),
  entryMode: z.enum(['swipe', 'chip', 'tap']).optional(),
  sequence: z.string().regex(/^\d{3}$/).nullable().optional(),
  chipData: z.string().regex(/^(?:[0-9A-Fa-f]{2})*$/).nullable().optional(),
});

function loadCard(file: string): EmulatorCard {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--card ${file}: ${e instanceof Error ? e.message : String(e)}`, `--card 文件无法读取：${file}`);
  }
  const parsed = CardFile.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--card ${file}: expected {"pan","expiry" (YYMM),"track2", "entryMode"?, "sequence"?, "chipData"?}`, `--card 文件格式错误：${file}`);
  const c = parsed.data;
  return { pan: c.pan, expiry: c.expiry, track2: c.track2, ...(c.entryMode ? { entryMode: c.entryMode } : {}), ...(c.sequence !== undefined ? { sequence: c.sequence } : {}), ...(c.chipData !== undefined ? { chipData: c.chipData } : {}) };
}

export const commands: CliCommand[] = [
  {
    path: ['sim', 'pinpad'],
    summary: 'run the training PIN pad / 运行培训密码键盘',
    usage:
      'cashdesk sim pinpad --port PATH --mk SLOT:HEX[,SLOT:HEX] [--pin 1234] [--card FILE] [--mode ppx|core] [--baud 9600] [--format 8N1|7E1]\n' +
      '  --mk    master keys in the clear (the training TMK), e.g. 0:0123456789ABCDEF\n' +
      '  --pin   what the cardholder types for every PIN request (default 1234)\n' +
      '  --card  JSON {"pan","expiry","track2","entryMode"?,"sequence"?,"chipData"?} for every card read\n' +
      '  --mode  ppx (PPX/1, default) or core (PP1000SE only)\n' +
      '  Logs one JSON line per request on stdout; stops on SIGINT/SIGTERM.',
    run: async (args, io) => {
      const opts = parseOptions(args, { port: 'string', mk: 'string', pin: 'string', card: 'string', mode: 'string', baud: 'string', format: 'string', 'ack-timeout': 'string' });
      const path = requireOption(opts, 'port');
      const masterKeys = parseMasterKeys(requireOption(opts, 'mk'));
      const pin = typeof opts.pin === 'string' ? opts.pin : '1234';
      if (!/^\d{4,12}$/.test(pin)) throw new UsageError('--pin must be 4 to 12 digits', '--pin 必须是 4 到 12 位数字');
      const mode = (typeof opts.mode === 'string' ? opts.mode : 'ppx') as EmulatorMode;
      if (mode !== 'ppx' && mode !== 'core') throw new UsageError('--mode must be ppx or core', '--mode 必须是 ppx 或 core');
      const card = typeof opts.card === 'string' ? loadCard(opts.card) : undefined;
      const line = parseLineArgs(opts);

      const logger = stdoutLogger('sim.pinpad');
      const transport = createHotplugTransport({ path, baudRate: line.baudRate, format: line.format, logger });
      const emulator = createPinpadEmulator(transport, { mode, masterKeys, pin, ...(card ? { card } : {}), ...(line.ackMs ? { ackTimeoutMs: line.ackMs } : {}), logger });
      emulator.onEvent((e) => {
        if (e.type === 'request') logger.log('info', 'request', { id: e.id });
        else if (e.type === 'display') logger.log('info', 'display', { text: e.text });
        else if (e.type === 'state') logger.log('info', 'state', { state: e.state });
      });
      transport.onState((s) => logger.log('info', s === 'open' ? 'port-open' : 'port-closed', { port: path }));
      logger.log('info', 'started', { port: path, mode, slots: Object.keys(masterKeys).map(Number) });
      if (!io.signal.aborted) await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
      await emulator.close();
      logger.log('info', 'stopped', {});
      return undefined;
    },
  },
];
