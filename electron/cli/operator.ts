import { CashdeskError } from '../../native/errors.js';
import { parseOptions, requireOption, UsageError, type CliCommand } from './command.js';
import { withApp } from './openApp.js';

export const commands: CliCommand[] = [
  {
    path: ['operator', 'add'],
    summary: 'add an operator / 添加操作员',
    usage: 'cashdesk operator add --db FILE --id 01 --role cashier|supervisor|admin [--name NAME]  (CASHDESK_NEW_PASSWORD, CASHDESK_SUPERVISOR_PASSWORD)',
    run: async (args, io) => {
      const opts = parseOptions(args, { db: 'string', id: 'string', role: 'string', name: 'string', password: 'string' });
      const id = requireOption(opts, 'id');
      const role = requireOption(opts, 'role');
      if (!['cashier', 'supervisor', 'admin'].includes(role)) throw new UsageError('--role must be cashier, supervisor or admin', '--role 只能是 cashier、supervisor 或 admin');
      let password = io.env.CASHDESK_NEW_PASSWORD;
      if (typeof opts.password === 'string') {
        io.warn('cashdesk: warning: --password on the command line is for tests only / 警告：命令行密码仅供测试');
        password = opts.password;
      }
      if (!password) throw new UsageError('set CASHDESK_NEW_PASSWORD to the new operator password', '请在环境变量 CASHDESK_NEW_PASSWORD 中提供新操作员密码');
      const supervisorPassword = io.env.CASHDESK_SUPERVISOR_PASSWORD;
      if (!supervisorPassword) throw new UsageError('set CASHDESK_SUPERVISOR_PASSWORD (the supervisor authorises new operators)', '请在环境变量 CASHDESK_SUPERVISOR_PASSWORD 中提供主管密码');
      return withApp(opts, async (app) => {
        if (!app.operators.isSetUp()) {
          throw new CashdeskError('NOT_SET_UP', '尚未完成初始设置，请先运行 cashdesk setup。', 'First setup is not done yet; run cashdesk setup first.');
        }
        const approval = await app.operators.approveAsSupervisor('00', supervisorPassword, 'operator.add');
        const op = await app.operators.add({ id, role: role as 'cashier', name: typeof opts.name === 'string' ? opts.name : undefined, password }, approval);
        return { id: op.id, role: op.role };
      });
    },
  },
];
