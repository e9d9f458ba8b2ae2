import { memo, useEffect, useRef } from 'react';
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

/** The cart lines; only the rows whose line object changed re-render (200-line carts). */
export function CartTable(props: { lines: CartLineView[]; selectedLineId: number | null; onSelect: (lineId: number) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (props.selectedLineId === null) return;
    const row = bodyRef.current?.querySelector(`tr[data-line-id="${props.selectedLineId}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [props.selectedLineId, props.lines.length]);
  return (
    <div className="cart-scroll" data-testid="cart">
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
        <tbody ref={bodyRef} data-testid="cart-lines">
          {props.lines.map((l, i) => (
            <Row key={l.lineId} line={l} index={i} selected={l.lineId === props.selectedLineId} onSelect={props.onSelect} />
          ))}
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
