import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { CheckoutTender, PaymentProgress, PaymentResult, PaymentStep } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { showCustomer, type CustomerLine } from '../customerLink.js';
import { ESlipView } from '../components/ESlipView.js';
import { Message, useBilingual } from '../components/Message.js';
import { Modal } from '../components/Modal.js';
import { Numpad, applyKey } from '../components/Numpad.js';
import { useHotkeys } from '../hooks/hotkeys.js';
import { onSafe, useCountdown } from '../hooks/live.js';
import { useScannerInput } from '../hooks/scanner.js';
import { parseYuan, yuan, yuanPlain } from '../money.js';
import type { PayOutcome, Payer } from '../sales/payer.js';

/** One tender that went through, as the dialog shows it. */
export interface PaidPart {
  kind: 'card' | 'qr' | 'cash';
  amount: number;
  result: PaymentResult;
}

type Phase =
  | { kind: 'auth' }
  | { kind: 'choose' }
  | { kind: 'card'; amount: number }
  | { kind: 'qr'; amount: number }
  | { kind: 'cash'; mixed: boolean }
  | { kind: 'stored' }
  | { kind: 'outcome'; part: PaidPart | null; error: string | null; retry: Phase }
  | { kind: 'signature'; part: PaidPart }
  | { kind: 'slip'; part: PaidPart }
  | { kind: 'done' };

/** The words for a pad / bank step, as the cashier and the cardholder should read them. */
export function stepText(step: PaymentStep, t: (k: `payStep.${PaymentStep}`) => string): string {
  return t(`payStep.${step}`);
}

/** 收款: card, QR, cash, cash + card, stored value; then the signature and the e-slip. */
export function PaymentDialog(props: {
  payer: Payer;
  perTransaction: boolean;
  customerLines: CustomerLine[];
  onDone: (outcome: PayOutcome) => void;
  onClose: (outcome: PayOutcome | null) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const bi = useBilingual();
  const total = props.payer.total;
  // The choice shows at once (a cashier types F10 3 without looking); what main knows
  // about earlier tenders of this cart arrives a moment later and updates the amounts.
  const [phase, setPhase] = useState<Phase>(props.perTransaction ? { kind: 'auth' } : { kind: 'choose' });
  const [outcome, setOutcome] = useState<PayOutcome | null>(null);
  const [password, setPassword] = useState<string | undefined>(undefined);
  const busyRef = useRef(false);
  const [busy, setBusy] = useState(false);
  const paidFen = outcome?.paidFen ?? 0;
  const remaining = outcome ? outcome.remainingFen : total;

  // A cart may already be partly paid (a restart, a closed dialog): start from what main knows.
  useEffect(() => {
    void props.payer.status().then((r) => {
      if (!r.ok) return;
      setOutcome((o) => o ?? r.value);
      if (r.value.complete) setPhase({ kind: 'done' });
    });
  }, [props.payer]);

  useEffect(() => {
    showCustomer('amount', { amount: total, lines: props.customerLines });
  }, [total, props.customerLines]);

  const run = async (tender: CheckoutTender, retry: Phase): Promise<PayOutcome | null> => {
    if (busyRef.current) return null;
    busyRef.current = true;
    setBusy(true);
    const r = await props.payer.pay(tender, password);
    busyRef.current = false;
    setBusy(false);
    if (!r.ok) {
      setPhase({ kind: 'outcome', part: null, error: r.message, retry });
      return null;
    }
    const o = r.value;
    setOutcome(o);
    const result = o.payment;
    const kind = tender.kind === 'storedValue' ? null : tender.kind;
    const part: PaidPart | null = result && kind ? { kind, amount: result.amount, result } : null;
    if (result && !result.ok) {
      setPhase({ kind: 'outcome', part, error: null, retry });
      return null;
    }
    if (part && part.kind === 'card' && result?.needsSignature) setPhase({ kind: 'signature', part });
    else if (o.complete || o.remainingFen <= 0) setPhase({ kind: 'done' });
    else setPhase({ kind: 'outcome', part, error: null, retry: { kind: 'choose' } });
    return o;
  };

  const startCard = (amount: number): void => {
    setPhase({ kind: 'card', amount });
    void run({ kind: 'card', amountFen: amount }, { kind: 'card', amount });
  };

  const close = (): void => {
    if (busyRef.current) return;
    props.onClose(outcome);
  };

  const title = `${t('pay.title')} · ${t('pay.due')} ${yuan(total)}`;
  const storedOk = props.payer.storedValueFen !== null && props.payer.storedValueFen >= remaining && remaining > 0;
  return (
    <Modal title={title} onClose={phase.kind === 'card' || phase.kind === 'qr' || phase.kind === 'signature' ? undefined : close} testId="payment-dialog" wide>
      <div className="pay-summary" hidden={phase.kind === 'slip'}>
        <div>
          <span className="muted">{t('pay.due')}</span>
          <strong className="amount-big" data-testid="pay-due">
            {yuan(total)}
          </strong>
        </div>
        {paidFen > 0 && (
          <div>
            <span className="muted">{t('pay.paid')}</span>
            <strong className="amount-mid">{yuan(paidFen)}</strong>
          </div>
        )}
        {paidFen > 0 && (
          <div>
            <span className="muted">{t('pay.remaining')}</span>
            <strong className="amount-mid" data-testid="pay-remaining">
              {yuan(Math.max(0, remaining))}
            </strong>
          </div>
        )}
      </div>
      {phase.kind === 'auth' && (
        <OperatorPasswordStep
          onOk={(pw) => {
            setPassword(pw);
            setPhase({ kind: 'choose' });
          }}
        />
      )}
      {phase.kind === 'choose' && (
        <ChooseTender
          remaining={remaining}
          mixedAllowed={paidFen === 0 && remaining > 1}
          storedValue={props.payer.storedValueFen !== null ? { allowed: storedOk, balance: props.payer.storedValueFen } : null}
          onCard={() => startCard(remaining)}
          onQr={() => setPhase({ kind: 'qr', amount: remaining })}
          onCash={() => setPhase({ kind: 'cash', mixed: false })}
          onMixed={() => setPhase({ kind: 'cash', mixed: true })}
          onStored={() => setPhase({ kind: 'stored' })}
        />
      )}
      {phase.kind === 'card' && <CardProgress amount={phase.amount} busy={busy} />}
      {phase.kind === 'qr' && (
        <QrStep
          amount={phase.amount}
          busy={busy}
          onBack={() => setPhase({ kind: 'choose' })}
          onCode={(code) => {
            void run({ kind: 'qr', amountFen: phase.amount, paymentCode: code }, { kind: 'qr', amount: phase.amount });
          }}
        />
      )}
      {phase.kind === 'cash' && (
        <CashStep
          remaining={remaining}
          mixed={phase.mixed}
          busy={busy}
          onBack={() => setPhase({ kind: 'choose' })}
          onPay={async (amount, tendered) => {
            const o = await run({ kind: 'cash', amountFen: amount, tenderedFen: tendered }, { kind: 'cash', mixed: phase.mixed });
            // 组合支付: the cash part is in; the rest goes on the card straight away.
            if (o && phase.mixed && o.remainingFen > 0) startCard(o.remainingFen);
          }}
        />
      )}
      {phase.kind === 'stored' && (
        <StoredValueStep
          amount={remaining}
          balance={props.payer.storedValueFen ?? 0}
          busy={busy}
          onBack={() => setPhase({ kind: 'choose' })}
          onPay={(memberPassword) => void run({ kind: 'storedValue', amountFen: remaining, password: memberPassword }, { kind: 'stored' })}
        />
      )}
      {phase.kind === 'signature' && <SignatureWait part={phase.part} onDone={() => setPhase({ kind: 'slip', part: phase.part })} />}
      {phase.kind === 'slip' && <SlipStep part={phase.part} remaining={remaining} onNext={() => (remaining > 0 ? setPhase({ kind: 'choose' }) : setPhase({ kind: 'done' }))} />}
      {phase.kind === 'outcome' && (
        <Outcome
          part={phase.part}
          error={phase.error}
          remaining={remaining}
          bi={bi}
          onRetry={() => {
            const r = phase.retry;
            if (r.kind === 'card') startCard(r.amount);
            else setPhase(r);
          }}
          onOther={() => setPhase({ kind: 'choose' })}
          onNext={() => (remaining > 0 ? setPhase({ kind: 'choose' }) : setPhase({ kind: 'done' }))}
          onClose={close}
        />
      )}
      {phase.kind === 'done' && outcome && <Done outcome={outcome} onFinish={() => props.onDone(outcome)} />}
    </Modal>
  );
}

function OperatorPasswordStep(props: { onOk: (password: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [pw, setPw] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    const r = await invoke('operator.authorizeTransaction', { password: pw });
    if (r.ok) props.onOk(pw);
    else {
      setError(r.message);
      setPw('');
    }
  };
  return (
    <form
      className="pay-step"
      data-testid="pay-auth"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="lead">{t('pay.perTransaction')}</p>
      <label className="field-big">
        {t('signIn.password')}
        <input data-testid="pay-operator-password" data-autofocus type="password" inputMode="numeric" maxLength={12} value={pw} onChange={(e) => setPw(e.target.value.replace(/\D/g, ''))} />
      </label>
      <Message text={error} />
      <Numpad onKey={(k) => setPw((v) => applyKey(v, k))} onEnter={() => void submit()} />
    </form>
  );
}

function ChooseTender(props: {
  remaining: number;
  mixedAllowed: boolean;
  storedValue: { allowed: boolean; balance: number } | null;
  onCard: () => void;
  onQr: () => void;
  onCash: () => void;
  onMixed: () => void;
  onStored: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  useHotkeys({ '1': props.onCard, '2': props.onQr, '3': props.onCash, ...(props.mixedAllowed ? { '4': props.onMixed } : {}), ...(props.storedValue?.allowed ? { '5': props.onStored } : {}) });
  return (
    <div className={`tender-grid${props.storedValue ? ' five' : ''}`} data-testid="tender-choice">
      <button type="button" className="tender tender-card" data-testid="tender-card" data-autofocus onClick={props.onCard}>
        <kbd>1</kbd>
        <span className="tender-name">{t('tender.card')}</span>
        <span className="tender-hint">{t('tender.cardHint')}</span>
      </button>
      <button type="button" className="tender tender-qr" data-testid="tender-qr" onClick={props.onQr}>
        <kbd>2</kbd>
        <span className="tender-name">{t('tender.qr')}</span>
        <span className="tender-hint">{t('tender.qrHint')}</span>
      </button>
      <button type="button" className="tender tender-cash" data-testid="tender-cash" onClick={props.onCash}>
        <kbd>3</kbd>
        <span className="tender-name">{t('tender.cash')}</span>
        <span className="tender-hint">{t('tender.cashHint')}</span>
      </button>
      <button type="button" className="tender tender-mixed" data-testid="tender-mixed" disabled={!props.mixedAllowed} onClick={props.onMixed}>
        <kbd>4</kbd>
        <span className="tender-name">{t('tender.mixed')}</span>
        <span className="tender-hint">{t('tender.mixedHint')}</span>
      </button>
      {props.storedValue && (
        <button type="button" className="tender tender-stored" data-testid="tender-stored" disabled={!props.storedValue.allowed} onClick={props.onStored}>
          <kbd>5</kbd>
          <span className="tender-name">{t('tender.storedValue')}</span>
          <span className="tender-hint">{t('tender.storedHint', { balance: yuan(props.storedValue.balance) })}</span>
        </button>
      )}
    </div>
  );
}

/** 储值: the member's payment password (six digits), typed by the member. */
function StoredValueStep(props: { amount: number; balance: number; busy: boolean; onBack: () => void; onPay: (password: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [pw, setPw] = useState('');
  useHotkeys({ Escape: () => void (props.busy || props.onBack()) });
  const submit = (): void => {
    if (/^\d{6}$/.test(pw) && !props.busy) props.onPay(pw);
  };
  return (
    <form
      className="pay-step"
      data-testid="stored-step"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="lead">{t('pay.storedPay', { amount: yuan(props.amount), balance: yuan(props.balance) })}</p>
      <label className="field-big">
        {t('pay.memberPassword')}
        <input data-testid="stored-password" data-autofocus autoFocus type="password" inputMode="numeric" maxLength={6} autoComplete="off" value={pw} onChange={(e) => setPw(e.target.value.replace(/\D/g, ''))} />
      </label>
      <Numpad onKey={(k) => setPw((v) => applyKey(v, k, 6))} />
      <div className="actions">
        <button type="button" data-testid="pay-back" onClick={props.onBack} disabled={props.busy}>
          <kbd>Esc</kbd> {t('common.back')}
        </button>
        <button type="submit" className="primary big" data-testid="stored-submit" disabled={props.busy || pw.length !== 6}>
          {props.busy ? t('common.working') : t('pay.storedConfirm')}
        </button>
      </div>
    </form>
  );
}

/** The PIN pad's state live, from payment.progress; Esc / the button cancels on the pad. */
function CardProgress(props: { amount: number; busy: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<PaymentProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  // Each step is drawn as it comes: the pad can pass card → PIN → bank in milliseconds.
  useEffect(() => onSafe('payment.progress', (p) => flushSync(() => setProgress(p))), []);
  const cancel = (): void => {
    setCancelling(true);
    void invoke('payment.cancel', {});
  };
  useHotkeys({ Escape: cancel });
  const step = progress?.step ?? 'checking';
  return (
    <div className="pay-step pay-card" data-testid="card-progress" data-step={step}>
      <div className={`pad-illustration pad-${step}`} aria-hidden="true">
        💳
      </div>
      <p className="pay-prompt" data-testid="card-prompt">
        {stepText(step, t)}
      </p>
      <p className="muted">{t('pay.cardAmount', { amount: yuan(props.amount) })}</p>
      <div className="actions">
        <button type="button" className="big danger" data-testid="card-cancel" disabled={!props.busy || cancelling || step === 'authorising'} onClick={cancel}>
          {cancelling ? t('common.working') : t('pay.cancelOnPad')}
        </button>
      </div>
    </div>
  );
}

function QrStep(props: { amount: number; busy: boolean; onBack: () => void; onCode: (code: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [progress, setProgress] = useState<PaymentProgress | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => onSafe('payment.progress', (p) => flushSync(() => setProgress(p))), []);
  useEffect(() => showCustomer('qr', { amount: props.amount }), [props.amount]);
  useEffect(() => {
    if (!props.busy) ref.current?.focus();
  }, [props.busy]);
  const left = useCountdown(props.busy && progress?.step === 'qr-pending' ? progress.deadline : null);
  // Esc goes back to the choice of tender; while the bank is asked, nothing closes.
  useHotkeys({ Escape: () => void (props.busy || props.onBack()) });
  // The customer's code from a serial scanner charges straight away.
  useScannerInput((c) => {
    const digits = c.replace(/\D/g, '');
    setCode(digits);
    if (/^\d{18,19}$/.test(digits)) props.onCode(digits);
    else setHint(t('pay.qrInvalid'));
  }, !props.busy);
  return (
    <form
      className="pay-step pay-qr"
      data-testid="qr-step"
      onSubmit={(e) => {
        e.preventDefault();
        const c = code.trim();
        if (!/^\d{18,19}$/.test(c)) {
          setHint(t('pay.qrInvalid'));
          return;
        }
        setHint(null);
        props.onCode(c);
      }}
    >
      <p className="lead">{t('pay.qrScan', { amount: yuan(props.amount) })}</p>
      <label className="field-big">
        {t('pay.paymentCode')}
        <input ref={ref} data-testid="qr-code" data-autofocus inputMode="numeric" autoComplete="off" maxLength={19} disabled={props.busy} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
      </label>
      {hint && <p className="message message-error">{hint}</p>}
      {props.busy && (
        <div className="qr-pending" data-testid="qr-pending" data-step={progress?.step ?? 'checking'}>
          <p className="pay-prompt">{progress ? stepText(progress.step, t) : t('payStep.authorising')}</p>
          {left !== null && (
            <p className="countdown" data-testid="qr-countdown">
              {t('pay.qrCountdown', { seconds: left })}
            </p>
          )}
        </div>
      )}
      <div className="actions">
        <button type="button" data-testid="pay-back" onClick={props.onBack} disabled={props.busy}>
          <kbd>Esc</kbd> {t('common.back')}
        </button>
        <button type="submit" className="primary big" data-testid="qr-submit" disabled={props.busy}>
          {t('pay.qrCharge')}
        </button>
      </div>
    </form>
  );
}

function nextNotes(due: number): number[] {
  const out = new Set<number>();
  for (const step of [1000, 2000, 5000, 10_000]) {
    const v = Math.ceil(due / step) * step;
    if (v > due) out.add(v);
  }
  return [...out].sort((a, b) => a - b).slice(0, 3);
}

function CashStep(props: { remaining: number; mixed: boolean; busy: boolean; onBack: () => void; onPay: (amount: number, tendered: number) => Promise<void> }): React.JSX.Element {
  const { t } = useTranslation();
  const [partText, setPartText] = useState('');
  const [tenderedText, setTenderedText] = useState(props.mixed ? '' : yuanPlain(props.remaining));
  const [field, setField] = useState<'part' | 'tendered'>(props.mixed ? 'part' : 'tendered');
  const [hint, setHint] = useState<string | null>(null);
  const partRef = useRef<HTMLInputElement>(null);
  const tenderedRef = useRef<HTMLInputElement>(null);
  const part = props.mixed ? parseYuan(partText) : props.remaining;
  const tendered = parseYuan(tenderedText);
  const change = part !== null && tendered !== null ? tendered - part : null;
  const notes = useMemo(() => nextNotes(part ?? props.remaining), [part, props.remaining]);
  useHotkeys({ Escape: () => void (props.busy || props.onBack()) });
  useEffect(() => {
    (props.mixed ? partRef : tenderedRef).current?.select();
  }, [props.mixed]);
  const submit = (): void => {
    if (props.busy) return;
    if (part === null || part <= 0 || part > props.remaining || (props.mixed && part >= props.remaining)) {
      setHint(props.mixed ? t('pay.mixedPartInvalid', { max: yuan(props.remaining) }) : t('pay.amountInvalid'));
      partRef.current?.focus();
      return;
    }
    if (props.mixed && field === 'part' && !tenderedText) {
      setTenderedText(partText);
      setField('tendered');
      tenderedRef.current?.focus();
      return;
    }
    if (tendered === null || tendered < part) {
      setHint(t('pay.cashShort', { amount: yuan(part) }));
      tenderedRef.current?.focus();
      return;
    }
    setHint(null);
    void props.onPay(part, tendered);
  };
  const onPad = (k: string): void => {
    if (field === 'part') setPartText((v) => applyKey(v, k));
    else setTenderedText((v) => applyKey(v, k));
  };
  return (
    <form
      className="pay-step pay-cash"
      data-testid="cash-step"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="cash-fields">
        {props.mixed && (
          <label className="field-big">
            {t('pay.cashPart')}
            <input ref={partRef} data-testid="cash-part" data-autofocus inputMode="decimal" autoComplete="off" value={partText} onFocus={() => setField('part')} onChange={(e) => setPartText(e.target.value.replace(/[^\d.]/g, ''))} />
          </label>
        )}
        <label className="field-big">
          {t('pay.tendered')}
          <input ref={tenderedRef} data-testid="cash-tendered" {...(props.mixed ? {} : { 'data-autofocus': true })} inputMode="decimal" autoComplete="off" value={tenderedText} onFocus={() => setField('tendered')} onChange={(e) => setTenderedText(e.target.value.replace(/[^\d.]/g, ''))} />
        </label>
        <div className="change-box">
          <span className="muted">{t('pay.change')}</span>
          <strong className="amount-big" data-testid="cash-change">
            {change !== null && change >= 0 ? yuan(change) : '—'}
          </strong>
          {props.mixed && part !== null && part > 0 && part < props.remaining && <span className="muted">{t('pay.restByCard', { amount: yuan(props.remaining - part) })}</span>}
        </div>
      </div>
      <div className="quick-notes">
        {!props.mixed && (
          <button type="button" onClick={() => setTenderedText(yuanPlain(props.remaining))}>
            {t('pay.exact')}
          </button>
        )}
        {notes.map((n) => (
          <button key={n} type="button" onClick={() => setTenderedText(yuanPlain(n))}>
            {yuan(n)}
          </button>
        ))}
      </div>
      {hint && <p className="message message-error">{hint}</p>}
      <Numpad dot onKey={onPad} />
      <div className="actions">
        <button type="button" data-testid="pay-back" onClick={props.onBack} disabled={props.busy}>
          <kbd>Esc</kbd> {t('common.back')}
        </button>
        <button type="submit" className="primary big" data-testid="cash-submit" disabled={props.busy}>
          {props.busy ? t('common.working') : t('pay.cashConfirm')}
        </button>
      </div>
    </form>
  );
}

/**
 * 电子签名: the customer display shows the pad; this waits until the signature (or a
 * refusal, or the time-out) is in the journal.
 */
function SignatureWait(props: { part: PaidPart; onDone: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const doneRef = useRef(false);
  const journalId = props.part.result.journalId;
  useEffect(() => {
    showCustomer('signature', { amount: props.part.amount, journalId });
    const check = async (): Promise<void> => {
      const r = await invoke('payment.eSlip', { journalId });
      if (r.ok && r.value.signatureStatus && !doneRef.current) {
        doneRef.current = true;
        props.onDone();
      }
    };
    const off = onSafe('customer.display', (s) => {
      if (s.mode !== 'signature') void check();
    });
    const timer = setInterval(() => void check(), 1000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [journalId]);
  const refuse = async (): Promise<void> => {
    const r = await invoke('payment.signature', { journalId, status: 'refused' });
    if (!r.ok) setError(r.message);
    else {
      showCustomer('thanks', { amount: props.part.amount });
      if (!doneRef.current) {
        doneRef.current = true;
        props.onDone();
      }
    }
  };
  return (
    <div className="pay-step" data-testid="signature-wait">
      <p className="approved-banner">{t('pay.approved')}</p>
      <p className="pay-prompt">{t('pay.waitSignature')}</p>
      <p className="muted">{t('pay.waitSignatureHint')}</p>
      <Message text={error} />
      <div className="actions">
        <button type="button" data-testid="signature-refused" onClick={() => void refuse()}>
          {t('pay.signatureRefused')}
        </button>
        <button type="button" onClick={() => showCustomer('signature', { amount: props.part.amount, journalId })}>
          {t('pay.signatureAgain')}
        </button>
      </div>
    </div>
  );
}

function SlipStep(props: { part: PaidPart; remaining: number; onNext: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  useHotkeys({ Enter: props.onNext });
  return (
    <div className="pay-step slip-step" data-testid="slip-step">
      <ESlipView journalId={props.part.result.journalId} />
      <div className="slip-side">
        <p className="approved-banner">{t('pay.approved')}</p>
        <p className="muted">{t('pay.slipHint')}</p>
        <button type="button" className="primary big" data-testid="slip-continue" data-autofocus onClick={props.onNext}>
          {props.remaining > 0 ? t('pay.continueRest', { amount: yuan(props.remaining) }) : t('pay.finish')} ⏎
        </button>
      </div>
    </div>
  );
}

function Outcome(props: { part: PaidPart | null; error: string | null; remaining: number; bi: (s: string) => string; onRetry: () => void; onOther: () => void; onNext: () => void; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const r = props.part?.result ?? null;
  const approved = !!r?.ok;
  useHotkeys(approved ? { Enter: props.onNext } : { Enter: props.onRetry, '2': props.onOther });
  return (
    <div className={`pay-step outcome ${approved ? 'outcome-ok' : 'outcome-bad'}`} data-testid="pay-outcome" data-approved={approved ? 'yes' : 'no'}>
      <p className={approved ? 'approved-banner' : 'declined-banner'} data-testid="pay-outcome-title">
        {approved ? t('pay.approved') : r && (r.status === 'reversal-pending' || r.status === 'reversed') ? t('pay.unknown') : t('pay.declined')}
      </p>
      {r && r.message && (
        <p className="bank-message" data-testid="pay-bank-message">
          {props.bi(r.message)}
        </p>
      )}
      {props.error && <Message text={props.error} testId="pay-error" />}
      {r && (
        <dl className="status-grid compact">
          <dt>{t('pay.amount')}</dt>
          <dd>{yuan(r.amount)}</dd>
          {props.part?.kind === 'cash' && r.change !== undefined && (
            <>
              <dt>{t('pay.change')}</dt>
              <dd className="amount-big" data-testid="pay-change">
                {yuan(r.change)}
              </dd>
            </>
          )}
          {r.maskedPan && (
            <>
              <dt>{t('slip.card')}</dt>
              <dd>{r.maskedPan}</dd>
            </>
          )}
          {r.stan && (
            <>
              <dt>{t('slip.stan')}</dt>
              <dd data-testid="pay-stan">{r.stan}</dd>
            </>
          )}
          {r.responseCode && (
            <>
              <dt>{t('journal.responseCode')}</dt>
              <dd>{r.responseCode}</dd>
            </>
          )}
          {r.authCode && (
            <>
              <dt>{t('slip.authCode')}</dt>
              <dd>{r.authCode}</dd>
            </>
          )}
        </dl>
      )}
      <div className="actions">
        {approved ? (
          <button type="button" className="primary big" data-testid="pay-next" data-autofocus onClick={props.onNext}>
            {props.remaining > 0 ? t('pay.continueRest', { amount: yuan(props.remaining) }) : t('pay.finish')} ⏎
          </button>
        ) : (
          <>
            <button type="button" className="big" onClick={props.onClose} data-testid="pay-close">
              {t('common.close')}
            </button>
            <button type="button" className="big" data-testid="pay-other" onClick={props.onOther}>
              <kbd>2</kbd> {t('pay.otherTender')}
            </button>
            <button type="button" className="primary big" data-testid="pay-retry" data-autofocus onClick={props.onRetry}>
              {t('pay.retry')} ⏎
            </button>
          </>
        )}
      </div>
    </div>
  );
}

function Done(props: { outcome: PayOutcome; onFinish: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  useHotkeys({ Enter: props.onFinish });
  const o = props.outcome;
  return (
    <div className="pay-step outcome outcome-ok" data-testid="pay-done">
      <p className="approved-banner">{t('pay.complete')}</p>
      {o.saleNo && (
        <p className="muted" data-testid="pay-sale-no">
          {t('pay.saleNo', { no: o.saleNo })}
        </p>
      )}
      <ul className="tender-list">
        {o.paid.map((p, i) => (
          <li key={`${p.journalId ?? 'sv'}-${i}`}>
            <span>{t(`tender.${p.kind}`)}</span>
            <span>{yuan(p.amountFen)}</span>
          </li>
        ))}
      </ul>
      {o.changeFen > 0 && (
        <p className="change-line">
          {t('pay.change')} <strong className="amount-big">{yuan(o.changeFen)}</strong>
        </p>
      )}
      <button type="button" className="primary big" data-testid="pay-finish" data-autofocus onClick={props.onFinish}>
        {t('pay.finish')} ⏎
      </button>
    </div>
  );
}
