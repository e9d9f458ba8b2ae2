import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerminalStatus } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import { Message } from '../components/Message.js';
import { Numpad, applyKey } from '../components/Numpad.js';
import { useHotkeys } from '../hooks/hotkeys.js';

type Stage = { kind: 'credentials' } | { kind: 'account'; accounts: Array<{ id: string; name: string }> } | { kind: 'supervisor'; accountId: string | undefined };

/** 操作员签到: number and password (numpad or keyboard), then an account or a supervisor when main asks. */
export function OperatorSignIn(props: { terminal: TerminalStatus | null }): React.JSX.Element {
  const { t } = useTranslation();
  const [operatorId, setOperatorId] = useState('');
  const [password, setPassword] = useState('');
  const [supId, setSupId] = useState('00');
  const [supPassword, setSupPassword] = useState('');
  const [field, setField] = useState<'id' | 'password' | 'supId' | 'supPassword'>('id');
  const [stage, setStage] = useState<Stage>({ kind: 'credentials' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idRef = useRef<HTMLInputElement>(null);
  const pwRef = useRef<HTMLInputElement>(null);
  const supPwRef = useRef<HTMLInputElement>(null);

  const submit = async (extra: { accountId?: string; supervisor?: { operatorId: string; password: string } } = {}): Promise<void> => {
    if (busy) return;
    if (!/^\d{2}$/.test(operatorId)) {
      setError(t('signIn.needId'));
      idRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await invoke('operator.signIn', { operatorId, password, ...extra });
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      if (extra.supervisor) {
        setSupPassword('');
        supPwRef.current?.focus();
      } else {
        setPassword('');
        setStage({ kind: 'credentials' });
        pwRef.current?.focus();
      }
      return;
    }
    const v = r.value;
    if (v.status === 'choose-account') setStage({ kind: 'account', accounts: v.accounts });
    else if (v.status === 'needs-supervisor') {
      setStage({ kind: 'supervisor', accountId: extra.accountId });
      setField('supPassword');
      setTimeout(() => supPwRef.current?.focus(), 0);
    }
    // signed-in: the operator.session event moves the app on.
  };

  useHotkeys(
    Object.fromEntries(
      stage.kind === 'account'
        ? stage.accounts.map((a, i) => [String(i + 1), () => void submit({ accountId: a.id })])
        : [],
    ),
    { enabled: stage.kind === 'account' },
  );

  const onPad = (k: string): void => {
    if (field === 'id') {
      const next = applyKey(operatorId, k, 2);
      setOperatorId(next);
      if (next.length === 2 && k !== 'Backspace' && k !== 'Clear') {
        setField('password');
        pwRef.current?.focus();
      }
    } else if (field === 'password') setPassword((v) => applyKey(v, k));
    else if (field === 'supId') setSupId((v) => applyKey(v, k, 2));
    else setSupPassword((v) => applyKey(v, k));
  };
  const onEnter = (): void => {
    if (stage.kind === 'supervisor') void submit({ accountId: stage.accountId, supervisor: { operatorId: supId, password: supPassword } });
    else if (field === 'id' && operatorId.length === 2 && !password) {
      setField('password');
      pwRef.current?.focus();
    } else void submit();
  };

  const s = props.terminal;
  return (
    <section className="signin-layout" data-testid="operator-signin">
      <aside className="card terminal-summary" data-testid="terminal-summary">
        <h3>{t('signIn.terminal')}</h3>
        {s ? (
          <dl className="status-grid">
            <dt>{t('slip.merchantName')}</dt>
            <dd>{s.merchantName ?? '—'}</dd>
            <dt>{t('slip.merchantId')}</dt>
            <dd>{s.merchantId ?? '—'}</dd>
            <dt>{t('slip.terminalId')}</dt>
            <dd>{s.terminalId ?? '—'}</dd>
            <dt>{t('top.terminal')}</dt>
            <dd data-testid="summary-terminal-state">{t(`signInStep.${s.step}`)}</dd>
            <dt>{t('top.batch')}</dt>
            <dd data-testid="summary-batch">{s.batchNo ?? '—'}</dd>
            <dt>{t('signIn.keys')}</dt>
            <dd>{s.keys.length ? s.keys.join(' · ') : '—'}</dd>
          </dl>
        ) : (
          <p>…</p>
        )}
      </aside>
      <div className="card signin-card">
        <h2>{t('signIn.title')}</h2>
        <form
          className="signin-form"
          onSubmit={(e) => {
            e.preventDefault();
            onEnter();
          }}
        >
          {stage.kind !== 'supervisor' && (
            <>
              <label className="field-big">
                {t('signIn.operatorId')}
                <input
                  ref={idRef}
                  data-testid="signin-operator"
                  autoFocus
                  inputMode="numeric"
                  maxLength={2}
                  autoComplete="off"
                  value={operatorId}
                  onFocus={() => setField('id')}
                  onChange={(e) => {
                    const v = e.target.value.replace(/\D/g, '').slice(0, 2);
                    setOperatorId(v);
                    if (v.length === 2) pwRef.current?.focus();
                  }}
                />
              </label>
              <label className="field-big">
                {t('signIn.password')}
                <input ref={pwRef} data-testid="signin-password" type="password" inputMode="numeric" maxLength={12} autoComplete="off" value={password} onFocus={() => setField('password')} onChange={(e) => setPassword(e.target.value.replace(/\D/g, ''))} />
              </label>
            </>
          )}
          {stage.kind === 'account' && (
            <div className="choice-list" data-testid="account-choice">
              <p className="lead">{t('signIn.chooseAccount')}</p>
              {stage.accounts.map((a, i) => (
                <button key={a.id} type="button" className="big" onClick={() => void submit({ accountId: a.id })}>
                  <kbd>{i + 1}</kbd> {a.name} <span className="muted">{a.id}</span>
                </button>
              ))}
            </div>
          )}
          {stage.kind === 'supervisor' && (
            <div data-testid="signin-supervisor">
              <p className="lead">{t('signIn.needsSupervisor', { id: operatorId })}</p>
              <label className="field-big">
                {t('supervisor.operatorId')}
                <input data-testid="signin-supervisor-id" inputMode="numeric" maxLength={2} value={supId} onFocus={() => setField('supId')} onChange={(e) => setSupId(e.target.value.replace(/\D/g, ''))} />
              </label>
              <label className="field-big">
                {t('supervisor.password')}
                <input ref={supPwRef} data-testid="signin-supervisor-password" type="password" inputMode="numeric" maxLength={12} value={supPassword} onFocus={() => setField('supPassword')} onChange={(e) => setSupPassword(e.target.value.replace(/\D/g, ''))} />
              </label>
              <button type="button" onClick={() => setStage({ kind: 'credentials' })}>
                {t('common.back')}
              </button>
            </div>
          )}
          <Message text={error} testId="signin-error" />
          <Numpad onKey={onPad} />
          <button type="submit" className="primary big" data-testid="signin-submit" disabled={busy}>
            {busy ? t('common.working') : t('signIn.submit')}
          </button>
        </form>
      </div>
    </section>
  );
}

/** 锁屏: only the same operator unlocks; a different one switches (ends the session). */
export function LockScreen(props: { operatorId: string | null }): React.JSX.Element {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await invoke('operator.unlock', { password });
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      setPassword('');
    }
  };
  return (
    <section className="lock-layout" data-testid="lock-screen">
      <div className="card signin-card">
        <div className="lock-icon" aria-hidden="true">
          🔒
        </div>
        <h2>{t('lock.title')}</h2>
        <p className="lead">{t('lock.body', { id: props.operatorId ?? '' })}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field-big">
            {t('signIn.password')}
            <input data-testid="unlock-password" autoFocus type="password" inputMode="numeric" maxLength={12} value={password} onChange={(e) => setPassword(e.target.value.replace(/\D/g, ''))} />
          </label>
          <Message text={error} testId="unlock-error" />
          <Numpad onKey={(k) => setPassword((v) => applyKey(v, k))} onEnter={() => void submit()} enterLabel={t('lock.unlock')} />
          <div className="actions">
            <button type="button" className="big" data-testid="lock-switch" onClick={() => void invoke('operator.switch', {})}>
              {t('top.switch')}
            </button>
            <button type="submit" className="primary big" data-testid="unlock-submit" disabled={busy || password.length < 4}>
              {t('lock.unlock')}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
