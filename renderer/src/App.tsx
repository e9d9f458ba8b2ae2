import { useTranslation } from 'react-i18next';
import { setLanguage } from './i18n/index.js';
import { BootScreen } from './screens/BootScreen.js';

export function App(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  return (
    <div className="app">
      <header className="topbar">
        <h1>{t('appName')}</h1>
        <button type="button" data-testid="language-switch" onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
      </header>
      <main>
        <BootScreen />
      </main>
    </div>
  );
}
