import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry, OperatorSession } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { yuan } from '../money.js';
import { BarChart, DonutChart, HBarChart } from '../reports/charts.js';
import { paymentReport } from '../reports/paymentReport.js';
import { localDayStartIso, todayLocal } from './JournalScreen.js';

type Kind = 'shift' | 'day';

/** 报表: 交班 (X, this operator since sign-in) and 日结 (Z, the day), with charts. */
export function ReportsScreen(props: { session: OperatorSession }): React.JSX.Element {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('day');
  const [day, setDay] = useState(todayLocal());
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const from = kind === 'shift' && props.session.since ? props.session.since : localDayStartIso(day);
    const to = new Date(Date.parse(localDayStartIso(day)) + 86_400_000).toISOString();
    const r = await invoke('payment.journal', kind === 'shift' ? { from, limit: 5000 } : { from, to, limit: 5000 });
    if (r.ok) {
      setEntries(kind === 'shift' ? r.value.filter((e) => e.operatorId === props.session.operatorId) : r.value);
      setError(null);
    } else setError(r.message);
  }, [kind, day, props.session.since, props.session.operatorId]);
  useEffect(() => {
    void load();
  }, [load]);

  const rep = paymentReport(entries);
  const firstHour = Math.min(8, ...rep.byHour.filter((h) => h.count).map((h) => h.hour));
  const lastHour = Math.max(21, ...rep.byHour.filter((h) => h.count).map((h) => h.hour));
  const hours = rep.byHour.filter((h) => h.hour >= firstHour && h.hour <= lastHour).map((h) => ({ label: String(h.hour), value: h.amount }));
  const tenderName = (k: JournalEntry['tender']): string => t(`tender.${k === 'stored-value' ? 'storedValue' : k}`);

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
            {t('reports.day')}
            <input type="date" data-testid="report-date" value={day} onChange={(e) => setDay(e.target.value)} />
          </label>
        )}
        {kind === 'shift' && <span className="muted">{t('reports.shiftOf', { id: props.session.operatorId ?? '' })}</span>}
        <button type="button" onClick={() => void load()}>
          {t('common.refresh')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('reports.print')}
        </button>
      </div>
      <Message text={error} />
      <div className="kpis" data-testid="report-kpis">
        <div className="kpi">
          <span>{t('reports.sales')}</span>
          <strong data-testid="kpi-sales">{yuan(rep.sales.amount)}</strong>
          <small>{t('reports.count', { count: rep.sales.count })}</small>
        </div>
        <div className="kpi">
          <span>{t('reports.voids')}</span>
          <strong>{yuan(rep.voids.amount)}</strong>
          <small>{t('reports.count', { count: rep.voids.count })}</small>
        </div>
        <div className="kpi">
          <span>{t('reports.refunds')}</span>
          <strong>{yuan(rep.refunds.amount)}</strong>
          <small>{t('reports.count', { count: rep.refunds.count })}</small>
        </div>
        <div className="kpi kpi-main">
          <span>{t('reports.net')}</span>
          <strong data-testid="kpi-net">{yuan(rep.net)}</strong>
        </div>
      </div>
      <div className="chart-grid">
        <div className="card">
          <h3>{t('reports.byHour')}</h3>
          <BarChart bars={hours} money title={t('reports.byHour')} testId="chart-hour" />
        </div>
        <div className="card">
          <h3>{t('reports.tenderMix')}</h3>
          <DonutChart slices={rep.byTender.map((x) => ({ label: tenderName(x.tender), value: x.amount }))} title={t('reports.tenderMix')} testId="chart-tender" />
        </div>
        <div className="card">
          <h3>{t('reports.byOperator')}</h3>
          {rep.byOperator.length ? <HBarChart bars={rep.byOperator.map((o) => ({ label: `${t('top.operator')} ${o.operatorId}`, value: o.amount }))} money title={t('reports.byOperator')} testId="chart-operator" /> : <p className="muted">{t('reports.noData')}</p>}
        </div>
        <div className="card">
          <h3>{t('reports.topProducts')}</h3>
          <p className="muted" data-testid="top-products-pending">
            {t('reports.topProductsPending')}
          </p>
        </div>
      </div>
    </section>
  );
}
