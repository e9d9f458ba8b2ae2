import type Database from 'better-sqlite3';
import m0001 from './0001-app-meta.js';
import m0002 from './0002-audit-log.js';
import m0003 from './0003-operators.js';

/** A numbered schema step (style.md: Signal's runner rules, one test per migration). */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

// Append new migrations here, in order. Numbers are never reused or edited once shipped.
export const migrations: readonly Migration[] = [m0001, m0002, m0003];
