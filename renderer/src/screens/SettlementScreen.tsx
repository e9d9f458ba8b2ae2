import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry, OperatorSession, ReversalView, SettlementReport, TerminalStatus } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { PrintStatus, type PrintOutcome } from '../components/PrintStatus.js';
import { Numpad, applyKey } from '../components/Numpad.js';
import { Modal } from '../components/Modal.js';
import { SupervisorDialog } from '../components/SupervisorDialog.js';
import { yuan } from '../money.js';

function SettlementResult(props: { report: SettlementReport }): React.JSX.Element {
  const { t } = useTranslation();
  const r = props.report;
  return (
    <div className={`settle-result ${r.balanced ? 'balanced' : 'unbalanced'}`} data-testid="settle-result" data-balanced={r.balanced ? 'yes' : 'no'}>
      <p className={r.balanced ? 'approved-banner' : 'declined-banner'} data-testid="settle-balanced">
        {r.balanced ? t('settle.balanced') : t('settle.unbalanced')}
      </p>
      <dl className="status-grid">
        <dt>{t('top.batch')}</dt>
        <dd data-testid="settle-batch">
          {r.batch} → {r.nextBatch}
        </dd>
        <dt>{t('settle.debit')}</dt>
        <dd>{t('settle.countAmount', { count: r.debit.count, amount: yuan(r.debit.amount) })}</dd>
        <dt>{t('settle.credit')}</dt>
        <dd>{t('settle.countAmount', { count: r.credit.count, amount: yuan(r.credit.amount) })}</dd>
        <dt>{t('settle.domestic')}</dt>
        <dd>
          {t('settle.sides', {
            debit: t('settle.countAmount', { count: r.totals.domestic.debitCount, amount: yuan(r.totals.domestic.debitAmount) }),
            credit: t('settle.countAmount', { count: r.totals.domestic.creditCount, amount: yuan(r.totals.domestic.creditAmount) }),
          })}
        </dd>
        <dt>{t('settle.foreign')}</dt>
        <dd>
          {t('settle.sides', {
            debit: t('settle.countAmount', { count: r.totals.foreign.debitCount, amount: yuan(r.totals.foreign.debitAmount) }),
            credit: t('settle.countAmount', { count: r.totals.foreign.creditCount, amount: yuan(r.totals.foreign.creditAmount) }),
          })}
        </dd>
        {!r.balanced && (
          <>
            <dt>{t('settle.uploaded')}</dt>
            <dd>{r.uploaded}</dd>
          </>
        )}
        <dt>{t('settle.signedOff')}</dt>
        <dd data-testid="settle-signed-off">{r.signedOff ? t('common.yes') : t('common.no')}</dd>
      </dl>
      {r.failedReversals.length > 0 && (
        <div className="message message-error">
          {t('settle.failedReversals', { count: r.failedReversals.length })}
          <ul>
            {r.failedReversals.map((x) => (
              <li key={x.journalId}>
                {x.stan} · {yuan(x.amount)} · {x.lastError}
              </li>
            ))}
          </ul>
        </div>
      )}
      {r.failedSignatureUploads.length > 0 && (
        <div className="message message-warn">
          {t('settle.failedSignatures', { count: r.failedSignatureUploads.length })}
          <ul>
            {r.failedSignatureUploads.map((x) => (
              <li key={x.journalId}>
                {x.stan} · {x.error}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** 结算 and 签退: the batch's totals, pending reversals, the host's answer, then sign-off. */
export function SettlementScreen(props: { terminal: TerminalStatus; session: OperatorSession }): React.JSX.Element {
  const { t } = useTranslation();
  const [reversals, setReversals] = useState<ReversalView[]>([]);
  const [batchRows, setBatchRows] = useState<JournalEntry[]>([]);
  const [history, setHistory] = useState<SettlementReport[]>([]);
  const [result, setResult] = useState<SettlementReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [askPassword, setAskPassword] = useState(false);
  const [signOff, setSignOff] = useState(false);
  const [signedOffMsg, setSignedOffMsg] = useState(false);
  const [print, setPrint] = useState<PrintOutcome | null>(null);
  const printSettlement = async (batchNo?: string): Promise<void> => {
    setPrint({ state: 'printing' });
    const r = await invoke('receipt.printSettlement', batchNo ? { batchNo } : {});
    setPrint(r.ok ? { state: 'job', job: r.value } : { state: 'error', message: r.message });
  };
  const batch = props.terminal.batchNo;

  const load = useCallback(async () => {
    const [rv, hist, rows] = await Promise.all([invoke('payment.reversals', {}), invoke('payment.settlements', {}), batch ? invoke('payment.journal', { batchNo: batch, limit: 5000 }) : Promise.resolve(null)]);
    if (rv.ok) setReversals(rv.value);
    if (hist.ok) setHistory(hist.value);
    if (rows && rows.ok) setBatchRows(rows.value);
  }, [batch]);
  useEffect(() => {
    void load();
  }, [load]);

  const settle = async (operatorPassword?: string): Promise<void> => {
    setBusy(true);
    setError(null);
    const r = await invoke('payment.settle', operatorPassword ? { operatorPassword } : {});
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      // The settlement slip (结算单) prints by itself, as on a POS.
      void printSettlement();
    } else setError(r.message);
    await load();
  };

  const sales = batchRows.filter((e) => e.type === 'sale' && e.status === 'approved' && e.tender !== 'cash');
  const refunds = batchRows.filter((e) => e.type === 'refund' && e.status === 'approved');
  const sum = (xs: JournalEntry[]): number => xs.reduce((s, e) => s + e.amount, 0);
  const cash = batchRows.filter((e) => e.tender === 'cash' && e.status === 'approved');

  return (
    <section className="settlement split" data-testid="settlement-screen">
      <div className="split-main">
        <div className="card">
          <h2>{t('settle.title')}</h2>
          <dl className="status-grid">
            <dt>{t('top.batch')}</dt>
            <dd data-testid="settle-current-batch">{batch ?? '—'}</dd>
            <dt>{t('settle.batchSales')}</dt>
            <dd data-testid="settle-preview-sales">{t('settle.countAmount', { count: sales.length, amount: yuan(sum(sales)) })}</dd>
            <dt>{t('settle.batchRefunds')}</dt>
            <dd>{t('settle.countAmount', { count: refunds.length, amount: yuan(sum(refunds)) })}</dd>
            <dt>{t('settle.cash')}</dt>
            <dd>{t('settle.countAmount', { count: cash.length, amount: yuan(sum(cash)) })}</dd>
            <dt>{t('settle.pendingReversals')}</dt>
            <dd data-testid="settle-reversals">{reversals.length}</dd>
          </dl>
          {reversals.length > 0 && (
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t('slip.stan')}</th>
                  <th className="num">{t('journal.amount')}</th>
                  <th>{t('settle.reason')}</th>
                  <th>{t('settle.attempts')}</th>
                  <th>{t('settle.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {reversals.map((r) => (
                  <tr key={r.journalId}>
                    <td className="mono">{r.stan}</td>
                    <td className="num">{yuan(r.amount)}</td>
                    <td>{r.reason}</td>
                    <td>
                      {r.attempts}
                      {r.exhausted ? ` (${t('settle.exhausted')})` : ''}
                    </td>
                    <td>{r.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Message text={error} testId="settle-error" />
          <div className="actions">
            <button type="button" className="primary big" data-testid="settle-button" disabled={busy || !props.terminal.signedIn} onClick={() => (props.session.policy === 'per-transaction' ? setAskPassword(true) : void settle())}>
              {busy ? t('settle.settling') : t('settle.settle')}
            </button>
            <button type="button" className="big danger" data-testid="signoff-button" disabled={!props.terminal.signedIn} onClick={() => setSignOff(true)}>
              {t('settle.signOff')}
            </button>
          </div>
          {signedOffMsg && (
            <p className="message message-ok" data-testid="signoff-done">
              {t('settle.signedOffDone')}
            </p>
          )}
        </div>
        {result && <SettlementResult report={result} />}
        {result && (
          <div className="actions">
            <PrintStatus outcome={print} testId="settle-print-status" />
            <button type="button" data-testid="settle-print" onClick={() => void printSettlement(result.batch)}>
              {t('settle.print')}
            </button>
          </div>
        )}
      </div>
      <aside className="split-side">
        <h3>{t('settle.history')}</h3>
        {history.length === 0 && <p className="muted">{t('settle.noHistory')}</p>}
        <ul className="history-list" data-testid="settle-history">
          {history.map((h) => (
            <li key={`${h.batch}-${h.settledAt}`}>
              <span className="mono">{h.batch}</span>
              <span className={h.balanced ? 'status status-approved' : 'status status-declined'}>{h.balanced ? t('settle.balancedShort') : t('settle.unbalancedShort')}</span>
              <span>{t('settle.countAmount', { count: h.debit.count, amount: yuan(h.debit.amount) })}</span>
            </li>
          ))}
        </ul>
      </aside>
      {askPassword && (
        <PasswordDialog
          onClose={() => setAskPassword(false)}
          onPassword={(pw) => {
            setAskPassword(false);
            void settle(pw);
          }}
        />
      )}
      {signOff && (
        <SupervisorDialog
          purpose={t('settle.signOffPurpose')}
          onClose={() => setSignOff(false)}
          onApprove={async (s) => {
            const r = await invoke('terminal.signOff', { supervisor: s });
            if (!r.ok) return r.message;
            setSignOff(false);
            setSignedOffMsg(true);
            return null;
          }}
        />
      )}
    </section>
  );
}

function PasswordDialog(props: { onPassword: (pw: string) => void; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [pw, setPw] = useState('');
  return (
    <Modal title={t('pay.perTransaction')} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onPassword(pw);
        }}
      >
        <label className="field-big">
          {t('signIn.password')}
          <input data-autofocus type="password" inputMode="numeric" value={pw} onChange={(e) => setPw(e.target.value.replace(/\D/g, ''))} />
        </label>
        <Numpad onKey={(k) => setPw((v) => applyKey(v, k))} onEnter={() => props.onPassword(pw)} />
      </form>
    </Modal>
  );
}
