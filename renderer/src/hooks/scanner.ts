// A serial barcode scanner (scanner.scan events from main) types into whatever screen
// is waiting for a code: the sale screen's barcode field, or the QR step's payment code.
// The newest enabled listener gets the code, like keyboard focus.
import { useEffect, useRef } from 'react';
import { onSafe } from './live.js';

const listeners: Array<{ id: number; fn: () => (code: string) => void }> = [];
let nextId = 1;
let subscribed = false;

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  onSafe('scanner.scan', ({ code }) => listeners[listeners.length - 1]?.fn()(code));
}

export function useScannerInput(fn: (code: string) => void, enabled = true): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (!enabled) return;
    subscribe();
    const entry = { id: nextId++, fn: () => ref.current };
    listeners.push(entry);
    return () => {
      const i = listeners.findIndex((l) => l.id === entry.id);
      if (i >= 0) listeners.splice(i, 1);
    };
  }, [enabled]);
}
