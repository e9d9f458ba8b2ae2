import { useTranslation } from 'react-i18next';
import { inLanguage } from '../bilingual.js';

/** A message from main ("中文 / English") in the chosen language. */
export function Message(props: { text: string | null | undefined; kind?: 'error' | 'info' | 'ok' | 'warn'; testId?: string }): React.JSX.Element | null {
  const { i18n } = useTranslation();
  if (!props.text) return null;
  const kind = props.kind ?? 'error';
  return (
    <p className={`message message-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={props.testId}>
      {inLanguage(props.text, i18n.language)}
    </p>
  );
}

export function useBilingual(): (text: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return (text) => (text ? inLanguage(text, i18n.language) : '');
}
