import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDisplayState, PaymentProgress } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { inLanguage } from '../bilingual.js';
import { onSafe, useCountdown } from '../hooks/live.js';
import { yuan } from '../money.js';
import { SignatureCapture, type Stroke } from './SignatureCapture.js';

const IDLE: CustomerDisplayState = { mode: 'idle', amount: null, journalId: null, lines: [], signatureTimeoutSeconds: null };
const THANKS_MS = 8000;

/**
 * Without customer.state / customer.display (an older main), follow the payments
 * themselves: amounts from payment.progress, and after an approved card sale the newest
 * approved card sale without a signature.
 */
async function unsignedCardSale(): Promise<{ journalId: number; amount: number } | null> {
  const r = await invoke('payment.journal', { limit: 5 });
  if (!r.ok) return null;
  const sale = r.value.find((e) => e.type === 'sale' && e.tender === 'card' && e.status === 'approved');
  if (!sale) return null;
  const slip = await invoke('payment.eSlip', { journalId: sale.id });
  return slip.ok && slip.value.signatureStatus === null ? { journalId: sale.id, amount: sale.amount } : null;
}

/** A phone showing a payment code, drawn: the customer knows at a glance what to do. */
function PhoneCode(): React.JSX.Element {
  // A fixed pattern (not a real code): finder squares in three corners, blocks between.
  const cells: Array<[number, number]> = [];
  for (let y = 0; y < 9; y++) for (let x = 0; x < 9; x++) if (((x * 7 + y * 11) % 5 < 2 || (x + y) % 4 === 0) && !(x < 3 && y < 3) && !(x > 5 && y < 3) && !(x < 3 && y > 5)) cells.push([x, y]);
  const finder = (x: number, y: number): React.JSX.Element => (
    <g key={`f${x}${y}`}>
      <rect x={x} y={y} width={30} height={30} fill="#0b2145" />
      <rect x={x + 5} y={y + 5} width={20} height={20} fill="#fff" />
      <rect x={x + 10} y={y + 10} width={10} height={10} fill="#0b2145" />
    </g>
  );
  return (
    <svg className="qr-illustration" viewBox="0 0 140 220" width="140" height="220" aria-hidden="true">
      <rect x="2" y="2" width="136" height="216" rx="18" fill="#0b2145" stroke="#c9d6e8" strokeWidth="3" />
      <rect x="12" y="30" width="116" height="160" rx="4" fill="#fff" />
      <g transform="translate(25 55)">
        {finder(0, 0)}
        {finder(60, 0)}
        {finder(0, 60)}
        {cells.map(([x, y]) => (
          <rect key={`${x}-${y}`} x={x * 10} y={y * 10} width={10} height={10} fill="#0b2145" />
        ))}
      </g>
      <rect x="55" y="200" width="30" height="6" rx="3" fill="#c9d6e8" />
    </svg>
  );
}

/** 客显: the amount, the pad's prompt, the signature pad, thank you. */
export function CustomerDisplay(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<CustomerDisplayState>(IDLE);
  const [progress, setProgress] = useState<PaymentProgress | null>(null);
  const [shop, setShop] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deadline, setDeadline] = useState<string | null>(null);
  const contractRef = useRef(true);
  const left = useCountdown(state.mode === 'signature' ? deadline : null);

  useEffect(() => {
    void invoke('customer.state', {}).then((r) => {
      if (r.ok) setState(r.value);
      else contractRef.current = false;
    });
    void invoke('terminal.status', {}).then((r) => r.ok && setShop(r.value.merchantName));
    const offDisplay = onSafe('customer.display', (s) => {
      setState(s);
      setError(null);
    });
    const offProgress = onSafe('payment.progress', (p) => {
      setProgress(p);
      if (contractRef.current) return;
      if (p.step === 'approved') {
        void unsignedCardSale().then((u) => u && setState({ ...IDLE, mode: 'signature', journalId: u.journalId, amount: u.amount }));
      } else setState((s) => (s.mode === 'signature' ? s : { ...IDLE, mode: 'amount', amount: p.amount }));
    });
    return () => {
      offDisplay();
      offProgress();
    };
  }, []);

  // The signature request times out: recorded as such, never a reason to undo the sale.
  useEffect(() => {
    if (state.mode !== 'signature') return;
    setDeadline(state.signatureTimeoutSeconds ? new Date(Date.now() + state.signatureTimeoutSeconds * 1000).toISOString() : null);
  }, [state.mode, state.journalId, state.signatureTimeoutSeconds]);

  const finish = async (status: 'signed' | 'refused' | 'timed-out', strokes?: Stroke[]): Promise<void> => {
    if (!state.journalId || busy) return;
    setBusy(true);
    const r = await invoke('payment.signature', { journalId: state.journalId, status, ...(strokes ? { strokes } : {}) });
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    const thanks: CustomerDisplayState = { ...IDLE, mode: 'thanks', amount: state.amount };
    setState(thanks);
    void invoke('customer.show', { mode: 'thanks', amount: state.amount });
  };

  useEffect(() => {
    if (left === 0 && state.mode === 'signature') void finish('timed-out');
  }, [left]);

  useEffect(() => {
    if (state.mode !== 'thanks') return;
    const timer = setTimeout(() => setState(IDLE), THANKS_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const padPrompt = progress && state.mode === 'amount' && ['awaiting-card', 'awaiting-pin', 'authorising', 'qr-pending'].includes(progress.step) ? t(`customer.step.${progress.step as 'awaiting-card'}`) : null;

  return (
    <main className={`customer customer-${state.mode}`} data-testid="customer-display" data-mode={state.mode}>
      <header className="customer-head">
        <span className="customer-shop">{shop ?? t('appName')}</span>
      </header>
      {state.mode === 'idle' && (
        <section className="customer-idle">
          <h1>{t('customer.welcome')}</h1>
          <p>{t('customer.welcomeSub')}</p>
        </section>
      )}
      {state.mode === 'amount' && (
        <section className="customer-amount">
          <ul className="customer-lines" data-testid="customer-lines">
            {state.lines.slice(-8).map((l, i) => (
              <li key={`${i}-${l.name}`}>
                <span>{l.name}</span>
                <span>×{l.quantity}</span>
                <span>{yuan(l.amount)}</span>
              </li>
            ))}
          </ul>
          <div className="customer-total">
            <span>{t('customer.total')}</span>
            <strong data-testid="customer-amount">{yuan(state.amount ?? 0)}</strong>
          </div>
          {padPrompt && (
            <p className="customer-prompt" data-testid="customer-prompt">
              {padPrompt}
            </p>
          )}
        </section>
      )}
      {state.mode === 'qr' && (
        <section className="customer-qr">
          <div className="customer-total">
            <span>{t('customer.total')}</span>
            <strong data-testid="customer-amount">{yuan(state.amount ?? 0)}</strong>
          </div>
          <PhoneCode />
          <p className="customer-prompt">{t('customer.showCode')}</p>
          {progress?.step === 'qr-pending' && <p className="customer-sub">{t('customer.step.qr-pending')}</p>}
        </section>
      )}
      {state.mode === 'signature' && (
        <section className="customer-signature" data-testid="customer-signature">
          <div className="signature-head">
            <span>{t('customer.signPrompt')}</span>
            <strong data-testid="customer-amount">{yuan(state.amount ?? 0)}</strong>
            {left !== null && (
              <span className="muted" data-testid="signature-countdown">
                {t('customer.secondsLeft', { seconds: left })}
              </span>
            )}
          </div>
          <SignatureCapture busy={busy} onSubmit={(s) => void finish('signed', s)} onRefuse={() => void finish('refused')} />
          {error && <p className="message message-error">{inLanguage(error, i18n.language)}</p>}
        </section>
      )}
      {state.mode === 'thanks' && (
        <section className="customer-thanks" data-testid="customer-thanks">
          <div className="thanks-mark" aria-hidden="true">
            ✓
          </div>
          <h1>{t('customer.thanks')}</h1>
          {state.amount !== null && <p>{t('customer.paid', { amount: yuan(state.amount) })}</p>}
          <p className="customer-sub">{t('customer.welcomeBack')}</p>
        </section>
      )}
    </main>
  );
}
