import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Message } from '../components/Message.js';
import { yuan } from '../money.js';
import { salesAdapter } from '../sales/salesAdapter.js';
import type { ProductView } from '../sales/salesTypes.js';

/** 商品: the catalogue, searchable by name, barcode and pinyin initials. */
export function ProductsScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const adapter = salesAdapter();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<ProductView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void (q.trim() ? adapter.searchProducts(q, 100) : adapter.listProducts()).then((r) => {
      if (!live) return;
      if (r.ok) setRows(r.value);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [q, adapter]);
  return (
    <section className="products" data-testid="products-screen">
      <div className="toolbar">
        <input className="input-big" data-testid="products-search" placeholder={t('search.placeholder')} value={q} onChange={(e) => setQ(e.target.value)} />
        {adapter.kind === 'local' && <span className="demo-note">{t('products.localNote')}</span>}
      </div>
      <Message text={error} />
      <div className="table-scroll">
        <table className="data-table" data-testid="products-table">
          <thead>
            <tr>
              <th>{t('products.barcode')}</th>
              <th>{t('products.name')}</th>
              <th>{t('products.pinyin')}</th>
              <th>{t('products.category')}</th>
              <th>{t('products.unit')}</th>
              <th className="num">{t('products.price')}</th>
              <th className="num">{t('products.memberPrice')}</th>
              <th className="num">{t('products.stock')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td className="mono">{p.barcodes.join(', ')}</td>
                <td>{p.name}</td>
                <td className="mono">{p.pinyinInitials.toUpperCase()}</td>
                <td>{p.category ?? ''}</td>
                <td>{p.unit}</td>
                <td className="num">{yuan(p.priceFen)}</td>
                <td className="num">{p.memberPriceFen !== null ? yuan(p.memberPriceFen) : ''}</td>
                <td className="num">{p.stock}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
