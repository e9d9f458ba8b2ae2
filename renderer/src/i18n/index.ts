import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const LANGUAGE_KEY = 'cashdesk.language';

type Language = 'zh-CN' | 'en';
const stored = (): Language => (localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN');

// zh-CN is the default (issue 7); English is a switch kept per machine.
void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: stored(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});
document.documentElement.lang = stored();

export function setLanguage(lng: Language): void {
  localStorage.setItem(LANGUAGE_KEY, lng);
  void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

// The customer display is another window of the same origin: it follows the switch.
window.addEventListener('storage', (e) => {
  if (e.key === LANGUAGE_KEY) {
    const lng = stored();
    void i18next.changeLanguage(lng);
    document.documentElement.lang = lng;
  }
});

export default i18next;
