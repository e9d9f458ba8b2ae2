import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentProgress } from '../../../electron/contract.js';
import { onSafe } from '../hooks/live.js';

/** The pad / bank step of the payment running now (void and refund read the card too). */
export function ProgressLine(): React.JSX.Element | null {
  const { t } = useTranslation();
  const [p, setP] = useState<PaymentProgress | null>(null);
  useEffect(() => onSafe('payment.progress', setP), []);
  if (!p) return null;
  return (
    <p className="progress-line" data-testid="progress-line" data-step={p.step}>
      {t(`payStep.${p.step}`)}
    </p>
  );
}
