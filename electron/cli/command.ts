import { CashdeskError } from '../../native/errors.js';

/**
 * One `cashdesk` sub-command (spec/cli.md). `run` returns the JSON document printed on
 * stdout. Throw UsageError for bad input (exit 2), CashdeskError for a failed operation
 * (exit 1). Long-running commands (sim host, sim pinpad) return a promise that resolves
 * when they are told to stop.
 */
export interface CliCommand {
  /** Words before the options, e.g. ['iso8583', 'decode']. */
  path: string[];
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<unknown>;
}

export interface CliIo {
  stdin(): Promise<string>;
  warn(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Long-running commands resolve when this aborts (SIGINT / SIGTERM). */
  signal: AbortSignal;
}

export class UsageError extends CashdeskError {
  constructor(en: string, zh = `用法错误：${en}`) {
    super('USAGE', zh, en);
  }
}

/** A result printed on stdout with a non-zero exit (e.g. a failed audit check still prints its JSON). */
export class CliExit {
  constructor(readonly output: unknown, readonly exitCode: number) {}
}

/** Reads `--name value` options; flags without a value are booleans. Unknown options are usage errors. */
export function parseOptions(args: string[], known: Record<string, 'string' | 'boolean'>): Record<string, string | boolean | undefined> {
  const out: Record<string, string | boolean | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`, `多余的参数 "${a}"`);
    const name = a.slice(2);
    const kind = known[name];
    if (!kind) throw new UsageError(`unknown option --${name}`, `未知选项 --${name}`);
    if (kind === 'boolean') out[name] = true;
    else {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`, `--${name} 需要一个值`);
      out[name] = v;
    }
  }
  return out;
}

export function requireOption(opts: Record<string, string | boolean | undefined>, name: string): string {
  const v = opts[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`, `缺少必需的选项 --${name}`);
  return v;
}
