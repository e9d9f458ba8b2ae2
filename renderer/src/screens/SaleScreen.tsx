import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorSession, TerminalStatus } from '../../../electron/contract.js';
import { showCustomer, type CustomerLine } from '../customerLink.js';
import { Message } from '../components/Message.js';
import { useHotkeys } from '../hooks/hotkeys.js';
import { useScannerInput } from '../hooks/scanner.js';
import { invoke } from '../api.js';
import { SupervisorDialog } from '../components/SupervisorDialog.js';
import { yuan } from '../money.js';
import { salesAdapter } from '../sales/salesAdapter.js';
import type { CartView, Result } from '../sales/salesTypes.js';
import { CartTable } from './CartTable.js';
import { PaymentDialog } from './PaymentDialog.js';
import { amountPayer, cartPayer, type Payer, type PayOutcome } from '../sales/payer.js';
import { AmountDialog, DiscountDialog, HelpDialog, MemberDialog, QuantityDialog, SearchDialog, SuspendedDialog } from './SaleDialogs.js';

type Dialog = 'search' | 'member' | 'quantity' | 'discount' | 'suspended' | 'help' | 'amount' | 'drawer' | { payer: Payer; withCart: boolean } | null;

/**
 * Main sends the whole cart back on every change; lines that did not change keep their
 * old objects, so the memoised rows of a 200-line cart skip re-rendering.
 */
function keepUnchangedLines(prev: CartView | null, next: CartView): CartView {
  if (!prev || prev.id !== next.id) return next;
  const old = new Map(prev.lines.map((l) => [l.lineId, l]));
  let reused = 0;
  const lines = next.lines.map((l) => {
    const o = old.get(l.lineId);
    if (o && JSON.stringify(o) === JSON.stringify(l)) {
      reused++;
      return o;
    }
    return l;
  });
  return reused ? { ...next, lines } : next;
}

/** The cart in hand survives a reload of the window (main keeps it; this tab keeps its id). */
const CART_KEY = 'cashdesk.cartId';

interface LastSale {
  saleNo: string | null;
  total: number;
  change: number;
}

/** 收银: the barcode field always has focus; a scanner is a keyboard that ends with Enter. */
export function SaleScreen(props: { session: OperatorSession; terminal: TerminalStatus | null }): React.JSX.Element {
  const { t } = useTranslation();
  const adapter = salesAdapter();
  const operatorId = props.session.operatorId ?? '00';
  const [cart, setCart] = useState<CartView | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [pendingQty, setPendingQty] = useState<number | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [message, setMessage] = useState<{ text: string; kind: 'error' | 'info' | 'ok' } | null>(null);
  const [last, setLast] = useState<LastSale | null>(null);
  const [drawerReason, setDrawerReason] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const cartRef = useRef<CartView | null>(null);
  cartRef.current = cart;
  // Scans in flight: F10 right after a scan waits for it, so the total includes the item.
  const pendingRef = useRef<Promise<unknown>>(Promise.resolve());
  const track = <T,>(p: Promise<T>): Promise<T> => {
    pendingRef.current = pendingRef.current.then(() => p, () => p);
    return p;
  };

  const openCart = useCallback(async (fresh = false) => {
    const kept = Number(sessionStorage.getItem(CART_KEY));
    if (!fresh && kept > 0) {
      const r = await adapter.get(kept);
      if (r.ok && r.value.status === 'open' && r.value.operatorId === operatorId) {
        setCart(r.value);
        setSelected(r.value.lines[r.value.lines.length - 1]?.lineId ?? null);
        return;
      }
    }
    const r = await adapter.open();
    if (r.ok) {
      sessionStorage.setItem(CART_KEY, String(r.value.id));
      setCart(r.value);
      setSelected(null);
    } else setMessage({ text: r.message, kind: 'error' });
  }, [adapter, operatorId]);

  useEffect(() => {
    void openCart();
  }, [openCart]);

  const customerLines: CustomerLine[] = useMemo(() => (cart?.lines ?? []).slice(-30).map((l) => ({ name: l.name, quantity: l.quantity, amount: l.netFen })), [cart]);
  useEffect(() => {
    if (!cart || dialog !== null) return;
    if (cart.lines.length) showCustomer('amount', { amount: cart.totals.totalFen, lines: customerLines });
    else if (!last) showCustomer('idle');
  }, [cart, customerLines, dialog, last]);

  // Focus comes back to the barcode field whenever no dialog is open.
  useEffect(() => {
    if (dialog === null) inputRef.current?.focus();
  }, [dialog]);

  const apply = (r: Result<CartView>, select?: 'last' | number): boolean => {
    if (!r.ok) {
      setMessage({ text: r.message, kind: 'error' });
      return false;
    }
    const next = keepUnchangedLines(cartRef.current, r.value);
    cartRef.current = next;
    setCart(next);
    setMessage(null);
    if (select === 'last') setSelected(next.lines[next.lines.length - 1]?.lineId ?? null);
    else if (typeof select === 'number') setSelected(select);
    else if (!next.lines.some((l) => l.lineId === selected)) setSelected(next.lines[next.lines.length - 1]?.lineId ?? null);
    return true;
  };

  const scan = async (raw: string): Promise<void> => {
    const c = cartRef.current;
    if (!c) return;
    let text = raw.trim();
    let qty = pendingQty ?? 1;
    const m = /^(\d{1,5})\*(.*)$/.exec(text);
    if (m) {
      qty = Number(m[1]);
      text = m[2]!.trim();
      if (!text) {
        setPendingQty(qty);
        setCode('');
        return;
      }
    }
    if (!text) return;
    setCode('');
    setPendingQty(null);
    if (last) setLast(null);
    apply(await track(adapter.addByBarcode(c.id, text, qty)), 'last');
  };

  // A serial scanner's codes arrive as events; a keyboard-wedge scanner types into the field.
  useScannerInput((c) => void scan(c), dialog === null);

  const selectedLine = cart?.lines.find((l) => l.lineId === selected) ?? null;
  const total = cart?.totals.totalFen ?? 0;
  const open = (d: Dialog): void => {
    setMessage(null);
    setDialog(d);
  };
  const needLine = (d: Dialog): void => {
    if (!selectedLine) setMessage({ text: t('sale.selectLineFirst'), kind: 'info' });
    else open(d);
  };
  const pay = async (): Promise<void> => {
    await pendingRef.current.catch(() => undefined);
    const c = cartRef.current;
    if (!c || c.totals.totalFen <= 0) {
      setMessage({ text: t('sale.emptyCart'), kind: 'info' });
      return;
    }
    open({ payer: cartPayer(c.id, c.totals.totalFen, c.member ? c.member.storedValueFen : null), withCart: true });
  };
  const suspendOrResume = async (): Promise<void> => {
    if (!cart) return;
    if (cart.lines.length === 0) {
      open('suspended');
      return;
    }
    const r = await adapter.suspend(cart.id, null);
    if (!r.ok) return setMessage({ text: r.message, kind: 'error' });
    setMessage({ text: t('suspend.done', { total: yuan(r.value.totalFen) }), kind: 'ok' });
    await openCart(true);
  };
  const deleteLine = async (): Promise<void> => {
    if (!cart || !selectedLine) return setMessage({ text: t('sale.selectLineFirst'), kind: 'info' });
    const idx = cart.lines.findIndex((l) => l.lineId === selectedLine.lineId);
    const r = await adapter.removeLine(cart.id, selectedLine.lineId);
    if (r.ok) {
      const next = r.value.lines[Math.min(idx, r.value.lines.length - 1)];
      apply(r, next?.lineId ?? -1);
    } else apply(r);
  };
  const moveSelection = (delta: number): void => {
    if (!cart?.lines.length) return;
    const i = cart.lines.findIndex((l) => l.lineId === selected);
    const next = cart.lines[Math.max(0, Math.min(cart.lines.length - 1, (i < 0 ? cart.lines.length : i) + delta))];
    if (next) setSelected(next.lineId);
  };

  useHotkeys(
    {
      F1: () => open('help'),
      F2: () => open('member'),
      F3: () => open('search'),
      F4: () => needLine('quantity'),
      F5: () => needLine('discount'),
      F6: () => open('amount'),
      F7: () => open('drawer'),
      F8: () => void suspendOrResume(),
      F9: () => void deleteLine(),
      F10: () => void pay(),
      // Space pays only from an empty barcode field (a scanner never sends a space).
      Space: () => {
        if (document.activeElement !== inputRef.current || code !== '') return false;
        void pay();
      },
      Escape: () => {
        setCode('');
        setPendingQty(null);
        setMessage(null);
      },
      ArrowUp: () => moveSelection(-1),
      ArrowDown: () => moveSelection(1),
    },
    { enabled: dialog === null },
  );

  const onPaid = async (o: PayOutcome, withCart: boolean): Promise<void> => {
    if (withCart) await openCart(true);
    setLast({ saleNo: o.saleNo, total: o.paidFen, change: o.changeFen });
    showCustomer('thanks', { amount: o.paidFen });
    setDialog(null);
  };

  const onPayClosed = (o: PayOutcome | null): void => {
    setDialog(null);
    // A cart keeps what it was paid (main journals it): F10 takes the rest.
    if (o && o.paidFen > 0 && !o.complete) setMessage({ text: t('sale.partialPaid', { paid: yuan(o.paidFen) }), kind: 'error' });
    if (cart) showCustomer(cart.lines.length ? 'amount' : 'idle', { amount: cart.totals.totalFen, lines: customerLines });
  };

  const fkeys: Array<[string, string, () => void, string]> = [
    ['F1', t('keys.help'), () => open('help'), 'fkey-help'],
    ['F2', t('keys.member'), () => open('member'), 'fkey-member'],
    ['F3', t('keys.search'), () => open('search'), 'fkey-search'],
    ['F4', t('keys.quantity'), () => needLine('quantity'), 'fkey-quantity'],
    ['F5', t('keys.discount'), () => needLine('discount'), 'fkey-discount'],
    ['F6', t('keys.amountSale'), () => open('amount'), 'fkey-amount'],
    ['F7', t('keys.drawer'), () => open('drawer'), 'fkey-drawer'],
    ['F8', cart?.lines.length ? t('keys.suspend') : t('keys.resume'), () => void suspendOrResume(), 'fkey-suspend'],
    ['F9', t('keys.deleteLine'), () => void deleteLine(), 'fkey-delete'],
    ['Esc', t('keys.back'), () => setCode(''), 'fkey-esc'],
  ];

  return (
    <section className="sale" data-testid="sale-screen">
      <div className="sale-main">
        <form
          className="scan-bar"
          onSubmit={(e) => {
            e.preventDefault();
            void scan(code);
          }}
        >
          <label htmlFor="barcode" className="scan-label">
            {t('sale.barcode')}
          </label>
          {pendingQty !== null && (
            <span className="pending-qty" data-testid="pending-qty">
              ×{pendingQty}
            </span>
          )}
          <input
            id="barcode"
            ref={inputRef}
            className="scan-input"
            data-testid="barcode-input"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder={t('sale.barcodePlaceholder')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onBlur={() => {
              // A scanner types into whatever has focus: keep it here unless a dialog took it.
              setTimeout(() => {
                const a = document.activeElement;
                if (dialog === null && (!a || a === document.body)) inputRef.current?.focus();
              }, 0);
            }}
          />
          <button type="submit" className="scan-enter" tabIndex={-1}>
            ⏎
          </button>
        </form>
        {message && <Message text={message.text} kind={message.kind} testId="sale-message" />}
        <CartTable lines={cart?.lines ?? []} selectedLineId={selected} onSelect={setSelected} />
      </div>
      <aside className="sale-side">
        <div className="member-box" data-testid="member-box">
          {cart?.member ? (
            <>
              <span className="member-name">
                {cart.member.name} · {cart.member.tier}
              </span>
              <span className="muted">
                {cart.member.phone} · {t('member.points', { points: cart.member.points })}
              </span>
            </>
          ) : (
            <button type="button" className="link" onClick={() => open('member')}>
              {t('member.none')} <kbd>F2</kbd>
            </button>
          )}
        </div>
        <dl className="totals" data-testid="totals">
          <dt>{t('sale.items')}</dt>
          <dd data-testid="total-items">{cart?.totals.itemCount ?? 0}</dd>
          <dt>{t('sale.listAmount')}</dt>
          <dd>{yuan(cart?.totals.listAmountFen ?? 0)}</dd>
          <dt>{t('sale.savings')}</dt>
          <dd className="savings">{yuan(-((cart?.totals.discountFen ?? 0) + (cart?.totals.memberSavingsFen ?? 0)))}</dd>
        </dl>
        <div className="grand-total">
          <span>{t('sale.total')}</span>
          <strong data-testid="grand-total">{yuan(total)}</strong>
        </div>
        <button type="button" className="pay-button" data-testid="pay-button" disabled={total <= 0} onClick={() => void pay()}>
          {t('sale.pay')} <kbd>F10</kbd> <kbd>{t('keys.space')}</kbd>
        </button>
        {last && (
          <div className="last-sale" data-testid="last-sale">
            <h3>{t('sale.lastSale')}</h3>
            <p>
              {last.saleNo && <span className="muted" data-testid="last-sale-no">{last.saleNo} · </span>}
              {t('sale.lastPaid', { amount: yuan(last.total) })}
            </p>
            {last.change > 0 && (
              <p className="change-line">
                {t('pay.change')} <strong data-testid="last-change">{yuan(last.change)}</strong>
              </p>
            )}
          </div>
        )}
      </aside>
      <nav className="fkey-bar" aria-label={t('keys.title')}>
        {fkeys.map(([k, label, fn, id]) => (
          <button key={k} type="button" data-testid={id} onMouseDown={(e) => e.preventDefault()} onClick={fn}>
            <kbd>{k}</kbd>
            <span>{label}</span>
          </button>
        ))}
        <button type="button" className="fkey-pay" data-testid="fkey-pay" onMouseDown={(e) => e.preventDefault()} onClick={() => void pay()}>
          <kbd>F10</kbd>
          <span>{t('keys.pay')}</span>
        </button>
      </nav>

      {dialog === 'help' && <HelpDialog onClose={() => setDialog(null)} />}
      {dialog === 'search' && cart && (
        <SearchDialog
          onClose={() => setDialog(null)}
          onPick={async (p) => {
            if (apply(await adapter.addProduct(cart.id, p.id, pendingQty ?? 1), 'last')) {
              setPendingQty(null);
              setDialog(null);
            }
          }}
        />
      )}
      {dialog === 'member' && cart && (
        <MemberDialog
          attached={cart.member?.name ?? null}
          onClose={() => setDialog(null)}
          onDetach={async () => {
            apply(await adapter.detachMember(cart.id));
            setDialog(null);
          }}
          onAttach={async (v) => {
            const r = await adapter.attachMember(cart.id, v);
            if (!r.ok) return r.message;
            apply(r);
            setDialog(null);
            return null;
          }}
        />
      )}
      {dialog === 'quantity' && cart && selectedLine && (
        <QuantityDialog
          line={selectedLine}
          onClose={() => setDialog(null)}
          onSet={async (q) => {
            if (apply(await adapter.setQuantity(cart.id, selectedLine.lineId, q), selectedLine.lineId)) setDialog(null);
          }}
        />
      )}
      {dialog === 'discount' && cart && selectedLine && (
        <DiscountDialog
          line={selectedLine}
          onClose={() => setDialog(null)}
          onDiscount={async (d, s) => {
            const r = await adapter.setLineDiscount(cart.id, selectedLine.lineId, d, s);
            if (!r.ok) return r;
            apply(r, selectedLine.lineId);
            setDialog(null);
            return null;
          }}
          onPrice={async (price, reason, s) => {
            const r = await adapter.overridePrice(cart.id, selectedLine.lineId, price, reason, s);
            if (!r.ok) return r.message;
            apply(r, selectedLine.lineId);
            setDialog(null);
            return null;
          }}
        />
      )}
      {dialog === 'suspended' && (
        <SuspendedDialog
          onClose={() => setDialog(null)}
          onResume={async (c) => {
            // The empty cart in hand is dropped for the one taken back.
            if (cart && cart.lines.length === 0) await adapter.discard(cart.id);
            const r = await adapter.resume(c.id);
            if (apply(r, 'last')) {
              if (r.ok) sessionStorage.setItem(CART_KEY, String(r.value.id));
              setDialog(null);
            }
          }}
        />
      )}
      {dialog === 'drawer' && (
        <SupervisorDialog
          purpose={t('drawer.purpose')}
          onClose={() => setDialog(null)}
          onApprove={async (sup) => {
            const reason = drawerReason.trim() || t('drawer.defaultReason');
            const r = await invoke('drawer.open', { supervisor: sup, reason });
            if (!r.ok) return r.message;
            setDialog(null);
            setDrawerReason('');
            setMessage({ text: t('drawer.opened'), kind: 'ok' });
            return null;
          }}
        >
          <label className="field-big">
            {t('drawer.reason')}
            <input data-testid="drawer-reason" maxLength={100} value={drawerReason} placeholder={t('drawer.defaultReason')} onChange={(e) => setDrawerReason(e.target.value)} />
          </label>
        </SupervisorDialog>
      )}
      {dialog === 'amount' && <AmountDialog onClose={() => setDialog(null)} onPay={(fen) => setDialog({ payer: amountPayer(fen), withCart: false })} />}
      {dialog !== null && typeof dialog === 'object' && (
        <PaymentDialog
          payer={dialog.payer}
          perTransaction={props.session.policy === 'per-transaction'}
          customerLines={dialog.withCart ? customerLines : []}
          onClose={onPayClosed}
          onDone={(o) => void onPaid(o, dialog.withCart)}
        />
      )}
    </section>
  );
}
