import type Database from 'better-sqlite3';
import m0001 from './0001-app-meta.js';
import m0002 from './0002-audit-log.js';
import m0003 from './0003-operators.js';
import m0004 from './0004-terminal.js';
import m0005 from './0005-payments.js';
import m0010 from './0010-catalog.js';
import m0011 from './0011-members.js';
import m0012 from './0012-carts-and-sales.js';
import m0013 from './0013-day-end.js';
import m0014 from './0014-receipt-jobs.js';

/** A numbered schema step (style.md: Signal's runner rules, one test per migration). */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

// Append new migrations here, in order. Numbers are never reused or edited once shipped.
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0010, m0011, m0012, m0013, m0014];
