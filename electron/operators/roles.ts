import { CashdeskError } from '../../native/errors.js';

import type { Role } from '../contract.js';

export type { Role };

/** Roles by number as on bank terminals (issue 5): 00 supervisor, 99 admin, 01-98 cashiers. */
export function roleOfId(id: string): Role {
  if (id === '00') return 'supervisor';
  if (id === '99') return 'admin';
  return 'cashier';
}

export const PASSWORD_DIGITS: Record<Role, number> = { cashier: 4, supervisor: 6, admin: 8 };

export class OperatorInputError extends CashdeskError {}

export function assertOperatorId(id: string): void {
  if (!/^\d{2}$/.test(id)) {
    throw new OperatorInputError('OPERATOR_ID', `操作员号 "${id}" 无效：应为两位数字（00 主管，01-98 收银员，99 系统管理员）。`, `Operator number "${id}" is invalid: use two digits (00 supervisor, 01-98 cashiers, 99 admin).`);
  }
}

export function assertPasswordShape(role: Role, password: string): void {
  const n = PASSWORD_DIGITS[role];
  if (!new RegExp(`^\\d{${n}}$`).test(password)) {
    const zhRole = role === 'cashier' ? '收银员' : role === 'supervisor' ? '主管' : '系统管理员';
    throw new OperatorInputError('PASSWORD_FORMAT', `${zhRole}密码必须是 ${n} 位数字。`, `A ${role} password must be exactly ${n} digits.`);
  }
}
