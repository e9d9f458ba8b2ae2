import { useTranslation } from 'react-i18next';
import type { DeviceMessage, PrintJobView, ReceiptPrintResult } from '../../../electron/contract.js';

export type PrintOutcome = { state: 'printing' } | { state: 'done'; result: ReceiptPrintResult } | { state: 'job'; job: PrintJobView } | { state: 'error'; message: string };

/** A device message in the cashier's language. */
export function deviceText(m: DeviceMessage | null, language: string): string {
  if (!m) return '';
  return language.startsWith('en') ? m.en : m.zh;
}

/** What became of a print: printed, queued for the printer, or why not. */
export function PrintStatus(props: { outcome: PrintOutcome | null; testId?: string }): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const o = props.outcome;
  if (!o) return null;
  let kind = 'info';
  let text: string;
  if (o.state === 'printing') text = t('print.printing');
  else if (o.state === 'error') {
    kind = 'error';
    text = o.message.includes(' / ') ? o.message.split(' / ')[i18n.language.startsWith('en') ? 1 : 0]! : o.message;
  } else {
    const jobs = o.state === 'done' ? o.result.jobs : [o.job];
    const failed = jobs.find((j) => j.state === 'failed');
    if (failed) {
      kind = 'error';
      text = `${t('print.failed')} ${deviceText(failed.error, i18n.language)}`;
    } else if (jobs.every((j) => j.state === 'printed')) {
      kind = 'ok';
      text = t('print.printed');
    } else text = t('print.queued');
  }
  return (
    <p className={`message message-${kind} print-status`} data-testid={props.testId ?? 'print-status'} data-state={kind}>
      {text}
    </p>
  );
}
