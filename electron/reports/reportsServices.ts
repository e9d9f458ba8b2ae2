// The reports side of createApp: queries and exports over the same db (style.md §7).
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import { makeShopClock, type ShopClock } from '../members/shopTime.js';
import { journalCsv, reconciliationCsv, reportCsv } from './reportCsv.js';
import { reconciliationPdf, reportPdf } from './reportPdf.js';
import { Reports } from './reports.js';
import type { JournalQueryInput, PdfOptions, Reconciliation, SalesReport } from './reportSchemas.js';

export interface ReportServicesDeps {
  db: Db;
  audit: AuditLog;
  clock?: ShopClock;
  now?: () => Date;
  utcOffsetMinutes?: number;
  /** Where the PDF's Chinese font is (a setting of the shop); default: the system's. */
  pdf?: PdfOptions;
}

/** Exports with the shop's PDF settings bound in. */
export class ReportExports {
  constructor(
    private readonly reports: Reports,
    private readonly pdf: PdfOptions,
  ) {}

  reportCsv(report: SalesReport, encoding: 'utf8' | 'gbk' = 'utf8'): Buffer {
    return reportCsv(report, encoding);
  }
  reportPdf(report: SalesReport): Promise<Buffer> {
    return reportPdf(report, this.pdf);
  }
  /** Every matching entry, not one page (the journal of a day fits easily in memory). */
  journalCsv(query: JournalQueryInput, encoding: 'utf8' | 'gbk' = 'utf8'): Buffer {
    const first = this.reports.journal({ ...query, limit: 5000, offset: 0 });
    const entries = [...first.entries];
    while (entries.length < first.total) entries.push(...this.reports.journal({ ...query, limit: 5000, offset: entries.length }).entries);
    return journalCsv(entries, encoding);
  }
  reconciliationCsv(r: Reconciliation, encoding: 'utf8' | 'gbk' = 'utf8'): Buffer {
    return reconciliationCsv(r, encoding);
  }
  reconciliationPdf(r: Reconciliation): Promise<Buffer> {
    return reconciliationPdf(r, this.pdf);
  }
}

export interface ReportServices {
  reports: Reports;
  exports: ReportExports;
}

export function createReportServices(deps: ReportServicesDeps): ReportServices {
  const clock = deps.clock ?? makeShopClock(deps.now, deps.utcOffsetMinutes);
  const reports = new Reports(deps.db, clock, deps.audit);
  return { reports, exports: new ReportExports(reports, deps.pdf ?? {}) };
}
