import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

/** Keys whose values never reach a log, whatever a caller passes (architecture.md rules). */
const SECRET_KEYS = /^(pin|pinBlock|pinblock|track2|track3|track|tracks|f35|f36|f52|f55|f62|key|keys|clearKey|workingKey|masterKey|pinKey|macKey|trackKey|tmk|password|pan|fullPan|cardNumber)$/i;

export function redactFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEYS.test(k)) out[k] = '[redacted]';
    else if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Error) && !Buffer.isBuffer(v)) out[k] = redactFields(v as LogFields);
    else if (Buffer.isBuffer(v)) out[k] = `[${v.length} bytes]`;
    else if (v instanceof Error) out[k] = { name: v.name, message: v.message, code: (v as { code?: unknown }).code };
    else out[k] = v;
  }
  return out;
}

export interface LoggerOptions {
  /** JSON-lines file; omitted means memory only (tests, CLI). */
  file?: string;
  /** Also keep the last N records in memory for diagnostics. */
  keep?: number;
  /** Write to stderr as well. */
  stderr?: boolean;
  minLevel?: LogLevel;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface MemoryLogger extends Logger {
  records(): ReadonlyArray<{ ts: string; level: LogLevel; scope: string; event: string } & LogFields>;
}

export function createLogger(options: LoggerOptions = {}, scope = 'app'): MemoryLogger {
  const ring: Array<{ ts: string; level: LogLevel; scope: string; event: string } & LogFields> = [];
  const keep = options.keep ?? 500;
  const min = LEVELS[options.minLevel ?? 'info'];
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });

  function make(s: string): MemoryLogger {
    return {
      log(level, event, fields = {}) {
        if (LEVELS[level] < min) return;
        const rec = { ts: new Date().toISOString(), level, scope: s, event, ...redactFields(fields) };
        ring.push(rec);
        if (ring.length > keep) ring.shift();
        const line = JSON.stringify(rec);
        if (options.file) {
          try {
            appendFileSync(options.file, line + '\n');
          } catch {
            // A full disk or a removed log folder must never take a sale down with it: the
            // line stays in the in-memory ring for diagnostics.
          }
        }
        if (options.stderr) process.stderr.write(line + '\n');
      },
      child(sub) {
        return make(`${s}.${sub}`);
      },
      records() {
        return ring;
      },
    };
  }
  return make(scope);
}

/** A logger that drops everything, for code paths that take an optional logger. */
export const silentLogger: Logger = {
  log() {},
  child() {
    return silentLogger;
  },
};
