import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, OperatorSession, PinpadStateView, PrinterStatusView, TerminalStatus } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { useHotkeys } from '../hooks/hotkeys.js';
import { DiagnosticsScreen } from './DiagnosticsScreen.js';
import { JournalScreen } from './JournalScreen.js';
import { MembersScreen } from './MembersScreen.js';
import { ProductsScreen } from './ProductsScreen.js';
import { ReportsScreen } from './ReportsScreen.js';
import { SaleScreen } from './SaleScreen.js';
import { SettlementScreen } from './SettlementScreen.js';
import { SettingsScreen } from './SettingsScreen.js';

export const TABS = ['sale', 'journal', 'settlement', 'reports', 'products', 'members', 'settings', 'diagnostics'] as const;
export type Tab = (typeof TABS)[number];

/** The terminal is not signed in while an operator works: say why, offer 手动签到. */
function TerminalBanner(props: { terminal: TerminalStatus }): React.JSX.Element | null {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const s = props.terminal;
  if (s.signedIn) return null;
  const working = s.step === 'probing-pad' || s.step === 'selecting-key' || s.step === 'contacting-host' || s.step === 'loading-keys' || s.step === 'signing-off';
  return (
    <div className="terminal-banner" role="status" data-testid="terminal-banner">
      <span>
        <strong>{t('terminalBanner.title')}</strong> {t(`signInStep.${s.step}`)}
      </span>
      {s.failure && <Message text={s.failure.message} testId="terminal-banner-reason" />}
      <Message text={error} />
      {s.step !== 'not-configured' && (
        <button
          type="button"
          data-testid="banner-signin"
          disabled={busy || working}
          onClick={async () => {
            setBusy(true);
            setError(null);
            const r = await invoke('terminal.signIn', {});
            setBusy(false);
            if (!r.ok) setError(r.message);
          }}
        >
          {busy || working ? t('startup.signingIn') : t('startup.manualSignIn')}
        </button>
      )}
    </div>
  );
}

export function Workspace(props: { app: AppStatus; session: OperatorSession; terminal: TerminalStatus; pad: PinpadStateView | null; printer: PrinterStatusView | null }): React.JSX.Element {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('sale');
  // Alt+1…8 jump between screens; Esc on any screen but the sale goes back to it.
  useHotkeys({
    ...Object.fromEntries(TABS.map((x, i) => [`Alt+${i + 1}`, () => setTab(x)])),
    ...(tab !== 'sale' ? { Escape: () => setTab('sale') } : {}),
  });
  return (
    <div className="workspace">
      <nav className="tabs" aria-label={t('nav.title')}>
        {TABS.map((x, i) => (
          <button key={x} type="button" className={tab === x ? 'active' : undefined} aria-current={tab === x ? 'page' : undefined} data-testid={`nav-${x}`} onClick={() => setTab(x)}>
            {t(`nav.${x}`)}
            <kbd className="nav-key">Alt+{i + 1}</kbd>
          </button>
        ))}
      </nav>
      <TerminalBanner terminal={props.terminal} />
      <div className="workspace-body">
        {tab === 'sale' && <SaleScreen session={props.session} terminal={props.terminal} />}
        {tab === 'journal' && <JournalScreen />}
        {tab === 'settlement' && <SettlementScreen terminal={props.terminal} session={props.session} />}
        {tab === 'reports' && <ReportsScreen session={props.session} />}
        {tab === 'products' && <ProductsScreen training={props.app.training} />}
        {tab === 'members' && <MembersScreen training={props.app.training} />}
        {tab === 'settings' && <SettingsScreen />}
        {tab === 'diagnostics' && <DiagnosticsScreen app={props.app} terminal={props.terminal} pad={props.pad} printer={props.printer} />}
      </div>
    </div>
  );
}
