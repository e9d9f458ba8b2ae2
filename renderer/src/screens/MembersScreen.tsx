import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntryView } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { parseYuan, yuan } from '../money.js';
import { DEMO_MEMBERS } from '../sales/demoData.js';
import type { MemberView } from '../sales/salesTypes.js';

/** 会员: find by phone, card, last four digits or name; new members; cash recharge; the ledger. */
export function MembersScreen(props: { training: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<MemberView[]>([]);
  const [sel, setSel] = useState<MemberView | null>(null);
  const [ledger, setLedger] = useState<LedgerEntryView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ phone: string; name: string; cardNo: string; password: string } | null>(null);
  const [recharge, setRecharge] = useState('');

  const find = useCallback(async (query: string) => {
    if (!query.trim()) return setRows([]);
    const r = await invoke('member.find', { query, limit: 50 });
    if (r.ok) {
      setRows(r.value);
      setError(null);
    } else setError(r.message);
  }, []);
  useEffect(() => {
    void find(q);
  }, [q, find]);
  useEffect(() => {
    if (!sel) return;
    void invoke('member.ledger', { memberId: sel.id, limit: 20 }).then((r) => r.ok && setLedger(r.value));
  }, [sel]);

  const create = async (): Promise<void> => {
    if (!adding) return;
    const r = await invoke('member.create', { phone: adding.phone.trim(), name: adding.name.trim(), cardNo: adding.cardNo.trim() || null, password: adding.password || null });
    if (!r.ok) return setError(r.message);
    setAdding(null);
    setSel(r.value);
    setQ(r.value.phone);
    setInfo(t('members.created', { name: r.value.name }));
  };
  const doRecharge = async (): Promise<void> => {
    if (!sel) return;
    const fen = parseYuan(recharge);
    if (fen === null || fen <= 0) return setError(t('pay.amountInvalid'));
    const r = await invoke('member.recharge', { memberId: sel.id, amountFen: fen, paidBy: 'cash', reference: null });
    if (!r.ok) return setError(r.message);
    setRecharge('');
    setSel(r.value.member);
    setInfo(t('members.recharged', { amount: yuan(r.value.amountFen), bonus: yuan(r.value.bonusFen) }));
    await find(q);
  };
  const loadDemo = async (): Promise<void> => {
    let n = 0;
    for (const m of DEMO_MEMBERS) {
      const r = await invoke('member.create', { phone: m.phone, name: m.name, cardNo: m.cardNo, password: m.password });
      if (r.ok) n++;
    }
    setInfo(t('members.demoLoaded', { n }));
  };

  return (
    <section className="members split" data-testid="members-screen">
      <div className="split-main">
        <div className="toolbar">
          <input className="input-big" data-testid="members-search" placeholder={t('members.search')} value={q} onChange={(e) => setQ(e.target.value)} />
          <button type="button" className="primary" data-testid="member-new" onClick={() => setAdding({ phone: '', name: '', cardNo: '', password: '' })}>
            {t('members.new')}
          </button>
          {props.training && (
            <button type="button" data-testid="load-demo-members" onClick={() => void loadDemo()}>
              {t('members.loadDemo')}
            </button>
          )}
        </div>
        <Message text={error} />
        {info && <p className="message message-ok">{info}</p>}
        {adding && (
          <form
            className="card form-grid two"
            data-testid="member-form"
            onSubmit={(e) => {
              e.preventDefault();
              void create();
            }}
          >
            <label>
              {t('members.phone')}
              <input data-testid="member-phone" inputMode="numeric" maxLength={11} value={adding.phone} onChange={(e) => setAdding({ ...adding, phone: e.target.value.replace(/\D/g, '') })} />
            </label>
            <label>
              {t('members.name')}
              <input data-testid="member-name" maxLength={40} value={adding.name} onChange={(e) => setAdding({ ...adding, name: e.target.value })} />
            </label>
            <label>
              {t('members.card')}
              <input maxLength={32} value={adding.cardNo} onChange={(e) => setAdding({ ...adding, cardNo: e.target.value })} />
            </label>
            <label>
              {t('members.password')}
              <input type="password" inputMode="numeric" maxLength={6} value={adding.password} onChange={(e) => setAdding({ ...adding, password: e.target.value.replace(/\D/g, '') })} />
            </label>
            <div className="actions">
              <button type="button" onClick={() => setAdding(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary" data-testid="member-save">
                {t('common.save')}
              </button>
            </div>
          </form>
        )}
        <div className="member-cards">
          {rows.map((m) => (
            <article key={m.id} className={`card member-card${sel?.id === m.id ? ' selected' : ''}`} onClick={() => setSel(m)}>
              <header>
                <strong>{m.name}</strong> <span className="tag">{m.tier.name}</span>
                <span className={`status status-${m.status === 'active' ? 'approved' : 'declined'}`}>{t(`members.status.${m.status}`)}</span>
              </header>
              <dl className="status-grid">
                <dt>{t('members.phone')}</dt>
                <dd className="mono">{m.phone}</dd>
                <dt>{t('members.card')}</dt>
                <dd className="mono">{m.cardNo ?? '—'}</dd>
                <dt>{t('members.points')}</dt>
                <dd>{m.points}</dd>
                <dt>{t('members.storedValue')}</dt>
                <dd>{yuan(m.storedValueFen)}</dd>
              </dl>
            </article>
          ))}
        </div>
        {!q.trim() && <p className="muted">{t('members.searchHint')}</p>}
        {q.trim() && rows.length === 0 && <p className="muted">{t('members.none')}</p>}
      </div>
      <aside className="split-side">
        {!sel && <p className="muted">{t('members.pick')}</p>}
        {sel && (
          <>
            <h3>
              {sel.name} · {sel.tier.name}
            </h3>
            <dl className="status-grid">
              <dt>{t('members.points')}</dt>
              <dd>{sel.points}</dd>
              <dt>{t('members.storedValue')}</dt>
              <dd data-testid="member-balance">{yuan(sel.storedValueFen)}</dd>
              <dt>{t('members.spend')}</dt>
              <dd>{yuan(sel.cumulativeSpendFen)}</dd>
            </dl>
            <form
              className="form-grid two"
              onSubmit={(e) => {
                e.preventDefault();
                void doRecharge();
              }}
            >
              <label>
                {t('members.rechargeCash')}
                <input data-testid="member-recharge" inputMode="decimal" value={recharge} onChange={(e) => setRecharge(e.target.value.replace(/[^\d.]/g, ''))} />
              </label>
              <div className="actions">
                <button type="submit" className="primary" data-testid="member-recharge-submit">
                  {t('members.recharge')}
                </button>
              </div>
            </form>
            <h4>{t('members.ledger')}</h4>
            <ul className="audit-list">
              {ledger.map((l) => (
                <li key={l.id}>
                  <span>{t(`members.ledgerKind.${l.kind}`)}</span>
                  <span>{l.account === 'storedValue' ? yuan(l.delta, { sign: true }) : `${l.delta > 0 ? '+' : ''}${l.delta}`}</span>
                  <span className="muted">{l.account === 'storedValue' ? yuan(l.balanceAfter) : l.balanceAfter}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </aside>
    </section>
  );
}
