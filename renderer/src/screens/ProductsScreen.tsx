import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvImportReport } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { downloadBase64, fileToBase64 } from '../download.js';
import { Message } from '../components/Message.js';
import { parseYuan, yuan, yuanPlain } from '../money.js';
import { DEMO_PRODUCTS } from '../sales/demoData.js';
import type { ProductView } from '../sales/salesTypes.js';

interface Draft {
  id: number | null;
  barcode: string;
  name: string;
  category: string;
  unit: string;
  price: string;
  memberPrice: string;
  openingStock: string;
  active: boolean;
}

const emptyDraft: Draft = { id: null, barcode: '', name: '', category: '', unit: '个', price: '', memberPrice: '', openingStock: '0', active: true };

function draftOf(p: ProductView): Draft {
  return { id: p.id, barcode: p.barcodes.join(','), name: p.name, category: p.category ?? '', unit: p.unit, price: yuanPlain(p.priceFen), memberPrice: p.memberPriceFen === null ? '' : yuanPlain(p.memberPriceFen), openingStock: String(p.stock), active: p.active };
}

/** 商品: search by name, barcode and pinyin initials; add, edit, stock, CSV in and out. */
export function ProductsScreen(props: { training: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<ProductView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [stock, setStock] = useState({ delta: '', reason: '' });
  const [importReport, setImportReport] = useState<CsvImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const search = useCallback(async (query: string) => {
    if (!query.trim()) {
      setRows([]);
      return;
    }
    const r = await invoke('product.search', { query, limit: 100, includeInactive: true });
    if (r.ok) {
      setRows(r.value);
      setError(null);
    } else setError(r.message);
  }, []);
  useEffect(() => {
    void search(q);
  }, [q, search]);

  const save = async (): Promise<void> => {
    if (!draft) return;
    const priceFen = parseYuan(draft.price);
    const memberPriceFen = draft.memberPrice.trim() ? parseYuan(draft.memberPrice) : null;
    if (priceFen === null || (draft.memberPrice.trim() && memberPriceFen === null)) return setError(t('pay.amountInvalid'));
    const barcodes = draft.barcode.split(/[,\s]+/).filter(Boolean);
    const common = { barcodes, name: draft.name.trim(), category: draft.category.trim() || null, unit: draft.unit.trim() || '个', priceFen, memberPriceFen, active: draft.active };
    const r = draft.id === null ? await invoke('product.create', { ...common, openingStock: Number(draft.openingStock) || 0 }) : await invoke('product.update', { productId: draft.id, ...common });
    if (!r.ok) return setError(r.message);
    setError(null);
    setInfo(t('products.saved', { name: r.value.name }));
    setDraft(draftOf(r.value));
    await search(q || r.value.name);
  };

  const adjust = async (): Promise<void> => {
    if (!draft?.id) return;
    const delta = Number(stock.delta);
    if (!Number.isInteger(delta) || delta === 0 || !stock.reason.trim()) return setError(t('products.stockInvalid'));
    const r = await invoke('stock.adjust', { productId: draft.id, delta, reason: stock.reason.trim() });
    if (!r.ok) return setError(r.message);
    setError(null);
    setStock({ delta: '', reason: '' });
    setDraft(draftOf(r.value));
    setInfo(t('products.stockDone', { stock: r.value.stock }));
    await search(q);
  };

  const loadDemo = async (): Promise<void> => {
    setBusy(true);
    let created = 0;
    for (const p of DEMO_PRODUCTS) {
      const exists = await invoke('product.lookup', { barcode: p.barcodes[0]! });
      if (exists.ok && exists.value) continue;
      const r = await invoke('product.create', { ...p, barcodes: [...p.barcodes] });
      if (r.ok) created++;
      else {
        setError(r.message);
        break;
      }
    }
    setBusy(false);
    setInfo(t('products.demoLoaded', { n: created }));
  };

  return (
    <section className="products split" data-testid="products-screen">
      <div className="split-main">
        <div className="toolbar">
          <input className="input-big" data-testid="products-search" placeholder={t('search.placeholder')} value={q} onChange={(e) => setQ(e.target.value)} />
          <button type="button" className="primary" data-testid="product-new" onClick={() => setDraft({ ...emptyDraft })}>
            {t('products.new')}
          </button>
          <label className="button-like">
            {t('products.import')}
            <input
              type="file"
              accept=".csv,text/csv"
              data-testid="product-import"
              hidden
              onChange={async (e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (!f) return;
                const r = await invoke('product.importCsv', { contentBase64: await fileToBase64(f), encoding: 'auto' });
                if (r.ok) setImportReport(r.value);
                else setError(r.message);
              }}
            />
          </label>
          <button
            type="button"
            onClick={async () => {
              const r = await invoke('product.exportCsv', { encoding: 'utf8' });
              if (r.ok) downloadBase64(r.value.contentBase64, 'cashdesk-products.csv', 'text/csv');
              else setError(r.message);
            }}
          >
            {t('products.export')}
          </button>
          {props.training && (
            <button type="button" data-testid="load-demo-products" disabled={busy} onClick={() => void loadDemo()}>
              {t('products.loadDemo')}
            </button>
          )}
        </div>
        <Message text={error} />
        {info && <p className="message message-ok" data-testid="products-info">{info}</p>}
        {importReport && (
          <div className={importReport.ok ? 'message message-ok' : 'message message-error'} data-testid="import-report">
            {importReport.ok ? t('products.imported', { rows: importReport.rows, created: importReport.created, updated: importReport.updated }) : t('products.importFailed', { n: importReport.errors.length })}
            {!importReport.ok && (
              <ul>
                {importReport.errors.slice(0, 10).map((x) => (
                  <li key={`${x.line}-${x.column}`}>
                    {t('products.line', { line: x.line })} {x.column ?? ''}: {x.zh} / {x.en}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="table-scroll">
          <table className="data-table" data-testid="products-table">
            <thead>
              <tr>
                <th>{t('products.barcode')}</th>
                <th>{t('products.name')}</th>
                <th>{t('products.pinyin')}</th>
                <th>{t('products.category')}</th>
                <th className="num">{t('products.price')}</th>
                <th className="num">{t('products.memberPrice')}</th>
                <th className="num">{t('products.stock')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} className={draft?.id === p.id ? 'selected' : undefined} onClick={() => setDraft(draftOf(p))}>
                  <td className="mono">{p.barcodes.join(', ')}</td>
                  <td>
                    {p.name}
                    {!p.active && <span className="tag">{t('products.inactive')}</span>}
                  </td>
                  <td className="mono">{p.pinyinInitials.toUpperCase()}</td>
                  <td>{p.category ?? ''}</td>
                  <td className="num">{yuan(p.priceFen)}</td>
                  <td className="num">{p.memberPriceFen !== null ? yuan(p.memberPriceFen) : ''}</td>
                  <td className="num">
                    {p.stock} {p.unit}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!q.trim() && <p className="muted empty">{t('products.searchHint')}</p>}
          {q.trim() && rows.length === 0 && <p className="muted empty">{t('search.none')}</p>}
        </div>
      </div>
      <aside className="split-side">
        {!draft && <p className="muted">{t('products.pick')}</p>}
        {draft && (
          <form
            className="form-grid"
            data-testid="product-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <h3>{draft.id === null ? t('products.new') : t('products.edit')}</h3>
            <label>
              {t('products.barcode')}
              <input data-testid="product-barcode" value={draft.barcode} onChange={(e) => setDraft({ ...draft, barcode: e.target.value })} />
            </label>
            <label>
              {t('products.name')}
              <input data-testid="product-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </label>
            <div className="form-grid two">
              <label>
                {t('products.category')}
                <input value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })} />
              </label>
              <label>
                {t('products.unit')}
                <input value={draft.unit} maxLength={8} onChange={(e) => setDraft({ ...draft, unit: e.target.value })} />
              </label>
              <label>
                {t('products.price')}
                <input data-testid="product-price" inputMode="decimal" value={draft.price} onChange={(e) => setDraft({ ...draft, price: e.target.value })} />
              </label>
              <label>
                {t('products.memberPrice')}
                <input inputMode="decimal" value={draft.memberPrice} onChange={(e) => setDraft({ ...draft, memberPrice: e.target.value })} />
              </label>
              {draft.id === null && (
                <label>
                  {t('products.openingStock')}
                  <input inputMode="numeric" value={draft.openingStock} onChange={(e) => setDraft({ ...draft, openingStock: e.target.value.replace(/\D/g, '') })} />
                </label>
              )}
              <label className="check">
                <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
                {t('products.active')}
              </label>
            </div>
            <div className="actions">
              <button type="button" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary" data-testid="product-save">
                {t('common.save')}
              </button>
            </div>
            {draft.id !== null && (
              <fieldset className="stock-box">
                <legend>
                  {t('products.stock')}: {draft.openingStock} {draft.unit}
                </legend>
                <div className="form-grid two">
                  <label>
                    {t('products.stockDelta')}
                    <input inputMode="numeric" value={stock.delta} onChange={(e) => setStock({ ...stock, delta: e.target.value.replace(/[^\d-]/g, '') })} />
                  </label>
                  <label>
                    {t('products.stockReason')}
                    <input value={stock.reason} maxLength={200} onChange={(e) => setStock({ ...stock, reason: e.target.value })} />
                  </label>
                </div>
                <div className="actions">
                  <button type="button" onClick={() => void adjust()}>
                    {t('products.stockAdjust')}
                  </button>
                </div>
              </fieldset>
            )}
          </form>
        )}
      </aside>
    </section>
  );
}
