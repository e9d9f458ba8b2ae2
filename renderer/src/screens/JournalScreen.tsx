import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry, PaymentResult } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { ESlipView } from '../components/ESlipView.js';
import { Message, useBilingual } from '../components/Message.js';
import { ProgressLine } from '../components/ProgressLine.js';
import { SupervisorDialog } from '../components/SupervisorDialog.js';
import { parseYuan, yuan, yuanPlain } from '../money.js';
import { SalesJournal } from './SalesJournal.js';

export function localDayStartIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const n = new Date(y, m - 1, d + 1);
  return `${n.getFullYear()}-${String(n.getMonth() + 1).padStart(2, '0')}-${String(n.getDate()).padStart(2, '0')}`;
}

function timeOf(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${d.toLocaleTimeString('zh-CN', { hour12: false })}`;
}

/** MMDD of the original for a refund: the host's date when it gave one. */
function mmdd(e: JournalEntry): string {
  if (e.hostDate && /^\d{4}$/.test(e.hostDate)) return e.hostDate;
  const d = new Date(e.createdAt);
  return `${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

interface Filters {
  from: string;
  to: string;
  stan: string;
  rrn: string;
  last4: string;
  amount: string;
}

/** 流水: the bank journal (payments) and the shop's sales journal. */
export function JournalScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'bank' | 'sales'>('bank');
  return (
    <div className="journal-wrap">
      <div className="segmented" role="tablist">
        {(['bank', 'sales'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={kind === k} className={kind === k ? 'active' : undefined} data-testid={`journal-kind-${k}`} onClick={() => setKind(k)}>
            {t(`journal.kind.${k}`)}
          </button>
        ))}
      </div>
      {kind === 'bank' ? <BankJournal /> : <SalesJournal />}
    </div>
  );
}

/** 银行流水: search by date, STAN, RRN, card last 4, amount; the e-slip; void and refund. */
function BankJournal(): React.JSX.Element {
  const { t } = useTranslation();
  const bi = useBilingual();
  const [f, setF] = useState<Filters>({ from: todayLocal(), to: todayLocal(), stan: '', rrn: '', last4: '', amount: '' });
  const [rows, setRows] = useState<JournalEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sel, setSel] = useState<JournalEntry | null>(null);
  const [action, setAction] = useState<'void' | 'refund' | null>(null);
  const [refundAmount, setRefundAmount] = useState('');
  const [outcome, setOutcome] = useState<PaymentResult | null>(null);
  const [slipKey, setSlipKey] = useState(0);

  const search = useCallback(async () => {
    const q: Parameters<typeof invoke<'payment.journal'>>[1] = { limit: 500 };
    if (f.from) q.from = localDayStartIso(f.from);
    if (f.to) q.to = localDayStartIso(nextDay(f.to));
    if (f.stan) q.stan = f.stan.padStart(6, '0');
    if (f.rrn) q.rrn = f.rrn;
    if (f.last4) q.cardLast4 = f.last4;
    const amt = f.amount ? parseYuan(f.amount) : null;
    if (amt !== null) q.amount = amt;
    const r = await invoke('payment.journal', q);
    if (r.ok) {
      setRows(r.value);
      setError(null);
      setSel((s) => (s ? (r.value.find((x) => x.id === s.id) ?? null) : null));
    } else setError(r.message);
  }, [f]);

  useEffect(() => {
    void search();
    // first load only; later searches are on request
  }, []);

  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  const canVoid = sel && sel.type === 'sale' && sel.status === 'approved' && (sel.tender === 'card' || sel.tender === 'qr');
  const canRefund = sel && sel.type === 'sale' && (sel.status === 'approved' || sel.status === 'voided') && sel.tender === 'card' && !!sel.rrn;

  return (
    <section className="journal split" data-testid="journal-screen">
      <div className="split-main">
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            void search();
          }}
        >
          <label>
            {t('journal.from')}
            <input type="date" data-testid="journal-from" value={f.from} onChange={set('from')} />
          </label>
          <label>
            {t('journal.to')}
            <input type="date" data-testid="journal-to" value={f.to} onChange={set('to')} />
          </label>
          <label>
            {t('slip.stan')}
            <input data-testid="journal-stan" inputMode="numeric" maxLength={6} value={f.stan} onChange={set('stan')} />
          </label>
          <label>
            {t('slip.rrn')}
            <input data-testid="journal-rrn" maxLength={12} value={f.rrn} onChange={set('rrn')} />
          </label>
          <label>
            {t('journal.last4')}
            <input data-testid="journal-last4" inputMode="numeric" maxLength={4} value={f.last4} onChange={set('last4')} />
          </label>
          <label>
            {t('journal.amount')}
            <input data-testid="journal-amount" inputMode="decimal" value={f.amount} onChange={set('amount')} />
          </label>
          <button type="submit" className="primary" data-testid="journal-search">
            {t('journal.search')}
          </button>
        </form>
        <Message text={error} />
        <div className="table-scroll">
          <table className="data-table" data-testid="journal-table">
            <thead>
              <tr>
                <th>{t('journal.time')}</th>
                <th>{t('journal.type')}</th>
                <th>{t('journal.tender')}</th>
                <th className="num">{t('journal.amount')}</th>
                <th>{t('journal.status')}</th>
                <th>{t('slip.card')}</th>
                <th>{t('slip.stan')}</th>
                <th>{t('slip.rrn')}</th>
                <th>{t('slip.operator')}</th>
              </tr>
            </thead>
            <tbody>
              {rows?.map((e) => (
                <tr
                  key={e.id}
                  className={sel?.id === e.id ? 'selected' : undefined}
                  data-testid="journal-row"
                  data-stan={e.stan}
                  tabIndex={0}
                  onClick={() => {
                    setSel(e);
                    setOutcome(null);
                  }}
                  onKeyDown={(k) => {
                    if (k.key === 'Enter') {
                      setSel(e);
                      setOutcome(null);
                    }
                  }}
                >
                  <td className="mono">{timeOf(e.createdAt)}</td>
                  <td>{t(`journalType.${e.type}`)}</td>
                  <td>{t(`tender.${e.tender === 'stored-value' ? 'storedValue' : e.tender}`)}</td>
                  <td className="num">{yuan(e.amount)}</td>
                  <td>
                    <span className={`status status-${e.status}`}>{t(`journalStatus.${e.status}`)}</span>
                  </td>
                  <td className="mono">{e.maskedPan ?? ''}</td>
                  <td className="mono">{e.stan}</td>
                  <td className="mono">{e.rrn ?? ''}</td>
                  <td>{e.operatorId}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows && rows.length === 0 && <p className="muted empty">{t('journal.none')}</p>}
        </div>
      </div>
      <aside className="split-side" data-testid="journal-detail">
        {!sel && <p className="muted">{t('journal.pick')}</p>}
        {sel && (
          <>
            <h3>
              {t(`journalType.${sel.type}`)} · {yuan(sel.amount)} · <span className={`status status-${sel.status}`}>{t(`journalStatus.${sel.status}`)}</span>
            </h3>
            {(sel.responseZh || sel.responseEn) && <p className="bank-message">{bi(`${sel.responseZh ?? ''} / ${sel.responseEn ?? ''}`)}</p>}
            {outcome && (
              <div className={outcome.ok ? 'message message-ok' : 'message message-error'} data-testid="journal-outcome">
                {outcome.ok ? t('pay.approved') : t('pay.declined')} · {bi(outcome.message)}
              </div>
            )}
            <div className="actions">
              <button type="button" className="big danger" data-testid="journal-void" disabled={!canVoid} onClick={() => setAction('void')}>
                {t('journal.void')}
              </button>
              <button
                type="button"
                className="big"
                data-testid="journal-refund"
                disabled={!canRefund}
                onClick={() => {
                  setRefundAmount(yuanPlain(sel.amount));
                  setAction('refund');
                }}
              >
                {t('journal.refund')}
              </button>
            </div>
            {sel.type === 'sale' && sel.tender === 'card' && <ESlipView journalId={sel.id} refreshKey={slipKey} />}
          </>
        )}
      </aside>
      {action === 'void' && sel && (
        <SupervisorDialog
          purpose={t('journal.voidPurpose', { stan: sel.stan, amount: yuan(sel.amount) })}
          onClose={() => setAction(null)}
          onApprove={async (s) => {
            const r = await invoke('payment.void', { stan: sel.stan, supervisor: s });
            if (!r.ok) return r.message;
            setOutcome(r.value);
            setAction(null);
            setSlipKey((k) => k + 1);
            await search();
            return null;
          }}
        >
          {sel.tender === 'card' && <p className="muted">{t('journal.voidCard')}</p>}
          <ProgressLine />
        </SupervisorDialog>
      )}
      {action === 'refund' && sel && (
        <SupervisorDialog
          purpose={t('journal.refundPurpose', { rrn: sel.rrn ?? '' })}
          onClose={() => setAction(null)}
          onApprove={async (s) => {
            const amount = parseYuan(refundAmount);
            if (amount === null || amount <= 0) return t('pay.amountInvalid');
            const r = await invoke('payment.refund', { rrn: sel.rrn!, amount, date: mmdd(sel), supervisor: s });
            if (!r.ok) return r.message;
            setOutcome(r.value);
            setAction(null);
            await search();
            return null;
          }}
        >
          <label className="field-big">
            {t('journal.refundAmount')}
            <input data-testid="refund-amount" inputMode="decimal" value={refundAmount} onChange={(e) => setRefundAmount(e.target.value.replace(/[^\d.]/g, ''))} />
          </label>
          <ProgressLine />
        </SupervisorDialog>
      )}
    </section>
  );
}
