import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../../electron/contract.js';
import { invoke, on } from '../api.js';

/** Shows app.status live: what the main side reports, as it changes. */
export function BootScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void invoke('app.status', {}).then((r) => {
      if (!live) return;
      if (r.ok) setStatus(r.value);
      else setError(r.message);
    });
    const off = on('app.status', (s) => setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, []);

  if (error) return <p role="alert" data-testid="status-error">{t('boot.error')}: {error}</p>;
  if (!status) return <p data-testid="status-loading">{t('boot.loading')}</p>;
  return (
    <section aria-labelledby="boot-title" className="card">
      <h2 id="boot-title">{t('boot.title')}</h2>
      <dl className="status-grid">
        <dt>{t('boot.version')}</dt>
        <dd data-testid="status-version">{status.version}</dd>
        <dt>{t('boot.database')}</dt>
        <dd data-testid="status-db">{status.dbPath}</dd>
        <dt>{t('boot.schema')}</dt>
        <dd data-testid="status-schema">{status.schemaVersion}</dd>
        <dt>{t('boot.startedAt')}</dt>
        <dd>{new Date(status.startedAt).toLocaleString()}</dd>
        <dt>{t('boot.pinpad')}</dt>
        <dd data-testid="status-pinpad">{t(`state.${status.devices.pinpad}`)}</dd>
        <dt>{t('boot.printer')}</dt>
        <dd>{t(`state.${status.devices.printer}`)}</dd>
        <dt>{t('boot.hostLink')}</dt>
        <dd data-testid="status-host">{t(`state.${status.hostLink}`)}</dd>
      </dl>
      {status.training && <p className="training-banner" data-testid="training-banner">{t('training')}</p>}
    </section>
  );
}
