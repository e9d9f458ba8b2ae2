import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { yuan, zheOf } from '../money.js';
import type { CartLineView } from '../sales/salesTypes.js';

const Row = memo(function Row(props: { line: CartLineView; index: number; selected: boolean; onSelect: (lineId: number) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const l = props.line;
  const d = l.lineDiscount;
  return (
    <tr className={props.selected ? 'selected' : undefined} data-line-id={l.lineId} aria-selected={props.selected} onClick={() => props.onSelect(l.lineId)}>
      <td className="num">{props.index + 1}</td>
      <td className="name">
        <span className="product-name">{l.name}</span>
        <span className="barcode">{l.barcode}</span>
      </td>
      <td className="num">
        {yuan(l.unitPriceFen)}
        {l.priceSource !== 'list' && <span className={`tag tag-${l.priceSource}`}>{t(`cart.priceSource.${l.priceSource}`)}</span>}
      </td>
      <td className="num qty">
        {l.quantity}
        <span className="unit">{l.unit}</span>
      </td>
      <td className="num discount">{l.discountFen > 0 ? <>-{yuan(l.discountFen)}{d && d.kind === 'percent' && <span className="tag">{t('cart.zhe', { zhe: zheOf(d.offBp) })}</span>}</> : ''}</td>
      <td className="num total">{yuan(l.netFen)}</td>
    </tr>
  );
});

/** Row height in px (styles.css .cart-table td height + border): long carts draw only what shows. */
const ROW_PX = 51;
/** Carts up to this many lines are drawn whole; longer ones are windowed. */
const WINDOW_FROM = 60;
const OVERSCAN = 8;

/**
 * The cart lines. Only rows whose line object changed re-render, and a long cart (a
 * stocktaking basket of 200 lines) draws just the rows in view plus a margin, so a scan
 * costs the same at line 5 and at line 200.
 */
export function CartTable(props: { lines: CartLineView[]; selectedLineId: number | null; onSelect: (lineId: number) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const windowed = props.lines.length > WINDOW_FROM;
  const selectedIndex = props.lines.findIndex((l) => l.lineId === props.selectedLineId);

  // Keep the selected line in view (a scan selects the line it touched).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || selectedIndex < 0) return;
    const head = (el.querySelector('thead') as HTMLElement | null)?.offsetHeight ?? 0;
    const rowTop = head + selectedIndex * ROW_PX;
    if (rowTop - head < el.scrollTop) el.scrollTop = rowTop - head;
    else if (rowTop + ROW_PX > el.scrollTop + el.clientHeight) el.scrollTop = rowTop + ROW_PX - el.clientHeight;
    if (windowed) setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, [selectedIndex, props.lines.length, windowed]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !windowed) return;
    let frame = 0;
    const onScroll = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    };
    onScroll();
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', onScroll);
    };
  }, [windowed]);

  let first = 0;
  let last = props.lines.length;
  if (windowed) {
    first = Math.max(0, Math.floor(view.top / ROW_PX) - OVERSCAN);
    last = Math.min(props.lines.length, Math.ceil((view.top + view.height) / ROW_PX) + OVERSCAN);
  }
  const shown = props.lines.slice(first, last);
  return (
    <div className="cart-scroll" data-testid="cart" ref={scrollRef}>
      <table className="cart-table">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>{t('cart.product')}</th>
            <th className="num">{t('cart.price')}</th>
            <th className="num">{t('cart.quantity')}</th>
            <th className="num">{t('cart.discount')}</th>
            <th className="num">{t('cart.subtotal')}</th>
          </tr>
        </thead>
        <tbody data-testid="cart-lines" data-count={props.lines.length}>
          {first > 0 && <tr className="spacer" aria-hidden="true" style={{ height: first * ROW_PX }} />}
          {shown.map((l, i) => (
            <Row key={l.lineId} line={l} index={first + i} selected={l.lineId === props.selectedLineId} onSelect={props.onSelect} />
          ))}
          {last < props.lines.length && <tr className="spacer" aria-hidden="true" style={{ height: (props.lines.length - last) * ROW_PX }} />}
        </tbody>
      </table>
      {props.lines.length === 0 && (
        <div className="cart-empty" data-testid="cart-empty">
          <span className="scan-icon" aria-hidden="true">
            ▥
          </span>
          {t('cart.empty')}
        </div>
      )}
    </div>
  );
}
