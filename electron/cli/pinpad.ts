// `cashdesk pinpad list` and `cashdesk pinpad probe` (spec/cli.md): find and negotiate
// with PIN pads on serial ports. Exit 1 with one zh/en line when no pad answers.
import { isCashdeskError } from '../../native/errors.js';
import { probePort } from '../../native/pinpad/openPinpad.js';
import type { PinpadInfo } from '../../native/pinpad/replies.js';
import { PINPAD_ACK_TIMEOUT_MS } from '../../native/pinpad/timeouts.js';
import { findPinpadPorts, listSerialPorts } from '../../native/serial/portDiscovery.js';
import { DEFAULT_BAUD_RATE, isLineFormat, MAX_BAUD_RATE, MIN_BAUD_RATE, type LineFormat } from '../../native/serial/serialTransport.js';
import { parseOptions, requireOption, UsageError, type CliCommand } from './command.js';

/** `pinpad list` probes every candidate; a pad ACKs in milliseconds, so it need not wait the full §1 5 s. */
const LIST_ACK_TIMEOUT_MS = 1_000;

export interface LineArgs {
  baudRate: number;
  format: LineFormat;
  ackMs: number | undefined;
}

/** --baud, --format and --ack-timeout, shared with `sim pinpad`. */
export function parseLineArgs(opts: Record<string, string | boolean | undefined>): LineArgs {
  const baudRate = typeof opts.baud === 'string' ? Number(opts.baud) : DEFAULT_BAUD_RATE;
  if (!Number.isInteger(baudRate) || baudRate < MIN_BAUD_RATE || baudRate > MAX_BAUD_RATE) {
    throw new UsageError(`--baud must be a whole number from ${MIN_BAUD_RATE} to ${MAX_BAUD_RATE}`, `--baud 必须是 ${MIN_BAUD_RATE} 到 ${MAX_BAUD_RATE} 之间的整数`);
  }
  const format = typeof opts.format === 'string' ? opts.format.toUpperCase() : '8N1';
  if (!isLineFormat(format)) throw new UsageError('--format must be 8N1 or 7E1', '--format 必须是 8N1 或 7E1');
  let ackMs: number | undefined;
  if (typeof opts['ack-timeout'] === 'string') {
    ackMs = Number(opts['ack-timeout']);
    if (!Number.isInteger(ackMs) || ackMs < 10 || ackMs > 60_000) throw new UsageError('--ack-timeout must be 10..60000 ms', '--ack-timeout 必须是 10 到 60000 毫秒');
  }
  return { baudRate, format, ackMs };
}

const lineOptions = { baud: 'string', format: 'string', 'ack-timeout': 'string' } as const;

function probeOptions(path: string, line: LineArgs, ackMs: number) {
  return { path, baudRate: line.baudRate, format: line.format, timeouts: { ackMs } };
}

export const commands: CliCommand[] = [
  {
    path: ['pinpad', 'list'],
    summary: 'serial ports and which answer as a PIN pad / 列出串口及密码键盘',
    usage:
      'cashdesk pinpad list [--port PATH] [--baud 9600] [--format 8N1|7E1] [--ack-timeout MS]\n' +
      '  Lists serial ports with their USB ids. Ports on a known USB-serial bridge (CH340, PL2303,\n' +
      '  CP210x, FTDI), CDC-ACM devices and --port are probed; "pinpad" is the probe result or null.\n' +
      `  --ack-timeout  how long each probe waits for an ACK (default ${LIST_ACK_TIMEOUT_MS} ms)`,
    run: async (args) => {
      const opts = parseOptions(args, { port: 'string', ...lineOptions });
      const line = parseLineArgs(opts);
      const configured = typeof opts.port === 'string' ? [opts.port] : [];
      const ports = await listSerialPorts();
      const candidates = await findPinpadPorts({ configuredPaths: configured, listPorts: async () => ports });
      const rows = [...candidates.filter((c) => c.reason === 'configured' && !ports.some((p) => p.path === c.path)), ...ports];
      const out = [];
      for (const p of rows) {
        let pinpad: PinpadInfo | null = null;
        if (candidates.some((c) => c.path === p.path)) {
          try {
            pinpad = await probePort(probeOptions(p.path, line, line.ackMs ?? LIST_ACK_TIMEOUT_MS));
          } catch (e) {
            if (!isCashdeskError(e)) throw e; // absent, busy or silent: not a PIN pad we can use
          }
        }
        out.push({ path: p.path, vendorId: p.vendorId ?? null, productId: p.productId ?? null, manufacturer: p.manufacturer ?? null, pinpad });
      }
      return out;
    },
  },
  {
    path: ['pinpad', 'probe'],
    summary: 'negotiate with one PIN pad / 探测密码键盘',
    usage:
      'cashdesk pinpad probe --port PATH [--baud 9600] [--format 8N1|7E1] [--ack-timeout MS]\n' +
      '  Prints {"protocol","model","firmware","serial","capabilities"}; exits 1 when no pad answers.\n' +
      `  --ack-timeout  how long to wait for each ACK before resending (default ${PINPAD_ACK_TIMEOUT_MS} ms, pinpad-protocol §1)`,
    run: async (args) => {
      const opts = parseOptions(args, { port: 'string', ...lineOptions });
      const path = requireOption(opts, 'port');
      const line = parseLineArgs(opts);
      const info = await probePort(probeOptions(path, line, line.ackMs ?? PINPAD_ACK_TIMEOUT_MS));
      return { protocol: info.protocol, model: info.model, firmware: info.firmware, serial: info.serial, capabilities: info.capabilities };
    },
  },
];
