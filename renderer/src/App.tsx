import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TopBar } from './components/TopBar.js';
import { TrainingBanner } from './components/TrainingBanner.js';
import { useLive } from './hooks/live.js';
import { LockScreen, OperatorSignIn } from './screens/OperatorSignIn.js';
import { SetupWizard } from './screens/SetupWizard.js';
import { StartupScreen } from './screens/StartupScreen.js';
import { Workspace } from './screens/Workspace.js';

export function App(): React.JSX.Element {
  const { t } = useTranslation();
  const app = useLive('app.status');
  const terminal = useLive('terminal.status');
  const session = useLive('operator.session');
  const pad = useLive('pinpad.state');
  const printer = useLive('printer.status');
  const [skipStartup, setSkipStartup] = useState(false);
  const [setup, setSetup] = useState(false);

  const signedIn = terminal.value?.signedIn ?? false;
  useEffect(() => {
    if (signedIn) setSkipStartup(false);
  }, [signedIn]);

  // idle-lock: main locks lazily when asked, so ask now and then.
  const policy = session.value?.policy;
  const refreshSession = session.refresh;
  useEffect(() => {
    if (policy !== 'idle-lock') return;
    const timer = setInterval(refreshSession, 15_000);
    return () => clearInterval(timer);
  }, [policy, refreshSession]);

  let body: React.JSX.Element;
  if (app.error && !app.value) {
    body = (
      <section className="card connection-error" role="alert" data-testid="status-error">
        <h2>{t('boot.error')}</h2>
        <p>{app.error}</p>
      </section>
    );
  } else if (!app.value || !terminal.value || !session.value) {
    body = (
      <p className="loading" data-testid="status-loading">
        {t('boot.loading')}
      </p>
    );
  } else if (setup) {
    body = <SetupWizard onClose={() => setSetup(false)} />;
  } else if (session.value.state === 'signed-out' && !signedIn && !skipStartup) {
    body = <StartupScreen terminal={terminal.value} onContinue={() => setSkipStartup(true)} onSetup={() => setSetup(true)} />;
  } else if (session.value.state === 'signed-out') {
    body = <OperatorSignIn terminal={terminal.value} />;
  } else if (session.value.state === 'locked') {
    body = <LockScreen operatorId={session.value.operatorId} />;
  } else {
    body = <Workspace app={app.value} session={session.value} terminal={terminal.value} pad={pad.value} printer={printer.value} />;
  }

  return (
    <div className="app">
      {app.value?.training && <TrainingBanner />}
      <TopBar app={app.value} terminal={terminal.value} session={session.value} pad={pad.value} printer={printer.value} />
      <main className="app-body">{body}</main>
    </div>
  );
}
