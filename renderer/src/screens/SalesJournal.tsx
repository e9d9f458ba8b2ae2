import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reply } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { yuan } from '../money.js';
import type { SaleView } from '../sales/salesTypes.js';
import { todayLocal } from './JournalScreen.js';

type Entry = Reply<'report.journal'>['entries'][number];

/** 销售单: the shop's sales, voids, refunds and recharges of a business day, and a sale's lines. */
export function SalesJournal(): React.JSX.Element {
  const { t } = useTranslation();
  const [day, setDay] = useState(todayLocal());
  const [no, setNo] = useState('');
  const [rows, setRows] = useState<Entry[]>([]);
  const [total, setTotal] = useState(0);
  const [sale, setSale] = useState<SaleView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await invoke('report.journal', { range: { businessDay: day }, ...(no.trim() ? { number: no.trim() } : {}), limit: 500 });
    if (r.ok) {
      setRows(r.value.entries);
      setTotal(r.value.total);
      setError(null);
    } else setError(r.message);
  }, [day, no]);
  // A new day loads at once; the number filter applies on Enter.
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    void loadRef.current();
  }, [day]);
  const open = async (e: Entry): Promise<void> => {
    const id = e.type === 'sale' ? e.id : e.saleId;
    if (!id) return setSale(null);
    const r = await invoke('sale.get', { saleId: id });
    if (r.ok) setSale(r.value);
    else setError(r.message);
  };
  return (
    <section className="split" data-testid="sales-journal">
      <div className="split-main">
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            void load();
          }}
        >
          <label>
            {t('reports.date')}
            <input type="date" data-testid="sales-day" value={day} onChange={(e) => setDay(e.target.value)} />
          </label>
          <label>
            {t('salesJournal.number')}
            <input data-testid="sales-number" value={no} onChange={(e) => setNo(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            {t('journal.search')}
          </button>
          <span className="muted">{t('salesJournal.total', { n: total })}</span>
        </form>
        <Message text={error} />
        <div className="table-scroll">
          <table className="data-table" data-testid="sales-table">
            <thead>
              <tr>
                <th>{t('journal.time')}</th>
                <th>{t('journal.type')}</th>
                <th>{t('salesJournal.number')}</th>
                <th className="num">{t('journal.amount')}</th>
                <th>{t('journal.status')}</th>
                <th>{t('journal.tender')}</th>
                <th>{t('slip.operator')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={`${e.type}-${e.id}`} data-testid="sales-row" tabIndex={0} onClick={() => void open(e)} onKeyDown={(k) => k.key === 'Enter' && void open(e)}>
                  <td className="mono">{e.localAt.slice(11, 19)}</td>
                  <td>{t(`salesJournal.type.${e.type}`)}</td>
                  <td className="mono">{e.no}</td>
                  <td className="num">{yuan(e.amountFen)}</td>
                  <td>{e.status ? t(`salesJournal.status.${e.status as 'completed'}`, { defaultValue: e.status }) : ''}</td>
                  <td>{e.tenders.map((x) => `${t(`tender.${x.kind}`)} ${yuan(x.amountFen)}`).join(' + ')}</td>
                  <td>{e.operatorId}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p className="muted empty">{t('journal.none')}</p>}
        </div>
      </div>
      <aside className="split-side" data-testid="sale-detail">
        {!sale && <p className="muted">{t('salesJournal.pick')}</p>}
        {sale && (
          <>
            <h3>
              {sale.saleNo} · {yuan(sale.totalFen)}
            </h3>
            <table className="data-table">
              <tbody>
                {sale.lines.map((l) => (
                  <tr key={l.id}>
                    <td>{l.name}</td>
                    <td className="num">×{l.quantity}</td>
                    <td className="num">{yuan(l.netFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="status-grid">
              {sale.discountFen > 0 && (
                <>
                  <dt>{t('sale.savings')}</dt>
                  <dd>{yuan(-sale.discountFen)}</dd>
                </>
              )}
              {sale.tenders.map((x, i) => (
                <div key={i} className="contents">
                  <dt>{t(`tender.${x.kind}`)}</dt>
                  <dd>
                    {yuan(x.amountFen)}
                    {x.changeFen ? ` · ${t('pay.change')} ${yuan(x.changeFen)}` : ''}
                  </dd>
                </div>
              ))}
              {sale.pointsEarned > 0 && (
                <>
                  <dt>{t('members.points')}</dt>
                  <dd>+{sale.pointsEarned}</dd>
                </>
              )}
            </dl>
            <p className="muted small">{t('salesJournal.voidNote')}</p>
          </>
        )}
      </aside>
    </section>
  );
}
