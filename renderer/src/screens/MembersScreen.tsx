import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Message } from '../components/Message.js';
import { yuan } from '../money.js';
import { salesAdapter } from '../sales/salesAdapter.js';
import type { MemberView } from '../sales/salesTypes.js';

/** 会员: find by phone, card, last four digits or name; points and stored value. */
export function MembersScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const adapter = salesAdapter();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<MemberView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void (q.trim() ? adapter.findMembers(q) : adapter.listMembers()).then((r) => {
      if (!live) return;
      if (r.ok) setRows(r.value);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [q, adapter]);
  return (
    <section className="members" data-testid="members-screen">
      <div className="toolbar">
        <input className="input-big" data-testid="members-search" placeholder={t('members.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        {adapter.kind === 'local' && <span className="demo-note">{t('members.localNote')}</span>}
      </div>
      <Message text={error} />
      <div className="member-cards">
        {rows.map((m) => (
          <article key={m.id} className="card member-card">
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
              <dt>{t('members.spend')}</dt>
              <dd>{yuan(m.cumulativeSpendFen)}</dd>
            </dl>
          </article>
        ))}
        {rows.length === 0 && <p className="muted">{t('members.none')}</p>}
      </div>
    </section>
  );
}
