import { useTranslation } from 'react-i18next';

/**
 * The on-screen numpad of a touch counter. Its keys never take focus (mousedown is
 * swallowed), so the field keeps the caret and the keyboard keeps working alongside.
 */
export function Numpad(props: { onKey: (key: string) => void; onEnter?: () => void; dot?: boolean; testId?: string; enterLabel?: string }): React.JSX.Element {
  const { t } = useTranslation();
  const keys = ['7', '8', '9', '4', '5', '6', '1', '2', '3', props.dot ? '.' : '00', '0', '⌫'];
  return (
    <div className="numpad" data-testid={props.testId ?? 'numpad'}>
      {keys.map((k) => (
        <button key={k} type="button" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => props.onKey(k === '⌫' ? 'Backspace' : k)} aria-label={k === '⌫' ? t('numpad.backspace') : k}>
          {k}
        </button>
      ))}
      <button type="button" tabIndex={-1} className="numpad-clear" onMouseDown={(e) => e.preventDefault()} onClick={() => props.onKey('Clear')}>
        {t('numpad.clear')}
      </button>
      {props.onEnter && (
        <button type="button" tabIndex={-1} className="numpad-enter primary" onMouseDown={(e) => e.preventDefault()} onClick={props.onEnter}>
          {props.enterLabel ?? t('numpad.enter')}
        </button>
      )}
    </div>
  );
}

/** Applies a numpad key to a field's text. */
export function applyKey(value: string, key: string, maxLength = 12): string {
  if (key === 'Backspace') return value.slice(0, -1);
  if (key === 'Clear') return '';
  if (key === '.' && value.includes('.')) return value;
  return (value + key).slice(0, maxLength);
}
