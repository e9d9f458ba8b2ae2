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
