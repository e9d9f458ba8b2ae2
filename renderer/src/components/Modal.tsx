import { useEffect, useRef, type ReactNode } from 'react';
import { HotkeyLayerContext, useHotkeyLayer } from '../hooks/hotkeys.js';

/** A dialog that owns the keyboard while open: Esc closes it, the layers below wait. */
export function Modal(props: { title: string; onClose?: () => void; children: ReactNode; testId?: string; wide?: boolean; footer?: ReactNode }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const layer = useHotkeyLayer({ Escape: () => props.onClose?.() });
  useEffect(() => {
    // Focus the first field (or the dialog) so typing goes here, not to the sale screen.
    const el = ref.current;
    if (!el) return;
    if (el.contains(document.activeElement) && document.activeElement !== el) return;
    const first = el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select, textarea, button.primary');
    (first ?? el).focus();
  }, []);
  return (
    <HotkeyLayerContext.Provider value={layer}>
    <div className="modal-backdrop">
      <div ref={ref} className={`modal${props.wide ? ' modal-wide' : ''}`} role="dialog" aria-modal="true" aria-label={props.title} data-testid={props.testId} tabIndex={-1}>
        <header className="modal-head">
          <h2>{props.title}</h2>
          {props.onClose && (
            <button type="button" className="icon-button" aria-label="Esc" onClick={props.onClose}>
              Esc ✕
            </button>
          )}
        </header>
        <div className="modal-body">{props.children}</div>
        {props.footer && <footer className="modal-foot">{props.footer}</footer>}
      </div>
    </div>
    </HotkeyLayerContext.Provider>
  );
}
