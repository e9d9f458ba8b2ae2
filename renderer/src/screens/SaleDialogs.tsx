// The sale screen's small dialogs: search (F3), member (F2), quantity (F4), discount and
// price (F5), suspended carts (F8), amount-only sale (F6), help (F1).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Message } from '../components/Message.js';
import { Modal } from '../components/Modal.js';
import { Numpad, applyKey } from '../components/Numpad.js';
import { SupervisorDialog, type SupervisorInput } from '../components/SupervisorDialog.js';
import { useHotkeys } from '../hooks/hotkeys.js';
import { parseYuan, yuan, zheOf } from '../money.js';
import { salesAdapter } from '../sales/salesAdapter.js';
import type { CartLineView, Discount, ProductView, SuspendedCartView } from '../sales/salesTypes.js';

export function SearchDialog(props: { onPick: (p: ProductView) => void; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<ProductView[]>([]);
  const [sel, setSel] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (!q.trim()) {
      setResults([]);
      return;
    }
    void salesAdapter()
      .searchProducts(q, 30)
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          setResults(r.value);
          setSel(0);
          setError(null);
        } else setError(r.message);
      });
    return () => {
      live = false;
    };
  }, [q]);
  useHotkeys({
    ArrowDown: () => setSel((s) => Math.min(results.length - 1, s + 1)),
    ArrowUp: () => setSel((s) => Math.max(0, s - 1)),
  });
  return (
    <Modal title={t('search.title')} onClose={props.onClose} testId="search-dialog" wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const p = results[sel];
          if (p) props.onPick(p);
        }}
      >
        <input className="input-big" data-testid="search-input" data-autofocus placeholder={t('search.placeholder')} value={q} onChange={(e) => setQ(e.target.value)} />
      </form>
      <Message text={error} />
      <ul className="pick-list" data-testid="search-results">
        {results.map((p, i) => (
          <li key={p.id}>
            <button type="button" className={i === sel ? 'selected' : undefined} onClick={() => props.onPick(p)}>
              <span className="product-name">{p.name}</span>
              <span className="muted">
                {p.barcodes[0]} · {p.pinyinInitials.toUpperCase()}
              </span>
              <span className="price">{yuan(p.priceFen)}</span>
            </button>
          </li>
        ))}
      </ul>
      {q.trim() && results.length === 0 && <p className="muted">{t('search.none')}</p>}
      <p className="muted small">{t('search.hint')}</p>
    </Modal>
  );
}

export function MemberDialog(props: { attached: string | null; onAttach: (phoneOrCard: string) => Promise<string | null>; onDetach: () => void; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [v, setV] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    const err = await props.onAttach(v.trim());
    if (err) setError(err);
  };
  return (
    <Modal title={t('member.title')} onClose={props.onClose} testId="member-dialog">
      {props.attached && (
        <p className="lead">
          {t('member.current', { name: props.attached })}{' '}
          <button type="button" onClick={props.onDetach}>
            {t('member.detach')}
          </button>
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field-big">
          {t('member.phoneOrCard')}
          <input data-testid="member-input" data-autofocus inputMode="numeric" autoComplete="off" maxLength={32} value={v} onChange={(e) => setV(e.target.value.trim())} />
        </label>
        <Message text={error} testId="member-error" />
        <Numpad onKey={(k) => setV((x) => applyKey(x, k, 32))} onEnter={() => void submit()} enterLabel={t('member.attach')} />
      </form>
    </Modal>
  );
}

export function QuantityDialog(props: { line: CartLineView; onSet: (q: number) => void; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [v, setV] = useState(String(props.line.quantity));
  const q = Number(v);
  const valid = /^\d{1,5}$/.test(v) && q >= 1;
  return (
    <Modal title={t('quantity.title')} onClose={props.onClose} testId="quantity-dialog">
      <p className="lead">{props.line.name}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) props.onSet(q);
        }}
      >
        <label className="field-big">
          {t('cart.quantity')}
          <input
            data-testid="quantity-input"
            data-autofocus
            inputMode="numeric"
            value={v}
            onFocus={(e) => e.target.select()}
            onChange={(e) => setV(e.target.value.replace(/\D/g, '').slice(0, 5))}
          />
        </label>
        <Numpad onKey={(k) => setV((x) => applyKey(x, k, 5))} onEnter={() => valid && props.onSet(q)} />
      </form>
    </Modal>
  );
}

/** F5: a line discount (percent or amount) for the cashier; a price change needs a supervisor. */
export function DiscountDialog(props: {
  line: CartLineView;
  /** Resolves with the refusal (null: done); SUPERVISOR_REQUIRED asks for a supervisor and tries again. */
  onDiscount: (d: Discount | null, s?: SupervisorInput) => Promise<{ code: string; message: string } | null>;
  onPrice: (unitPriceFen: number | null, reason: string, s: SupervisorInput) => Promise<string | null>;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'percent' | 'amount' | 'price'>('percent');
  const [v, setV] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [needSupervisor, setNeedSupervisor] = useState<{ price: number | null } | null>(null);
  // A discount beyond the cashier's limit (main decides): the supervisor approves it.
  const [discountNeedsSupervisor, setDiscountNeedsSupervisor] = useState<Discount | null>(null);
  const tryDiscount = async (d: Discount): Promise<void> => {
    const err = await props.onDiscount(d);
    if (err?.code === 'SUPERVISOR_REQUIRED') setDiscountNeedsSupervisor(d);
    else if (err) setError(err.message);
  };
  useHotkeys({ '+': () => setMode((m) => (m === 'percent' ? 'amount' : m === 'amount' ? 'price' : 'percent')) });
  const submit = async (): Promise<void> => {
    setError(null);
    if (mode === 'percent') {
      // 打几折: "9" → 9折 (10% off), "85" → 8.5折.
      const n = Number(v);
      const pay = v.length === 2 ? n / 10 : n;
      if (!(pay > 0 && pay < 10)) return setError(t('discount.invalidZhe'));
      await tryDiscount({ kind: 'percent', offBp: Math.round((10 - pay) * 1000) });
    } else if (mode === 'amount') {
      const fen = parseYuan(v);
      if (fen === null || fen <= 0 || fen > props.line.amountFen) return setError(t('discount.invalidAmount', { max: yuan(props.line.amountFen) }));
      await tryDiscount({ kind: 'amount', amountFen: fen });
    } else {
      const fen = parseYuan(v);
      if (fen === null) return setError(t('pay.amountInvalid'));
      setNeedSupervisor({ price: fen });
    }
  };
  const d = props.line.lineDiscount;
  return (
    <>
      <Modal title={t('discount.title')} onClose={props.onClose} testId="discount-dialog">
        <p className="lead">
          {props.line.name} · {yuan(props.line.unitPriceFen)} × {props.line.quantity}
        </p>
        <div className="segmented" role="tablist">
          {(['percent', 'amount', 'price'] as const).map((m) => (
            <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? 'active' : undefined} data-testid={`discount-mode-${m}`} onClick={() => setMode(m)}>
              {t(`discount.mode.${m}`)}
            </button>
          ))}
        </div>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field-big">
            {t(`discount.label.${mode}`)}
            <input data-testid="discount-input" data-autofocus inputMode="decimal" autoComplete="off" value={v} onChange={(e) => setV(e.target.value.replace(/[^\d.]/g, ''))} />
          </label>
          {mode === 'price' && <p className="muted">{t('discount.priceNeedsSupervisor')}</p>}
          <Message text={error} testId="discount-error" />
          <Numpad dot onKey={(k) => setV((x) => applyKey(x, k))} onEnter={() => void submit()} />
          <div className="actions">
            {d && (
              <button type="button" onClick={() => void props.onDiscount(null)}>
                {t('discount.remove')} ({d.kind === 'percent' ? t('cart.zhe', { zhe: zheOf(d.offBp) }) : yuan(d.amountFen)})
              </button>
            )}
            {props.line.priceSource === 'override' && (
              <button type="button" onClick={() => setNeedSupervisor({ price: null })}>
                {t('discount.restorePrice')}
              </button>
            )}
            <button type="submit" className="primary big" data-testid="discount-submit">
              {t('common.ok')}
            </button>
          </div>
        </form>
      </Modal>
      {discountNeedsSupervisor && (
        <SupervisorDialog
          purpose={t('discount.title')}
          onClose={() => setDiscountNeedsSupervisor(null)}
          onApprove={async (s) => (await props.onDiscount(discountNeedsSupervisor, s))?.message ?? null}
        />
      )}
      {needSupervisor && (
        <SupervisorDialog
          purpose={needSupervisor.price === null ? t('discount.restorePrice') : t('discount.pricePurpose', { name: props.line.name, from: yuan(props.line.unitPriceFen), to: yuan(needSupervisor.price) })}
          onClose={() => setNeedSupervisor(null)}
          onApprove={(s) => props.onPrice(needSupervisor.price, t('discount.priceReason'), s)}
        />
      )}
    </>
  );
}

export function SuspendedDialog(props: { onResume: (c: SuspendedCartView) => void; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [list, setList] = useState<SuspendedCartView[] | null>(null);
  const [sel, setSel] = useState(0);
  useEffect(() => {
    void salesAdapter()
      .listSuspended()
      .then((r) => setList(r.ok ? r.value : []));
  }, []);
  useHotkeys({
    ArrowDown: () => setSel((s) => Math.min((list?.length ?? 1) - 1, s + 1)),
    ArrowUp: () => setSel((s) => Math.max(0, s - 1)),
    Enter: () => {
      const c = list?.[sel];
      if (c) props.onResume(c);
    },
  });
  return (
    <Modal title={t('suspend.title')} onClose={props.onClose} testId="suspended-dialog">
      {list && list.length === 0 && <p className="muted">{t('suspend.none')}</p>}
      <ul className="pick-list">
        {list?.map((c, i) => (
          <li key={c.id}>
            <button type="button" className={i === sel ? 'selected' : undefined} data-autofocus={i === 0 ? true : undefined} onClick={() => props.onResume(c)}>
              <span className="product-name">
                {c.label ?? t('suspend.cart', { id: c.id })} {c.memberName ? `· ${c.memberName}` : ''}
              </span>
              <span className="muted">{t('suspend.items', { lines: c.lineCount, items: c.itemCount })}</span>
              <span className="price">{yuan(c.totalFen)}</span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}

export function AmountDialog(props: { onPay: (fen: number) => void; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [v, setV] = useState('');
  const fen = parseYuan(v);
  const ok = fen !== null && fen > 0;
  return (
    <Modal title={t('amountSale.title')} onClose={props.onClose} testId="amount-dialog">
      <p className="muted">{t('amountSale.hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ok) props.onPay(fen);
        }}
      >
        <label className="field-big">
          {t('amountSale.amount')}
          <input data-testid="amount-input" data-autofocus inputMode="decimal" autoComplete="off" value={v} onChange={(e) => setV(e.target.value.replace(/[^\d.]/g, ''))} />
        </label>
        <p className="amount-big">{ok ? yuan(fen) : '¥0.00'}</p>
        <Numpad dot onKey={(k) => setV((x) => applyKey(x, k))} onEnter={() => ok && props.onPay(fen)} enterLabel={t('sale.pay')} />
      </form>
    </Modal>
  );
}

export function HelpDialog(props: { onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const keys: Array<[string, string]> = [
    ['F1', t('keys.help')],
    ['F2', t('keys.member')],
    ['F3', t('keys.search')],
    ['F4', t('keys.quantity')],
    ['F5', t('keys.discount')],
    ['F6', t('keys.amountSale')],
    ['F7', t('keys.drawer')],
    ['F8', t('keys.suspend')],
    ['F9', t('keys.deleteLine')],
    ['F10 / Space', t('keys.pay')],
    ['Esc', t('keys.back')],
    ['↑ ↓', t('help.selectLine')],
    ['3*', t('help.multiply')],
  ];
  return (
    <Modal title={t('help.title')} onClose={props.onClose} testId="help-dialog">
      <table className="help-table">
        <tbody>
          {keys.map(([k, v]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('help.scanner')}</p>
    </Modal>
  );
}

