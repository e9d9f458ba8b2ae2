import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { SupervisorDialog } from '../components/SupervisorDialog.js';
import { ConfigFields, draftOf, problems, requestOf, type ConfigDraft, type ConfigGroup } from './configForm.js';

const STEPS: ConfigGroup[] = ['merchant', 'host', 'pinpad'];

/** 安装调试 / 设置向导: merchant → bank host → PIN pad → confirm (supervisor) → sign in. */
export function SetupWizard(props: { onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ConfigDraft | null>(null);
  const [step, setStep] = useState(0);
  const [issues, setIssues] = useState<string[]>([]);
  const [confirm, setConfirm] = useState(false);
  const [signIn, setSignIn] = useState<{ ok: boolean; message: string } | null>(null);
  useEffect(() => {
    void invoke('terminal.config', {}).then((r) => setDraft(draftOf(r.ok ? r.value : null)));
  }, []);
  if (!draft) return <p className="loading">…</p>;
  const last = step === STEPS.length;
  const next = (): void => {
    const group = STEPS[step];
    const p = group ? problems(draft, group, t) : [];
    setIssues(p);
    if (p.length === 0) {
      if (last) setConfirm(true);
      else setStep(step + 1);
    }
  };
  return (
    <section className="card wizard" data-testid="setup-wizard">
      <h2>{t('setup.title')}</h2>
      <ol className="wizard-steps">
        {[...STEPS, 'confirm' as const].map((s, i) => (
          <li key={s} className={i === step ? 'active' : i < step ? 'done' : undefined}>
            {i + 1}. {t(`setup.step.${s}`)}
          </li>
        ))}
      </ol>
      {!last && <ConfigFields draft={draft} onChange={setDraft} groups={[STEPS[step]!]} />}
      {last && (
        <dl className="status-grid" data-testid="setup-summary">
          <dt>{t('settings.merchantId')}</dt>
          <dd>{draft.merchantId}</dd>
          <dt>{t('settings.terminalId')}</dt>
          <dd>{draft.terminalId}</dd>
          <dt>{t('settings.merchantName')}</dt>
          <dd>{draft.merchantName}</dd>
          <dt>{t('settings.host')}</dt>
          <dd>
            {draft.host}:{draft.port} {draft.tls ? 'TLS' : ''}
          </dd>
          <dt>{t('settings.pinpadPort')}</dt>
          <dd>{draft.pinpadPort || t('settings.autoDetect')}</dd>
          <dt>{t('settings.masterKeySlot')}</dt>
          <dd>{draft.masterKeySlot}</dd>
        </dl>
      )}
      {issues.map((i) => (
        <p key={i} className="message message-error">
          {i}
        </p>
      ))}
      {signIn && <Message text={signIn.message} kind={signIn.ok ? 'ok' : 'error'} testId="setup-signin-result" />}
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          {signIn?.ok ? t('common.close') : t('common.cancel')}
        </button>
        {step > 0 && (
          <button type="button" onClick={() => setStep(step - 1)}>
            {t('common.back')}
          </button>
        )}
        <button type="button" className="primary big" data-testid="setup-next" onClick={next}>
          {last ? t('setup.saveAndSignIn') : t('common.next')}
        </button>
      </div>
      {confirm && (
        <SupervisorDialog
          purpose={t('setup.confirmPurpose')}
          onClose={() => setConfirm(false)}
          onApprove={async (s) => {
            const r = await invoke('terminal.configure', { ...requestOf(draft), supervisor: s });
            if (!r.ok) return r.message;
            setConfirm(false);
            const si = await invoke('terminal.signIn', {});
            setSignIn(si.ok ? { ok: true, message: t('setup.signedIn', { batch: si.value.batch }) } : { ok: false, message: si.message });
            return null;
          }}
        />
      )}
    </section>
  );
}
