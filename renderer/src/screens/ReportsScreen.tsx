import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorSession, SalesReport } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { downloadBase64 } from '../download.js';
import { Message } from '../components/Message.js';
import { yuan } from '../money.js';
import { BarChart, DonutChart, HBarChart } from '../reports/charts.js';
import { localDayStartIso, todayLocal } from './JournalScreen.js';

type Kind = 'shift' | 'day';

/** 报表: 交班 (X, this operator since sign-in) and 日结 (Z, the business day), with charts. */
export function ReportsScreen(props: { session: OperatorSession }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<Kind>('day');
  const [day, setDay] = useState(todayLocal());
  const [rep, setRep] = useState<SalesReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const shiftFrom = props.session.since ?? localDayStartIso(todayLocal());

  const load = useCallback(async () => {
    const r = kind === 'shift' ? await invoke('report.shift', { from: shiftFrom, ...(props.session.operatorId ? { operatorId: props.session.operatorId } : {}) }) : await invoke('report.dayEnd', { businessDay: day });
    if (r.ok) {
      setRep(r.value);
      setError(null);
    } else setError(r.message);
  }, [kind, day, shiftFrom, props.session.operatorId]);
  useEffect(() => {
    void load();
  }, [load]);

  const exportAs = async (format: 'csv' | 'pdf'): Promise<void> => {
    const r = await invoke('report.export', kind === 'shift' ? { report: 'shift', format, from: shiftFrom, encoding: 'gbk' } : { report: 'dayEnd', format, businessDay: day, encoding: 'gbk' });
    if (!r.ok) return setError(r.message);
    downloadBase64(r.value.contentBase64, r.value.fileName, format === 'pdf' ? 'application/pdf' : 'text/csv');
  };
  const closeDay = async (): Promise<void> => {
    setConfirmClose(false);
    const r = await invoke('report.closeDay', { businessDay: day });
    if (!r.ok) return setError(r.message);
    setInfo(t('reports.closed', { day }));
    await load();
  };

  const en = i18n.language.startsWith('en');
  const s = rep?.summary;
  const hours = rep ? rep.byHour.filter((h) => h.hour >= 7 && h.hour <= 22).map((h) => ({ label: String(h.hour), value: h.netFen })) : [];
  return (
    <section className="reports" data-testid="reports-screen">
      <div className="toolbar">
        <div className="segmented" role="tablist">
          {(['shift', 'day'] as const).map((k) => (
            <button key={k} type="button" role="tab" aria-selected={kind === k} className={kind === k ? 'active' : undefined} data-testid={`report-${k}`} onClick={() => setKind(k)}>
              {t(`reports.${k}`)}
            </button>
          ))}
        </div>
        {kind === 'day' && (
          <label>
            {t('reports.date')}
            <input type="date" data-testid="report-date" value={day} onChange={(e) => setDay(e.target.value)} />
          </label>
        )}
        {kind === 'shift' && <span className="muted">{t('reports.shiftOf', { id: props.session.operatorId ?? '' })}</span>}
        <button type="button" onClick={() => void load()}>
          {t('common.refresh')}
        </button>
        <button type="button" data-testid="report-csv" onClick={() => void exportAs('csv')}>
          CSV
        </button>
        <button type="button" data-testid="report-pdf" onClick={() => void exportAs('pdf')}>
          PDF
        </button>
        {kind === 'day' && (
          <button type="button" className="danger" data-testid="report-close-day" disabled={rep?.zNo !== null && rep?.zNo !== undefined} onClick={() => setConfirmClose(true)}>
            {rep?.zNo ? t('reports.zNo', { no: rep.zNo }) : t('reports.closeDay')}
          </button>
        )}
      </div>
      <Message text={error} />
      {info && <p className="message message-ok">{info}</p>}
      {confirmClose && (
        <div className="message message-warn" data-testid="close-day-confirm">
          {t('reports.closeConfirm', { day })}{' '}
          <button type="button" className="primary" onClick={() => void closeDay()}>
            {t('common.ok')}
          </button>{' '}
          <button type="button" onClick={() => setConfirmClose(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {rep && s && (
        <>
          <div className="kpis" data-testid="report-kpis">
            <div className="kpi">
              <span>{t('reports.sales')}</span>
              <strong data-testid="kpi-sales">{yuan(s.salesFen)}</strong>
              <small>{t('reports.count', { count: s.salesCount })}</small>
            </div>
            <div className="kpi">
              <span>{t('reports.discounts')}</span>
              <strong>{yuan(s.discountFen)}</strong>
              <small>{t('reports.items', { n: s.itemsSold })}</small>
            </div>
            <div className="kpi">
              <span>{t('reports.voidsRefunds')}</span>
              <strong>{yuan(s.voidFen + s.refundFen)}</strong>
              <small>{t('reports.count', { count: s.voidCount + s.refundCount })}</small>
            </div>
            <div className="kpi kpi-main">
              <span>{t('reports.net')}</span>
              <strong data-testid="kpi-net">{yuan(s.netFen)}</strong>
              <small>{t('reports.cashExpected', { amount: yuan(rep.cashDrawer.expectedFen) })}</small>
            </div>
          </div>
          <div className="chart-grid">
            <div className="card">
              <h3>{t('reports.byHour')}</h3>
              <BarChart bars={hours} money title={t('reports.byHour')} testId="chart-hour" />
            </div>
            <div className="card">
              <h3>{t('reports.tenderMix')}</h3>
              <DonutChart slices={rep.byTender.map((x) => ({ label: t(`tender.${x.kind}`), value: x.netFen }))} title={t('reports.tenderMix')} testId="chart-tender" />
            </div>
            <div className="card">
              <h3>{t('reports.topProducts')}</h3>
              {rep.topProducts.length ? <HBarChart bars={rep.topProducts.slice(0, 8).map((p) => ({ label: p.name, value: p.netFen }))} money title={t('reports.topProducts')} testId="chart-products" /> : <p className="muted">{t('reports.noData')}</p>}
            </div>
            <div className="card">
              <h3>{t('reports.byOperator')}</h3>
              {rep.byOperator.length ? <HBarChart bars={rep.byOperator.map((o) => ({ label: `${t('top.operator')} ${o.operatorId}`, value: o.netFen }))} money title={t('reports.byOperator')} testId="chart-operator" /> : <p className="muted">{t('reports.noData')}</p>}
            </div>
          </div>
          <p className="muted small">{en ? rep.title.en : rep.title.zh}</p>
        </>
      )}
    </section>
  );
}
