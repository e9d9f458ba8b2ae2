import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterSettings, PrinterStatusView, PrintJobView, ScannerStatusView } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { PrintStatus, deviceText, type PrintOutcome } from '../components/PrintStatus.js';
import { SupervisorDialog } from '../components/SupervisorDialog.js';
import { onSafe } from '../hooks/live.js';

/** 小票打印机 and 扫码枪 in diagnostics: state, paper, the job queue, a test page. */
export function PrinterPanel(props: { printer: PrinterStatusView | null }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const p = props.printer;
  const [jobs, setJobs] = useState<PrintJobView[]>([]);
  const [scanner, setScanner] = useState<ScannerStatusView | null>(null);
  const [test, setTest] = useState<PrintOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const [j, s] = await Promise.all([invoke('printer.jobs', {}), invoke('scanner.status', {})]);
    if (j.ok) setJobs(j.value);
    if (s.ok) setScanner(s.value);
  }, []);
  useEffect(() => {
    void load();
    return onSafe('printer.job', () => void load());
  }, [load]);
  const act = async (r: Promise<{ ok: boolean; message?: string }>): Promise<void> => {
    const x = await r;
    setError(x.ok ? null : (x.message ?? null));
    await load();
  };
  return (
    <div className="card" data-testid="printer-panel">
      <h3>{t('devices.title')}</h3>
      <dl className="status-grid">
        <dt>{t('boot.printer')}</dt>
        <dd data-testid="printer-state">
          {p ? `${p.name} · ${t(`printerState.${p.state}`)}` : t('printerState.none')}
          {p?.message ? ` — ${deviceText(p.message, i18n.language)}` : ''}
        </dd>
        {p && (
          <>
            <dt>{t('devices.paper')}</dt>
            <dd>
              {p.paperWidth} mm{p.paperNearEnd ? ` · ${t('devices.paperNearEnd')}` : ''}
            </dd>
            <dt>{t('devices.queue')}</dt>
            <dd>{t('devices.queueCounts', { queued: p.queued, failed: p.failed })}</dd>
          </>
        )}
        <dt>{t('devices.scanner')}</dt>
        <dd data-testid="scanner-state">{scanner ? `${scanner.name} · ${t(`scannerState.${scanner.state}`)}` : t('devices.keyboardScanner')}</dd>
      </dl>
      <Message text={error} />
      {jobs.filter((j) => j.state !== 'printed').length > 0 && (
        <ul className="job-list" data-testid="print-jobs">
          {jobs
            .filter((j) => j.state !== 'printed')
            .map((j) => (
              <li key={j.id}>
                <span>{j.title}</span>
                <span className={`status status-${j.state === 'failed' ? 'declined' : 'pending'}`}>{t(`jobState.${j.state}`)}</span>
                {j.error && <span className="muted small">{deviceText(j.error, i18n.language)}</span>}
                {j.state === 'failed' && (
                  <>
                    <button type="button" onClick={() => void act(invoke('printer.retry', { jobId: j.id }))}>
                      {t('print.retry')}
                    </button>
                    <button type="button" onClick={() => void act(invoke('printer.dismiss', { jobId: j.id }))}>
                      {t('print.dismiss')}
                    </button>
                  </>
                )}
              </li>
            ))}
        </ul>
      )}
      <PrintStatus outcome={test} testId="test-page-status" />
      <div className="actions">
        <button
          type="button"
          data-testid="printer-test-page"
          disabled={!p}
          onClick={async () => {
            setTest({ state: 'printing' });
            const r = await invoke('printer.testPage', {});
            setTest(r.ok ? { state: 'job', job: r.value } : { state: 'error', message: r.message });
          }}
        >
          {t('devices.testPage')}
        </button>
      </div>
    </div>
  );
}

/** The printer's connection in settings (supervisor). */
export function PrinterSettingsForm(): React.JSX.Element {
  const { t } = useTranslation();
  const [s, setS] = useState<PrinterSettings | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void invoke('printer.settings', {}).then((r) => r.ok && setS(r.value));
  }, []);
  if (!s) return <p className="loading">…</p>;
  const set = (patch: Partial<PrinterSettings>): void => {
    setS({ ...s, ...patch });
    setSaved(false);
  };
  return (
    <div className="card" data-testid="printer-settings">
      <div className="form-grid two">
        <label>
          {t('printerSettings.kind')}
          <select data-testid="printer-kind" value={s.kind} onChange={(e) => set({ kind: e.target.value as PrinterSettings['kind'] })}>
            {(['none', 'tcp', 'serial'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`printerSettings.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('printerSettings.paperWidth')}
          <select value={s.paperWidth} onChange={(e) => set({ paperWidth: Number(e.target.value) === 58 ? 58 : 80 })}>
            <option value={80}>80 mm</option>
            <option value={58}>58 mm</option>
          </select>
        </label>
        {s.kind === 'tcp' && (
          <>
            <label>
              {t('printerSettings.host')}
              <input value={s.host ?? ''} onChange={(e) => set({ host: e.target.value })} />
            </label>
            <label>
              {t('settings.port')}
              <input inputMode="numeric" value={s.port ?? 9100} onChange={(e) => set({ port: Number(e.target.value.replace(/\D/g, '')) || null })} />
            </label>
          </>
        )}
        {s.kind === 'serial' && (
          <>
            <label>
              {t('printerSettings.path')}
              <input value={s.path ?? ''} onChange={(e) => set({ path: e.target.value })} />
            </label>
            <label>
              {t('settings.pinpadBaud')}
              <select value={s.baudRate ?? 9600} onChange={(e) => set({ baudRate: Number(e.target.value) })}>
                {[9600, 19200, 38400, 57600, 115200].map((b) => (
                  <option key={b}>{b}</option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
      {saved && <p className="message message-ok">{t('settings.saved')}</p>}
      <div className="actions">
        <button type="button" className="primary big" data-testid="printer-save" onClick={() => setConfirm(true)}>
          {t('common.save')}
        </button>
      </div>
      {confirm && (
        <SupervisorDialog
          purpose={t('printerSettings.savePurpose')}
          onClose={() => setConfirm(false)}
          onApprove={async (sup) => {
            const r = await invoke('printer.configure', { kind: s.kind, host: s.host, port: s.port, path: s.path, baudRate: s.baudRate, paperWidth: s.paperWidth, supervisor: sup });
            if (!r.ok) return r.message;
            setS(r.value);
            setConfirm(false);
            setSaved(true);
            return null;
          }}
        />
      )}
    </div>
  );
}
