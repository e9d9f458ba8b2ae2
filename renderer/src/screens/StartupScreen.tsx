import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInStep, TerminalStatus } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { useCountdown } from '../hooks/live.js';

const STEPS: SignInStep[] = ['probing-pad', 'selecting-key', 'contacting-host', 'loading-keys', 'signed-in'];

function stepState(current: SignInStep, step: SignInStep, failedAt: SignInStep | null): 'done' | 'active' | 'failed' | 'todo' {
  if (current === 'signed-in') return 'done';
  const at = STEPS.indexOf(failedAt ?? current);
  const i = STEPS.indexOf(step);
  if (failedAt) return i < at ? 'done' : i === at ? 'failed' : 'todo';
  if (at < 0) return 'todo';
  return i < at ? 'done' : i === at ? 'active' : 'todo';
}

/** Which step a failure code belongs to, so the list can show where it stopped. */
function failedStep(s: TerminalStatus): SignInStep | null {
  if (s.step !== 'failed' && s.step !== 'retry-wait') return null;
  const code = s.failure?.code ?? '';
  if (/PINPAD|PAD/.test(code)) return 'probing-pad';
  if (/KCV|KEY/.test(code)) return 'loading-keys';
  return 'contacting-host';
}

/** The automatic terminal sign-in (签到) live, and what to do when it fails. */
export function StartupScreen(props: { terminal: TerminalStatus; onContinue: () => void; onSetup: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const s = props.terminal;
  const [manualError, setManualError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const left = useCountdown(s.step === 'retry-wait' ? s.nextRetryAt : null);
  const failedAt = failedStep(s);
  const manual = async (): Promise<void> => {
    setBusy(true);
    setManualError(null);
    const r = await invoke('terminal.signIn', {});
    setBusy(false);
    if (!r.ok) setManualError(r.message);
  };
  return (
    <section className="startup card" aria-labelledby="startup-title" data-testid="startup-screen">
      <h2 id="startup-title">{t('startup.title')}</h2>
      {s.step === 'not-configured' ? (
        <div className="startup-unconfigured">
          <p className="lead">{t('startup.notConfigured')}</p>
          <button type="button" className="primary big" data-testid="open-setup" onClick={props.onSetup}>
            {t('startup.openSetup')}
          </button>
        </div>
      ) : (
        <ol className="steps" data-testid="signin-steps">
          {STEPS.map((step) => {
            const st = stepState(s.step, step, failedAt);
            return (
              <li key={step} className={`step step-${st}`} data-testid={`step-${step}`} data-state={st}>
                <span className="step-mark" aria-hidden="true">
                  {st === 'done' ? '✓' : st === 'failed' ? '✕' : st === 'active' ? '…' : '·'}
                </span>
                <span>{t(`startup.step.${step}`)}</span>
                {step === 'probing-pad' && s.pad && st === 'done' && <span className="step-detail">{s.pad.model ?? s.pad.protocol}</span>}
                {step === 'loading-keys' && st === 'done' && <span className="step-detail">{s.keys.join(' ')}</span>}
                {step === 'signed-in' && st === 'done' && <span className="step-detail">{t('top.batch')} {s.batchNo}</span>}
              </li>
            );
          })}
        </ol>
      )}
      {s.failure && (s.step === 'failed' || s.step === 'retry-wait') && (
        <div className="failure" data-testid="signin-failure">
          <h3>{t('startup.failed')}</h3>
          <Message text={s.failure.message} testId="signin-failure-reason" />
          {s.step === 'retry-wait' && left !== null && (
            <p className="muted" data-testid="retry-countdown">
              {t('startup.retryIn', { seconds: left, attempts: s.attempts })}
            </p>
          )}
        </div>
      )}
      <Message text={manualError} testId="manual-signin-error" />
      <div className="actions">
        {s.step !== 'not-configured' && !s.signedIn && (
          <button type="button" className="primary big" data-testid="manual-signin" disabled={busy || s.step === 'contacting-host' || s.step === 'loading-keys'} onClick={() => void manual()}>
            {busy ? t('startup.signingIn') : t('startup.manualSignIn')}
          </button>
        )}
        <button type="button" className="big" data-testid="startup-continue" onClick={props.onContinue}>
          {s.signedIn ? t('startup.continue') : t('startup.continueOffline')}
        </button>
      </div>
    </section>
  );
}
