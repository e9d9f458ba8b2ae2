import { CliExit, parseOptions, type CliCommand } from './command.js';
import { withApp } from './openApp.js';

export const commands: CliCommand[] = [
  {
    path: ['audit', 'verify'],
    summary: 'check the audit log hash chain / 校验审计日志',
    usage: 'cashdesk audit verify --db FILE',
    run: async (args) => {
      const opts = parseOptions(args, { db: 'string' });
      const result = await withApp(opts, async (app) => app.audit.verify());
      return result.ok ? result : new CliExit(result, 1);
    },
  },
];
