import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from './Modal.js';
import { Message } from './Message.js';
import { Numpad, applyKey } from './Numpad.js';

export interface SupervisorInput {
  operatorId: string;
  password: string;
}

/**
 * A supervisor (00) or admin (99) confirms with number and password. `onApprove` does
 * the protected call and returns its error message, or null when it went through.
 */
export function SupervisorDialog(props: { purpose: string; onApprove: (s: SupervisorInput) => Promise<string | null>; onClose: () => void; children?: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation();
  const [operatorId, setOperatorId] = useState('00');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<'id' | 'password'>('password');
  const submit = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const err = await props.onApprove({ operatorId, password });
    setBusy(false);
    if (err) {
      setError(err);
      setPassword('');
    }
  };
  return (
    <Modal title={t('supervisor.title')} onClose={props.onClose} testId="supervisor-dialog">
      <p className="lead">{props.purpose}</p>
      {props.children}
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('supervisor.operatorId')}
          <input data-testid="supervisor-id" inputMode="numeric" maxLength={2} value={operatorId} onFocus={() => setField('id')} onChange={(e) => setOperatorId(e.target.value.replace(/\D/g, ''))} />
        </label>
        <label>
          {t('supervisor.password')}
          <input data-testid="supervisor-password" data-autofocus type="password" inputMode="numeric" maxLength={12} autoComplete="off" value={password} onFocus={() => setField('password')} onChange={(e) => setPassword(e.target.value.replace(/\D/g, ''))} />
        </label>
        <Message text={error} testId="supervisor-error" />
        <Numpad onKey={(k) => (field === 'id' ? setOperatorId((v) => applyKey(v, k, 2)) : setPassword((v) => applyKey(v, k)))} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || password.length < 4} data-testid="supervisor-confirm">
            {busy ? t('common.working') : t('supervisor.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
