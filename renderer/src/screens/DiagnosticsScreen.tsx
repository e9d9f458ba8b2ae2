import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, AuditEntryView, AuditVerification, HostFrameView, PinpadStateView, PrinterStatusView, TerminalStatus } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { PrinterPanel } from './PrinterPanels.js';

type Drill = 'host-down' | 'host-up' | 'pad-unplug' | 'pad-replug';

/** 故障诊断: devices, the bank link, the audit chain, the last host frames, training drills. */
export function DiagnosticsScreen(props: { app: AppStatus; terminal: TerminalStatus; pad: PinpadStateView | null; printer: PrinterStatusView | null }): React.JSX.Element {
  const { t } = useTranslation();
  const { app, terminal, pad } = props;
  const [audit, setAudit] = useState<AuditVerification | null>(null);
  const [recent, setRecent] = useState<AuditEntryView[]>([]);
  const [frames, setFrames] = useState<HostFrameView[] | null>(null);
  const [framesError, setFramesError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const loadFrames = useCallback(async () => {
    const r = await invoke('diagnostics.hostFrames', {});
    if (r.ok) {
      setFrames(r.value);
      setFramesError(null);
    } else setFramesError(r.message);
  }, []);
  useEffect(() => {
    void invoke('audit.recent', { limit: 15 }).then((r) => r.ok && setRecent(r.value));
    void loadFrames();
  }, [loadFrames]);

  const act = async (fn: () => Promise<{ ok: boolean; message?: string }>, okText: string): Promise<void> => {
    setBusy(true);
    const r = await fn();
    setBusy(false);
    setMessage(r.ok ? { text: okText, ok: true } : { text: r.message ?? '', ok: false });
  };
  const drill = (action: Drill): void => void act(() => invoke('training.drill', { action }), t(`diagnostics.drillDone.${action}`));

  return (
    <section className="diagnostics" data-testid="diagnostics-screen">
      <div className="diag-grid">
        <div className="card">
          <h3>{t('boot.title')}</h3>
          <dl className="status-grid">
            <dt>{t('boot.version')}</dt>
            <dd data-testid="status-version">{app.version}</dd>
            <dt>{t('boot.database')}</dt>
            <dd data-testid="status-db" className="mono path">
              {app.dbPath}
            </dd>
            <dt>{t('boot.schema')}</dt>
            <dd data-testid="status-schema">{app.schemaVersion}</dd>
            <dt>{t('boot.startedAt')}</dt>
            <dd data-testid="status-started">{new Date(app.startedAt).toLocaleString('zh-CN', { hour12: false })}</dd>
            <dt>{t('boot.pinpad')}</dt>
            <dd data-testid="status-pinpad">
              {t(`padState.${pad?.state ?? 'absent'}`)}
              {pad?.message ? ` — ${pad.message}` : ''}
            </dd>
            <dt>{t('boot.printer')}</dt>
            <dd>{t(`state.${app.devices.printer}`)}</dd>
            <dt>{t('boot.hostLink')}</dt>
            <dd data-testid="status-host">{t(`state.${app.hostLink}`)}</dd>
          </dl>
        </div>
        <div className="card">
          <h3>{t('diagnostics.terminal')}</h3>
          <dl className="status-grid">
            <dt>{t('top.terminal')}</dt>
            <dd data-testid="diag-terminal-step">{t(`signInStep.${terminal.step}`)}</dd>
            <dt>{t('top.batch')}</dt>
            <dd>{terminal.batchNo ?? '—'}</dd>
            <dt>{t('signIn.keys')}</dt>
            <dd>{terminal.keys.join(' · ') || '—'}</dd>
            <dt>{t('diagnostics.padModel')}</dt>
            <dd>{terminal.pad ? `${terminal.pad.model ?? ''} ${terminal.pad.protocol} ${terminal.pad.serial ?? ''}` : '—'}</dd>
            <dt>{t('diagnostics.clockDrift')}</dt>
            <dd data-testid="diag-drift">{terminal.clockDriftSeconds === null ? '—' : t('diagnostics.seconds', { n: terminal.clockDriftSeconds })}</dd>
            <dt>{t('diagnostics.attempts')}</dt>
            <dd>{terminal.attempts}</dd>
          </dl>
          {terminal.failure && <Message text={terminal.failure.message} />}
          <div className="actions">
            <button type="button" data-testid="diag-signin" disabled={busy} onClick={() => void act(() => invoke('terminal.signIn', {}), t('diagnostics.signedIn'))}>
              {t('startup.manualSignIn')}
            </button>
            <button type="button" data-testid="diag-reset" disabled={busy} onClick={() => void act(() => invoke('device.reset', {}), t('diagnostics.resetDone'))}>
              {t('diagnostics.reset')}
            </button>
          </div>
        </div>
        <div className="card">
          <h3>{t('diagnostics.audit')}</h3>
          <div className="actions">
            <button type="button" data-testid="audit-verify" onClick={() => void invoke('audit.verify', {}).then((r) => r.ok && setAudit(r.value))}>
              {t('diagnostics.verifyAudit')}
            </button>
          </div>
          {audit && (
            <p className={audit.ok ? 'message message-ok' : 'message message-error'} data-testid="audit-result">
              {audit.ok ? t('diagnostics.auditOk', { n: audit.entries }) : t('diagnostics.auditBroken', { at: audit.brokenAt ?? '?' })}
            </p>
          )}
          <ul className="audit-list">
            {recent.map((e) => (
              <li key={e.seq}>
                <span className="mono">#{e.seq}</span> <span>{e.actor}</span> <span className="mono">{e.action}</span> <span className={e.outcome === 'ok' ? 'status status-approved' : 'status status-declined'}>{e.outcome}</span>
              </li>
            ))}
          </ul>
        </div>
        <PrinterPanel printer={props.printer} />
        {app.training && (
          <div className="card training-card" data-testid="training-drills">
            <h3>{t('diagnostics.drills')}</h3>
            <p className="muted">{t('diagnostics.drillsHint')}</p>
            <div className="actions wrap">
              {(['host-down', 'host-up', 'pad-unplug', 'pad-replug'] as const).map((a) => (
                <button key={a} type="button" data-testid={`drill-${a}`} disabled={busy} onClick={() => drill(a)}>
                  {t(`diagnostics.drill.${a}`)}
                </button>
              ))}
            </div>
          </div>
        )}
      </div>
      {message && <Message text={message.text} kind={message.ok ? 'ok' : 'error'} testId="diag-message" />}
      <div className="card">
        <h3>
          {t('diagnostics.hostFrames')}{' '}
          <button type="button" onClick={() => void loadFrames()}>
            {t('common.refresh')}
          </button>
        </h3>
        <Message text={framesError} kind="warn" />
        {frames && frames.length === 0 && <p className="muted">{t('diagnostics.noFrames')}</p>}
        {frames && frames.length > 0 && (
          <div className="table-scroll short">
            <table className="data-table" data-testid="host-frames">
              <thead>
                <tr>
                  <th>{t('journal.time')}</th>
                  <th>{t('diagnostics.direction')}</th>
                  <th>MTI</th>
                  <th className="num">{t('diagnostics.bytes')}</th>
                  <th>{t('diagnostics.fields')}</th>
                </tr>
              </thead>
              <tbody>
                {frames
                  .slice()
                  .reverse()
                  .map((f, i) => (
                    <tr key={`${f.at}-${i}`}>
                      <td className="mono">{new Date(f.at).toLocaleTimeString('zh-CN', { hour12: false })}</td>
                      <td>{f.direction === 'sent' ? '→' : '←'}</td>
                      <td className="mono">{f.mti ?? ''}</td>
                      <td className="num">{f.bytes}</td>
                      <td className="mono small">{f.error ?? Object.entries(f.fields ?? {}).map(([k, v]) => `${k}=${v}`).join(' ')}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
