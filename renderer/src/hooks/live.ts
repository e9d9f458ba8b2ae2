// Live views of main-side state: the current value from its channel, then every event.
import { useCallback, useEffect, useState } from 'react';
import type { AppStatus, CustomerDisplayState, OperatorSession, PaymentProgress, PinpadStateView, PrinterStatusView, TerminalStatus } from '../../../electron/contract.js';
import { RECONNECTED_EVENT, invoke, on } from '../api.js';

type LiveChannel = 'app.status' | 'terminal.status' | 'operator.session' | 'pinpad.state' | 'customer.state' | 'printer.status';

interface LiveMap {
  'app.status': AppStatus;
  'terminal.status': TerminalStatus;
  'operator.session': OperatorSession;
  'pinpad.state': PinpadStateView;
  'customer.state': CustomerDisplayState;
  'printer.status': PrinterStatusView | null;
}

const EVENT_OF = {
  'app.status': 'app.status',
  'terminal.status': 'terminal.status',
  'operator.session': 'operator.session',
  'pinpad.state': 'pinpad.state',
  'customer.state': 'customer.display',
  'printer.status': 'printer.status',
} as const;

/** Subscribes without throwing when the event is not (yet) in the contract. */
export function onSafe<E extends Parameters<typeof on>[0]>(event: E, fn: Parameters<typeof on<E>>[1]): () => void {
  try {
    return on(event, fn);
  } catch {
    return () => undefined;
  }
}

export interface Live<T> {
  value: T | null;
  error: string | null;
  refresh: () => void;
}

export function useLive<C extends LiveChannel>(channel: C): Live<LiveMap[C]> {
  const [value, setValue] = useState<LiveMap[C] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    void (invoke as (c: LiveChannel, p: object) => Promise<{ ok: true; value: unknown } | { ok: false; message: string }>)(channel, {}).then((r) => {
      if (r.ok) {
        setValue(r.value as LiveMap[C]);
        setError(null);
      } else setError(r.message);
    });
  }, [channel]);
  useEffect(() => {
    refresh();
    const off = onSafe(EVENT_OF[channel], (p) => setValue(p as unknown as LiveMap[C]));
    window.addEventListener(RECONNECTED_EVENT, refresh);
    return () => {
      off();
      window.removeEventListener(RECONNECTED_EVENT, refresh);
    };
  }, [channel, refresh]);
  return { value, error, refresh };
}

/** The newest payment.progress event (null until the first one). */
export function usePaymentProgress(): PaymentProgress | null {
  const [p, setP] = useState<PaymentProgress | null>(null);
  useEffect(() => onSafe('payment.progress', setP), []);
  return p;
}

/** Seconds left until an ISO instant, ticking once a second; null without a deadline. */
export function useCountdown(deadline: string | null | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadline) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [deadline]);
  if (!deadline) return null;
  return Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000));
}
