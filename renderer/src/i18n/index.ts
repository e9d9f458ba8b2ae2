import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const LANGUAGE_KEY = 'cashdesk.language';

// zh-CN is the default (issue 7); English is a switch kept per machine.
void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: localStorage.getItem(LANGUAGE_KEY) ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(lng: 'zh-CN' | 'en'): void {
  localStorage.setItem(LANGUAGE_KEY, lng);
  void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

export default i18next;
