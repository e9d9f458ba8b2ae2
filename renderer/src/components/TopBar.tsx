import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, OperatorSession, PinpadStateView, PrinterStatusView, TerminalStatus } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { setLanguage } from '../i18n/index.js';

function Clock(): React.JSX.Element {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 10_000);
    return () => clearInterval(t);
  }, []);
  return (
    <time className="clock" data-testid="clock" dateTime={now.toISOString()}>
      {now.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false })}
    </time>
  );
}

type Tone = 'ok' | 'warn' | 'bad' | 'idle';

/** A device light: a good state is a green dot and the name (the word stays for screen readers); anything else says what it is. */
function Chip(props: { label: string; value: string; tone: Tone; testId: string; extra?: string }): React.JSX.Element {
  return (
    <span className={`chip chip-${props.tone}`} data-testid={props.testId} title={`${props.label}: ${props.value}`}>
      <span className="dot" aria-hidden="true" />
      <span className="chip-label">{props.label}</span>
      <span className={props.tone === 'ok' ? 'sr-only' : 'chip-value'}>{props.value}</span>
      {props.extra && <span className="chip-value">{props.extra}</span>}
    </span>
  );
}

export function TopBar(props: { app: AppStatus | null; terminal: TerminalStatus | null; session: OperatorSession | null; pad: PinpadStateView | null; printer: PrinterStatusView | null }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const { terminal, session, app, pad } = props;
  const termTone: Tone = !terminal ? 'idle' : terminal.signedIn ? 'ok' : terminal.step === 'failed' || terminal.step === 'retry-wait' ? 'bad' : 'warn';
  const padState = pad?.state ?? 'absent';
  const padTone: Tone = padState === 'ready' ? 'ok' : padState === 'absent' || padState === 'disconnected' || padState === 'closed' ? 'bad' : 'warn';
  const link = app?.hostLink ?? 'disconnected';
  const linkTone: Tone = link === 'connected' ? 'ok' : link === 'connecting' ? 'warn' : 'idle';
  const signedIn = session?.state === 'signed-in';
  const printer = props.printer;
  const printerTone: Tone = !printer ? 'idle' : printer.state === 'ready' || printer.state === 'printing' ? (printer.paperNearEnd ? 'warn' : 'ok') : printer.state === 'connecting' ? 'warn' : 'bad';
  return (
    <header className="topbar">
      <div className="brand">
        <h1>{t('appName')}</h1>
        {terminal?.merchantName && <span className="merchant">{terminal.merchantName}</span>}
      </div>
      <div className="chips">
        <Chip
          testId="chip-terminal"
          label={t('top.terminal')}
          tone={termTone}
          value={terminal ? t(`signInStep.${terminal.step}`) : '…'}
          extra={terminal?.signedIn && terminal.batchNo ? `${t('top.batch')} ${terminal.batchNo}` : undefined}
        />
        <Chip testId="chip-pinpad" label={t('top.pinpad')} tone={padTone} value={t(`padState.${padState}`)} />
        <Chip testId="chip-host" label={t('top.host')} tone={linkTone} value={t(`state.${link}`)} />
        <Chip testId="chip-printer" label={t('top.printer')} tone={printerTone} value={printer ? t(`printerState.${printer.state}`) : t('printerState.none')} />
      </div>
      <div className="operator-area">
        {session && session.state !== 'signed-out' && (
          <span className="operator" data-testid="current-operator" title={session.role ? t(`role.${session.role}`) : undefined}>
            {t('top.operator')} {session.operatorId}
          </span>
        )}
        {signedIn && (
          <>
            <button type="button" data-testid="lock-button" onClick={() => void invoke('operator.lock', {})}>
              {t('top.lock')}
            </button>
            <button type="button" data-testid="switch-button" onClick={() => void invoke('operator.switch', {})}>
              {t('top.switch')}
            </button>
            <button type="button" data-testid="signout-button" onClick={() => void invoke('operator.signOut', {})}>
              {t('top.signOut')}
            </button>
          </>
        )}
        <Clock />
        <button type="button" className="lang" data-testid="language-switch" onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
      </div>
    </header>
  );
}
