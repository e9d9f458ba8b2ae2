import { useTranslation } from 'react-i18next';
import type { TerminalConfigView } from '../../../electron/contract.js';

/** The editable terminal parameters as text, the way the form holds them. */
export interface ConfigDraft {
  merchantId: string;
  terminalId: string;
  merchantName: string;
  host: string;
  port: string;
  tls: boolean;
  pinpadPort: string;
  pinpadBaud: string;
  masterKeySlot: string;
  replyTimeoutMs: string;
  reversalRetries: string;
  dailySignInAt: string;
  signOffAfterSettle: boolean;
}

export type ConfigGroup = 'merchant' | 'host' | 'pinpad' | 'behaviour';

export function draftOf(c: TerminalConfigView | null): ConfigDraft {
  return {
    merchantId: c?.merchantId ?? '',
    terminalId: c?.terminalId ?? '',
    merchantName: c?.merchantName ?? '',
    host: c?.host ?? '',
    port: c ? String(c.port) : '',
    tls: c?.tls ?? false,
    pinpadPort: c?.pinpadPort ?? '',
    pinpadBaud: String(c?.pinpadBaud ?? 9600),
    masterKeySlot: String(c?.masterKeySlot ?? 0),
    replyTimeoutMs: String(c?.replyTimeoutMs ?? 30_000),
    reversalRetries: String(c?.reversalRetries ?? 3),
    dailySignInAt: c?.dailySignInAt ?? '',
    signOffAfterSettle: c?.signOffAfterSettle ?? true,
  };
}

/** The request body of terminal.configure, without the supervisor. */
export function requestOf(d: ConfigDraft) {
  return {
    merchantId: d.merchantId.trim(),
    terminalId: d.terminalId.trim(),
    merchantName: d.merchantName.trim(),
    host: d.host.trim(),
    port: Number(d.port),
    tls: d.tls,
    pinpadPort: d.pinpadPort.trim() || null,
    pinpadBaud: Number(d.pinpadBaud),
    masterKeySlot: Number(d.masterKeySlot),
    replyTimeoutMs: Number(d.replyTimeoutMs),
    reversalRetries: Number(d.reversalRetries),
    dailySignInAt: d.dailySignInAt.trim() || null,
    signOffAfterSettle: d.signOffAfterSettle,
  };
}

/** What is wrong with a group, in the cashier's language, before main is asked. */
export function problems(d: ConfigDraft, group: ConfigGroup, t: (k: 'setup.bad.mid' | 'setup.bad.tid' | 'setup.bad.host' | 'setup.bad.port' | 'setup.bad.slot') => string): string[] {
  const out: string[] = [];
  if (group === 'merchant') {
    if (!/^\d{15}$/.test(d.merchantId.trim())) out.push(t('setup.bad.mid'));
    if (!/^\d{8}$/.test(d.terminalId.trim())) out.push(t('setup.bad.tid'));
  }
  if (group === 'host') {
    if (!d.host.trim()) out.push(t('setup.bad.host'));
    const p = Number(d.port);
    if (!Number.isInteger(p) || p < 1 || p > 65535) out.push(t('setup.bad.port'));
  }
  if (group === 'pinpad') {
    const s = Number(d.masterKeySlot);
    if (!Number.isInteger(s) || s < 0 || s > 9) out.push(t('setup.bad.slot'));
  }
  return out;
}

export function ConfigFields(props: { draft: ConfigDraft; onChange: (d: ConfigDraft) => void; groups: ConfigGroup[] }): React.JSX.Element {
  const { t } = useTranslation();
  const d = props.draft;
  const text = (k: keyof ConfigDraft, label: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}): React.JSX.Element => (
    <label>
      {label}
      <input data-testid={`config-${k}`} value={String(d[k])} onChange={(e) => props.onChange({ ...d, [k]: e.target.value })} {...extra} />
    </label>
  );
  const check = (k: 'tls' | 'signOffAfterSettle', label: string): React.JSX.Element => (
    <label className="check">
      <input type="checkbox" data-testid={`config-${k}`} checked={d[k]} onChange={(e) => props.onChange({ ...d, [k]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <div className="form-grid two">
      {props.groups.includes('merchant') && (
        <>
          {text('merchantId', t('settings.merchantId'), { maxLength: 15, inputMode: 'numeric' })}
          {text('terminalId', t('settings.terminalId'), { maxLength: 8, inputMode: 'numeric' })}
          {text('merchantName', t('settings.merchantName'), { maxLength: 40 })}
        </>
      )}
      {props.groups.includes('host') && (
        <>
          {text('host', t('settings.host'))}
          {text('port', t('settings.port'), { inputMode: 'numeric', maxLength: 5 })}
          {check('tls', t('settings.tls'))}
          {text('replyTimeoutMs', t('settings.replyTimeout'), { inputMode: 'numeric' })}
        </>
      )}
      {props.groups.includes('pinpad') && (
        <>
          {text('pinpadPort', t('settings.pinpadPort'), { placeholder: t('settings.autoDetect') })}
          <label>
            {t('settings.pinpadBaud')}
            <select data-testid="config-pinpadBaud" value={d.pinpadBaud} onChange={(e) => props.onChange({ ...d, pinpadBaud: e.target.value })}>
              {['9600', '19200', '38400', '57600', '115200'].map((b) => (
                <option key={b}>{b}</option>
              ))}
            </select>
          </label>
          {text('masterKeySlot', t('settings.masterKeySlot'), { inputMode: 'numeric', maxLength: 1 })}
        </>
      )}
      {props.groups.includes('behaviour') && (
        <>
          {text('reversalRetries', t('settings.reversalRetries'), { inputMode: 'numeric', maxLength: 2 })}
          {text('dailySignInAt', t('settings.dailySignInAt'), { placeholder: 'HH:MM', maxLength: 5 })}
          {check('signOffAfterSettle', t('settings.signOffAfterSettle'))}
        </>
      )}
    </div>
  );
}
