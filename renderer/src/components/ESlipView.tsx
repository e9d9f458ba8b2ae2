import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ESlip, PrintJobView } from '../../../electron/contract.js';
import { invoke, on } from '../api.js';
import { downloadBlob } from '../download.js';
import { yuan } from '../money.js';
import { Message } from './Message.js';
import { PrintStatus, type PrintOutcome } from './PrintStatus.js';

/** The slip's date as the shop reads it: local time, no ISO T/Z. */
export function slipDateTime(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/T/.test(value)) return value;
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function rows(slip: ESlip, t: (k: string) => string, en: boolean): Array<[string, string]> {
  return [
    [t('slip.merchantName'), slip.merchantName],
    [t('slip.merchantId'), slip.merchantId],
    [t('slip.terminalId'), slip.terminalId],
    [t('slip.operator'), slip.operatorId],
    [t('slip.card'), slip.maskedPan ?? '—'],
    [t('slip.type'), en ? slip.typeEn : slip.typeZh],
    [t('slip.batch'), slip.batchNo],
    [t('slip.stan'), slip.stan],
    [t('slip.rrn'), slip.rrn ?? '—'],
    [t('slip.authCode'), slip.authCode ?? '—'],
    [t('slip.dateTime'), slipDateTime(slip.dateTime)],
  ];
}

/** Draws the e-slip on a canvas and downloads it as a PNG (导出图片). */
async function exportPng(slip: ESlip, lines: Array<[string, string]>, title: string, amountLabel: string, signatureLabel: string): Promise<void> {
  const width = 420;
  const sig = slip.signaturePngBase64 ? await loadImage(`data:image/png;base64,${slip.signaturePngBase64}`) : null;
  const sigH = sig ? Math.round((sig.height / sig.width) * (width - 40)) : 0;
  const height = 80 + lines.length * 26 + 60 + (sig ? sigH + 50 : 30);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#000';
  g.font = 'bold 20px "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
  g.textAlign = 'center';
  g.fillText(title, width / 2, 36);
  g.textAlign = 'left';
  g.font = '15px "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
  let y = 72;
  for (const [k, v] of lines) {
    g.fillText(k, 20, y);
    g.textAlign = 'right';
    g.fillText(v, width - 20, y);
    g.textAlign = 'left';
    y += 26;
  }
  g.font = 'bold 22px "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
  g.fillText(`${amountLabel} ${yuan(slip.amount)}`, 20, y + 20);
  y += 50;
  g.font = '15px "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
  g.fillText(signatureLabel, 20, y);
  if (sig) g.drawImage(sig, 20, y + 10, width - 40, sigH);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (blob) downloadBlob(blob, `eslip-${slip.batchNo}-${slip.stan}.png`);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = reject;
    img.src = src;
  });
}

/** The electronic slip (电子签购单) with the cardholder's signature; export and reprint. */
export function ESlipView(props: { journalId: number; refreshKey?: number }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [slip, setSlip] = useState<ESlip | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [print, setPrint] = useState<PrintOutcome | null>(null);
  const doPrint = async (reprint: boolean): Promise<void> => {
    setPrint({ state: 'printing' });
    const r = await invoke('receipt.printESlip', { journalId: props.journalId, ...(reprint ? { reprint: true } : {}) });
    setPrint(r.ok ? { state: 'done', result: r.value } : { state: 'error', message: r.message });
  };
  // Main prints the merchant copy once the cardholder signed; show that job as it goes.
  useEffect(() => {
    const mine = (job: PrintJobView): boolean => job.kind === 'e-slip' && job.ref === String(props.journalId);
    const off = on('printer.job', ({ job }) => {
      if (mine(job)) setPrint({ state: 'job', job });
    });
    // It may have printed before this view opened.
    void invoke('printer.jobs', {}).then((r) => {
      const job = r.ok ? r.value.filter(mine).at(-1) : undefined;
      if (job) setPrint((p) => p ?? { state: 'job', job });
    });
    return off;
  }, [props.journalId]);
  useEffect(() => {
    let live = true;
    void invoke('payment.eSlip', { journalId: props.journalId }).then((r) => {
      if (!live) return;
      if (r.ok) setSlip(r.value);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [props.journalId, props.refreshKey]);
  if (error) return <Message text={error} />;
  if (!slip) return <p className="muted">…</p>;
  const en = i18n.language === 'en';
  const lines = rows(slip, t as (k: string) => string, en);
  return (
    <div className="eslip" data-testid="eslip">
      <div className="eslip-paper printable">
        <h3>{t('slip.title')}</h3>
        <dl>
          {lines.map(([k, v]) => (
            <div key={k} className="eslip-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <p className="eslip-amount">
          {t('slip.amount')} <strong data-testid="eslip-amount">{yuan(slip.amount)}</strong>
        </p>
        <p className="eslip-status" data-testid="eslip-status">
          {t(`journalStatus.${slip.status}`)}
        </p>
        <div className="eslip-signature">
          <span>{t('slip.signature')}</span>
          {slip.signaturePngBase64 ? (
            <img data-testid="eslip-signature" alt={t('slip.signature')} src={`data:image/png;base64,${slip.signaturePngBase64}`} />
          ) : (
            <span className="muted" data-testid="eslip-signature-status">
              {slip.signatureStatus ? t(`signatureStatus.${slip.signatureStatus}`) : t('slip.noSignature')}
            </span>
          )}
        </div>
      </div>
      <div className="actions">
        <button type="button" data-testid="eslip-export" onClick={() => void exportPng(slip, lines, t('slip.title'), t('slip.amount'), t('slip.signature'))}>
          {t('slip.export')}
        </button>
        <button type="button" data-testid="eslip-reprint" disabled={print?.state === 'printing'} onClick={() => void doPrint(true)}>
          {t('slip.reprint')}
        </button>
      </div>
      <PrintStatus outcome={print} testId="eslip-print-status" />
    </div>
  );
}
