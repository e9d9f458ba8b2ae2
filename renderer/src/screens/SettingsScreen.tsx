import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator, PolicySettings, SignInPolicy } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { SupervisorDialog, type SupervisorInput } from '../components/SupervisorDialog.js';
import { ConfigFields, draftOf, problems, requestOf, type ConfigDraft } from './configForm.js';
import { SetupWizard } from './SetupWizard.js';
import { PrinterSettingsForm } from './PrinterPanels.js';

type Section = 'terminal' | 'policy' | 'operators' | 'printer';

/** 设置: terminal parameters, the sign-in policy and operators; every change needs a supervisor. */
export function SettingsScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('terminal');
  const [wizard, setWizard] = useState(false);
  if (wizard) return <SetupWizard onClose={() => setWizard(false)} />;
  return (
    <section className="settings" data-testid="settings-screen">
      <div className="toolbar">
        <div className="segmented" role="tablist">
          {(['terminal', 'policy', 'operators', 'printer'] as const).map((s) => (
            <button key={s} type="button" role="tab" aria-selected={section === s} className={section === s ? 'active' : undefined} data-testid={`settings-${s}`} onClick={() => setSection(s)}>
              {t(`settings.section.${s}`)}
            </button>
          ))}
        </div>
        <button type="button" data-testid="open-wizard" onClick={() => setWizard(true)}>
          {t('setup.title')}
        </button>
      </div>
      {section === 'terminal' && <TerminalSettings />}
      {section === 'policy' && <PolicySettingsForm />}
      {section === 'operators' && <OperatorsSettings />}
      {section === 'printer' && <PrinterSettingsForm />}
    </section>
  );
}

function TerminalSettings(): React.JSX.Element {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ConfigDraft | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [issues, setIssues] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void invoke('terminal.config', {}).then((r) => setDraft(draftOf(r.ok ? r.value : null)));
  }, []);
  if (!draft) return <p className="loading">…</p>;
  return (
    <div className="card">
      <ConfigFields draft={draft} onChange={(d) => { setDraft(d); setSaved(false); }} groups={['merchant', 'host', 'pinpad', 'behaviour']} />
      {issues.map((i) => (
        <p key={i} className="message message-error">
          {i}
        </p>
      ))}
      {saved && <p className="message message-ok">{t('settings.saved')}</p>}
      <div className="actions">
        <button
          type="button"
          className="primary big"
          data-testid="config-save"
          onClick={() => {
            const p = [...problems(draft, 'merchant', t), ...problems(draft, 'host', t), ...problems(draft, 'pinpad', t)];
            setIssues(p);
            if (!p.length) setConfirm(true);
          }}
        >
          {t('common.save')}
        </button>
      </div>
      {confirm && (
        <SupervisorDialog
          purpose={t('settings.savePurpose')}
          onClose={() => setConfirm(false)}
          onApprove={async (s) => {
            const r = await invoke('terminal.configure', { ...requestOf(draft), supervisor: s });
            if (!r.ok) return r.message;
            setDraft(draftOf(r.value));
            setConfirm(false);
            setSaved(true);
            return null;
          }}
        />
      )}
    </div>
  );
}

function PolicySettingsForm(): React.JSX.Element {
  const { t } = useTranslation();
  const [p, setP] = useState<PolicySettings | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void invoke('operator.policy', {}).then((r) => r.ok && setP(r.value));
  }, []);
  if (!p) return <p className="loading">…</p>;
  return (
    <div className="card" data-testid="policy-form">
      <fieldset className="radio-list">
        <legend>{t('policy.title')}</legend>
        {(['per-shift', 'per-transaction', 'idle-lock'] as SignInPolicy[]).map((x) => (
          <label key={x} className="check">
            <input type="radio" name="policy" data-testid={`policy-${x}`} checked={p.policy === x} onChange={() => { setP({ ...p, policy: x }); setSaved(false); }} />
            <span>
              <strong>{t(`policy.${x}`)}</strong> <span className="muted">{t(`policy.hint.${x}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form-grid two">
        <label>
          {t('policy.idleMinutes')}
          <input type="number" min={1} max={240} value={p.idleMinutes} onChange={(e) => setP({ ...p, idleMinutes: Number(e.target.value) })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={p.supervisorAtSignIn} onChange={(e) => setP({ ...p, supervisorAtSignIn: e.target.checked })} />
          {t('policy.supervisorAtSignIn')}
        </label>
      </div>
      {saved && <p className="message message-ok">{t('settings.saved')}</p>}
      <div className="actions">
        <button type="button" className="primary big" data-testid="policy-save" onClick={() => setConfirm(true)}>
          {t('common.save')}
        </button>
      </div>
      {confirm && (
        <SupervisorDialog
          purpose={t('policy.savePurpose')}
          onClose={() => setConfirm(false)}
          onApprove={async (s) => {
            const r = await invoke('operator.setPolicy', { policy: p.policy, idleMinutes: p.idleMinutes, supervisorAtSignIn: p.supervisorAtSignIn, supervisor: s });
            if (!r.ok) return r.message;
            setP(r.value);
            setConfirm(false);
            setSaved(true);
            return null;
          }}
        />
      )}
    </div>
  );
}

function OperatorsSettings(): React.JSX.Element {
  const { t } = useTranslation();
  const [list, setList] = useState<Operator[]>([]);
  const [adding, setAdding] = useState<{ id: string; name: string; password: string } | null>(null);
  const [approve, setApprove] = useState<{ purpose: string; run: (s: SupervisorInput) => Promise<string | null> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await invoke('operator.list', {});
    if (r.ok) setList(r.value);
    else setError(r.message);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="card" data-testid="operators-list">
      <Message text={error} />
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('operators.id')}</th>
            <th>{t('operators.name')}</th>
            <th>{t('operators.role')}</th>
            <th>{t('operators.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((o) => {
            const locked = o.lockedUntil !== null && Date.parse(o.lockedUntil) > Date.now();
            return (
              <tr key={o.id}>
                <td className="mono">{o.id}</td>
                <td>{o.name}</td>
                <td>{t(`role.${o.role}`)}</td>
                <td>{locked ? <span className="status status-declined">{t('operators.locked')}</span> : o.active ? t('operators.active') : t('operators.inactive')}</td>
                <td>
                  {locked && (
                    <button
                      type="button"
                      onClick={() =>
                        setApprove({
                          purpose: t('operators.unlockPurpose', { id: o.id }),
                          run: async (s) => {
                            const r = await invoke('operator.unlockOperator', { id: o.id, supervisor: s });
                            if (!r.ok) return r.message;
                            await load();
                            return null;
                          },
                        })
                      }
                    >
                      {t('operators.unlock')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {adding ? (
        <form
          className="form-grid two"
          onSubmit={(e) => {
            e.preventDefault();
            const a = adding;
            setApprove({
              purpose: t('operators.addPurpose', { id: a.id }),
              run: async (s) => {
                const r = await invoke('operator.add', { id: a.id, name: a.name || undefined, password: a.password, supervisor: s });
                if (!r.ok) return r.message;
                setAdding(null);
                await load();
                return null;
              },
            });
          }}
        >
          <label>
            {t('operators.id')}
            <input inputMode="numeric" maxLength={2} value={adding.id} onChange={(e) => setAdding({ ...adding, id: e.target.value.replace(/\D/g, '') })} />
          </label>
          <label>
            {t('operators.name')}
            <input maxLength={32} value={adding.name} onChange={(e) => setAdding({ ...adding, name: e.target.value })} />
          </label>
          <label>
            {t('signIn.password')}
            <input type="password" inputMode="numeric" maxLength={12} value={adding.password} onChange={(e) => setAdding({ ...adding, password: e.target.value.replace(/\D/g, '') })} />
          </label>
          <div className="actions">
            <button type="button" onClick={() => setAdding(null)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary">
              {t('operators.add')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setAdding({ id: '', name: '', password: '' })}>
            {t('operators.add')}
          </button>
        </div>
      )}
      {approve && (
        <SupervisorDialog
          purpose={approve.purpose}
          onClose={() => setApprove(null)}
          onApprove={async (s) => {
            const err = await approve.run(s);
            if (!err) setApprove(null);
            return err;
          }}
        />
      )}
    </div>
  );
}
